package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation shared by the JSON and HTML parsers, so both produce the same {@link IndexFile} from the same facts.
 * Each check throws {@link IndexFormatException} naming the problem; the parser then skips the entry with a warning.
 */
final class FileEntries {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern HASH_NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final int MAX_FILENAME = 255;
    private static final int MAX_HASHES = 16;

    private FileEntries() {}

    /**
     * A filename is used in URL paths (Integrity API) and compared with attestation subjects: refuse anything that
     * could be a path (separators, {@code .}/{@code ..}), control characters, or absurd lengths.
     */
    static String filename(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IndexFormatException("empty filename");
        }
        if (raw.length() > MAX_FILENAME) {
            throw new IndexFormatException("filename longer than " + MAX_FILENAME + " characters");
        }
        if (raw.equals(".") || raw.equals("..") || raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0) {
            throw new IndexFormatException("filename '" + Texts.clip(raw) + "' looks like a path");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IndexFormatException("filename '" + Texts.clip(raw) + "' contains a control character");
            }
        }
        return raw;
    }

    /** Adds one hash, checking the name and that the value is hex of the right length for known algorithms. */
    static void addHash(Map<String, String> into, String name, String value) {
        String algo = Ascii.toLowerCase(name);
        if (!HASH_NAME.matcher(algo).matches()) {
            throw new IndexFormatException("hash name '" + Texts.clip(name) + "' is not a hash algorithm name");
        }
        if (value == null || !HEX.matcher(value).matches()) {
            throw new IndexFormatException(algo + " digest '" + Texts.clip(value) + "' is not hexadecimal");
        }
        int expected = expectedHexLength(algo);
        if (expected > 0 && value.length() != expected) {
            throw new IndexFormatException(algo + " digest has " + value.length() + " hex digits, expected " + expected);
        }
        if (into.size() >= MAX_HASHES) {
            throw new IndexFormatException("more than " + MAX_HASHES + " hashes");
        }
        if (into.putIfAbsent(algo, Ascii.toLowerCase(value)) != null) {
            throw new IndexFormatException("two " + algo + " digests");
        }
    }

    static Map<String, String> newHashes() {
        return new LinkedHashMap<>();
    }

    private static int expectedHexLength(String algo) {
        switch (algo) {
            case "md5":
                return 32;
            case "sha1":
                return 40;
            case "sha224":
            case "sha3_224":
                return 56;
            case "sha256":
            case "sha3_256":
            case "blake2s":
                return 64;
            case "sha384":
            case "sha3_384":
                return 96;
            case "sha512":
            case "sha3_512":
            case "blake2b":
                return 128;
            default:
                return -1;
        }
    }

    /**
     * A provenance value from a page: absolute URLs are listed as given (scheme and origin rules are enforced at
     * lookup time); relative ones are invalid unless the page is a mirror directory.
     */
    static ProvenanceLink provenance(String value, PageBase base) {
        if (value.isEmpty()) {
            return new ProvenanceLink.Invalid(value, "empty provenance URL");
        }
        if (!PageBase.isAbsolute(value) && !base.relativeProvenanceAllowed()) {
            return new ProvenanceLink.Invalid(value,
                    "relative provenance URL; PEP 740 requires an absolute https URL");
        }
        Optional<String> resolved = base.resolve(value);
        if (resolved.isEmpty()) {
            return new ProvenanceLink.Invalid(value, "not a usable URL");
        }
        return new ProvenanceLink.Listed(resolved.get());
    }

    /** The download URL, resolved against the page; the fragment is dropped (hashes are read from it first). */
    static String url(String href, PageBase base) {
        String noFragment = stripFragment(href);
        return base.resolve(noFragment).orElseThrow(
                () -> new IndexFormatException("file URL '" + Texts.clip(href) + "' is not a usable URL"));
    }

    static String stripFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }
}
