package dev.pylocktrust.attest;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact inputs (algorithm, public key encoding, message, signature) of signature checks that passed in this
 * process, the most recently used first, at most {@code capacity} of them. Signature verification is a function
 * of exactly these bytes, so a check on inputs equal to remembered ones, byte for byte, has the same result; any
 * other check is computed. Only passes are remembered, only in memory: nothing of it outlives the run. Thread-safe.
 */
final class VerifiedSignatures {
    private final Map<ByteBuffer, Boolean> entries;

    VerifiedSignatures(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String algorithm, byte[] key, byte[] message, byte[] signature) {
        return entries.get(inputs(algorithm, key, message, signature)) != null;
    }

    synchronized void add(String algorithm, byte[] key, byte[] message, byte[] signature) {
        entries.put(inputs(algorithm, key, message, signature), Boolean.TRUE);
    }

    synchronized int size() {
        return entries.size();
    }

    /** All four, each preceded by its length, so that no two different inputs give the same bytes. */
    private static ByteBuffer inputs(String algorithm, byte[] key, byte[] message, byte[] signature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + key.length + message.length + signature.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] part : new byte[][] {algorithm.getBytes(StandardCharsets.UTF_8), key, message, signature}) {
                out.writeInt(part.length);
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }
}
