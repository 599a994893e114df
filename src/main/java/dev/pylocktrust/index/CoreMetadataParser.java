package dev.pylocktrust.index;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Core metadata (https://packaging.python.org/en/latest/specifications/core-metadata/): RFC 822-style headers, one
 * per line, continuation lines start with whitespace, the headers end at the first empty line (the description may
 * follow). Field names are case-insensitive. Only the fields the resolver needs are kept.
 */
final class CoreMetadataParser {
    static final int MAX_FIELDS = 10_000;

    private CoreMetadataParser() {}

    static CoreMetadata parse(byte[] body, String where) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IndexFormatException("the core metadata " + where + " is not valid UTF-8");
        }
        String metadataVersion = null;
        String name = null;
        String version = null;
        String requiresPython = null;
        List<String> requiresDist = new ArrayList<>();
        List<String> providesExtra = new ArrayList<>();
        List<String> dynamic = new ArrayList<>();
        List<String[]> fields = headers(text, where);
        for (String[] f : fields) {
            String value = f[1];
            switch (f[0]) {
                case "metadata-version":
                    metadataVersion = single(metadataVersion, value, "Metadata-Version", where);
                    break;
                case "name":
                    name = single(name, value, "Name", where);
                    break;
                case "version":
                    version = single(version, value, "Version", where);
                    break;
                case "requires-python":
                    requiresPython = single(requiresPython, value, "Requires-Python", where);
                    break;
                case "requires-dist":
                    requiresDist.add(value);
                    break;
                case "provides-extra":
                    providesExtra.add(value);
                    break;
                case "dynamic":
                    dynamic.add(value);
                    break;
                default:
                    break;
            }
        }
        if (metadataVersion == null || name == null || version == null) {
            throw new IndexFormatException("the core metadata " + where
                    + " lacks a required field (Metadata-Version, Name and Version are required)");
        }
        return new CoreMetadata(metadataVersion, name, version, requiresDist, Optional.ofNullable(requiresPython),
                providesExtra, dynamic);
    }

    /** The header fields as (lower-case name, unfolded value) pairs, up to the first empty line. */
    private static List<String[]> headers(String text, String where) {
        List<String[]> out = new ArrayList<>();
        String[] current = null;
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lineNo++;
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null) {
                    throw new IndexFormatException("the core metadata " + where + " starts with a continuation line");
                }
                current[1] = current[1] + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IndexFormatException("the core metadata " + where + " line " + lineNo
                        + " is not a 'Field: value' header: '" + Texts.clip(line) + "'");
            }
            if (out.size() >= MAX_FIELDS) {
                throw new IndexFormatException("the core metadata " + where + " has more than " + MAX_FIELDS + " fields");
            }
            current = new String[] {line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).strip()};
            out.add(current);
            if (nl < 0) {
                break;
            }
        }
        return out;
    }

    private static String single(String previous, String value, String field, String where) {
        if (previous != null) {
            throw new IndexFormatException("the core metadata " + where + " has two '" + field + "' fields");
        }
        return value;
    }
}
