package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What signed metadata says about a file it lists: a {@code meta} entry of the timestamp or snapshot (version, and
 * length and hashes when given) or a target of the targets metadata (length and hashes, both required).
 *
 * @param version the metadata version it names; 0 for a target
 * @param hashes  the hashes this client can check ({@code sha256}, {@code sha512}), hex
 */
record TufFileInfo(String listedIn, int version, OptionalLong length, Map<String, String> hashes) {
    /** TUF hash names and their Java names, checked in this order. */
    private static final Map<String, String> ALGORITHMS = orderedAlgorithms();

    TufFileInfo {
        hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    private static Map<String, String> orderedAlgorithms() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sha256", "SHA-256");
        m.put("sha512", "SHA-512");
        return Collections.unmodifiableMap(m);
    }

    /** The {@code meta} entry for {@code name} in timestamp or snapshot metadata. */
    static TufFileInfo meta(TufMetadata listing, String name) throws TufCheckException {
        JsonNode entry = listing.signed().path("meta").path(name);
        JsonNode version = entry.path("version");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw TufMetadata.malformed(listing.file(), "names no valid version of " + name);
        }
        return new TufFileInfo(listing.file(), version.intValue(), length(listing, entry, name, false),
                hashes(entry));
    }

    /** The top-level target {@code name} in targets metadata; delegated roles are never consulted. */
    static TufFileInfo target(TufMetadata targets, String name) throws TufCheckException {
        JsonNode entry = targets.signed().path("targets").path(name);
        if (!entry.isObject()) {
            throw new TufCheckException(TufCheck.NOT_LISTED, targets.file() + ": lists no " + name
                    + " (delegated roles are never consulted for it)");
        }
        Map<String, String> hashes = hashes(entry);
        if (hashes.isEmpty()) {
            throw TufMetadata.malformed(targets.file(), "gives no sha256 or sha512 for " + name);
        }
        return new TufFileInfo(targets.file(), 0, length(targets, entry, name, true), hashes);
    }

    private static OptionalLong length(TufMetadata listing, JsonNode entry, String name, boolean required)
            throws TufCheckException {
        JsonNode length = entry.path("length");
        if (length.isMissingNode() && !required) {
            return OptionalLong.empty();
        }
        if (!length.isIntegralNumber() || !length.canConvertToLong() || length.longValue() < 0) {
            throw TufMetadata.malformed(listing.file(), "gives no valid length for " + name);
        }
        return OptionalLong.of(length.longValue());
    }

    private static Map<String, String> hashes(JsonNode entry) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String alg : ALGORITHMS.keySet()) {
            JsonNode h = entry.path("hashes").path(alg);
            if (h.isTextual()) {
                hashes.put(alg, h.textValue());
            }
        }
        return hashes;
    }

    /**
     * The most bytes to read: the signed length when given, else {@code limit}.
     *
     * @throws TufCheckException {@link TufCheck#TOO_LARGE} when the signed length is above {@code limit}
     */
    int maxBytes(String name, int limit) throws TufCheckException {
        if (length.isPresent() && length.getAsLong() > limit) {
            throw new TufCheckException(TufCheck.TOO_LARGE, name + ": " + listedIn + " gives it " + length.getAsLong()
                    + " bytes, more than the " + limit + " allowed");
        }
        return length.isPresent() ? (int) length.getAsLong() : limit;
    }

    /** The hash a consistent-snapshot repository names the target by: sha512 when listed, else sha256. */
    String nameHash() {
        return Optional.ofNullable(hashes.get("sha512")).orElse(hashes.get("sha256"));
    }

    /** @throws TufCheckException {@link TufCheck#HASHES} when the bytes differ in length or any hash */
    void check(TufSource.TufFile file) throws TufCheckException {
        if (length.isPresent() && length.getAsLong() != file.bytes().length) {
            throw new TufCheckException(TufCheck.HASHES, file.name() + ": has " + file.bytes().length + " bytes, "
                    + listedIn + " says " + length.getAsLong() + " (tampered or corrupted)");
        }
        for (var h : hashes.entrySet()) {
            if (!digest(ALGORITHMS.get(h.getKey()), file.bytes()).equalsIgnoreCase(h.getValue())) {
                throw new TufCheckException(TufCheck.HASHES, file.name() + ": does not match the " + h.getKey()
                        + " in " + listedIn + " (tampered or corrupted)");
            }
        }
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
