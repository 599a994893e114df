package dev.pylocktrust.attest;

import dev.pylocktrust.Ascii;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The distribution an attestation must be about: its filename as the index lists it, and its sha256.
 *
 * @param filename e.g. {@code sampleproject-4.0.0-py3-none-any.whl}
 * @param sha256Hex 64 hex digits, stored lower-case
 */
public record Distribution(String filename, String sha256Hex) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public Distribution {
        if (filename == null || filename.isEmpty() || filename.contains("/") || filename.contains("\\")) {
            throw new IllegalArgumentException("distribution filename must be a file name without a directory, got "
                    + (filename == null ? "null" : "'" + filename + "'"));
        }
        if (sha256Hex == null || !SHA256.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got "
                    + (sha256Hex == null ? "null" : "'" + sha256Hex + "'"));
        }
        sha256Hex = Ascii.toLowerCase(sha256Hex);
    }

    /** A distribution from its name and its full content. */
    public static Distribution of(String filename, byte[] content) {
        return new Distribution(filename, sha256Hex(content));
    }

    static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(HexSha.sha256(content));
    }
}
