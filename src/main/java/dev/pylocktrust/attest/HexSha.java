package dev.pylocktrust.attest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helper. */
final class HexSha {
    private HexSha() {}

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
