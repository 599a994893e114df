package dev.pylocktrust.attest;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EC public keys in BouncyCastle's form, one object per distinct encoding, the most recently used kept. A key of
 * another provider (the JDK's, from a certificate) would otherwise be converted on every check, with its own copy
 * of the curve's generator; BouncyCastle keeps the precomputed multiples of a point on the point object, so one
 * object per key and the named curve's shared generator let each check reuse them (the Fulcio intermediate, the
 * log and CT keys are the same for every attestation). The key is rebuilt from its X.509 encoding by BouncyCastle,
 * which checks the point is on its curve; nothing but the encoding decides which key it is. Thread-safe.
 */
final class EcPublicKeys {
    private final KeyFactory factory;
    private final Map<ByteBuffer, PublicKey> keys;

    EcPublicKeys(KeyFactory factory, int capacity) {
        this.factory = factory;
        this.keys = new LinkedHashMap<>(32, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key whose X.509 encoding is {@code encoded}. */
    synchronized PublicKey of(byte[] encoded) throws InvalidKeyException {
        ByteBuffer id = ByteBuffer.wrap(encoded.clone());
        PublicKey key = keys.get(id);
        if (key == null) {
            try {
                key = factory.generatePublic(new X509EncodedKeySpec(encoded));
            } catch (InvalidKeySpecException e) {
                throw new InvalidKeyException("not a usable EC public key: " + e.getMessage(), e);
            }
            keys.put(id, key);
        }
        return key;
    }

    synchronized int size() {
        return keys.size();
    }
}
