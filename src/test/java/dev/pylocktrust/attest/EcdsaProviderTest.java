package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ECDSA provider pylock-trust installs: it is the one that verifies (for JDK keys and for BouncyCastle keys, as
 * sigstore-java parses the trusted root's), it does not sign, and it rejects every forgery SunEC rejects.
 */
class EcdsaProviderTest {
    private static final byte[] MESSAGE = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes();

    @BeforeAll
    static void install() {
        EcdsaProvider.install();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA", "secp256r1, SHA384withECDSA"})
    void verifiesWithTheChosenProviderFirstAndOnlyOnce(String curve, String algorithm) throws Exception {
        EcdsaProvider.install();
        assertThat(Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(EcdsaProvider.NAME)))
                .hasSize(1);
        assertThat(Security.getProviders()[0].getName()).isEqualTo(EcdsaProvider.NAME);
        KeyPair keys = keyPair(curve);
        byte[] sig = sign(keys, algorithm, MESSAGE);

        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(keys.getPublic());
        verifier.update(MESSAGE);
        assertThat(verifier.verify(sig)).isTrue();
        assertThat(verifier.getProvider().getName()).isEqualTo(EcdsaProvider.NAME);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void acceptsBouncyCastleKeysAsSigstoreJavaParsesThemWithoutTryingSunEcFirst(String curve, String algorithm)
            throws Exception {
        KeyPair keys = keyPair(curve);
        PublicKey bcKey = dev.sigstore.encryption.Keys.parseEcdsa(keys.getPublic().getEncoded());
        assertThat(bcKey.getAlgorithm()).isEqualTo("ECDSA");
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(bcKey);
        verifier.update(MESSAGE);
        assertThat(verifier.verify(sign(keys, algorithm, MESSAGE))).isTrue();
        assertThat(verifier.getProvider().getName()).isEqualTo(EcdsaProvider.NAME);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void signingStaysWithTheJdk(String curve, String algorithm) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(keyPair(curve).getPrivate());
        assertThat(signer.getProvider().getName()).isNotEqualTo(EcdsaProvider.NAME);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void rejectsEveryForgerySunEcRejects(String curve, String algorithm) throws Exception {
        KeyPair keys = keyPair(curve);
        KeyPair other = keyPair(curve);
        byte[] sig = sign(keys, algorithm, MESSAGE);
        BigInteger n = ((ECPublicKey) keys.getPublic()).getParams().getOrder();
        BigInteger[] rs = decode(sig);

        List<byte[]> forgeries = new ArrayList<>();
        forgeries.add(der(BigInteger.ZERO, BigInteger.ZERO)); // the "psychic signature"
        forgeries.add(der(rs[0], BigInteger.ZERO));
        forgeries.add(der(BigInteger.ZERO, rs[1]));
        forgeries.add(der(rs[0].add(n), rs[1])); // r out of range, congruent mod n
        forgeries.add(der(rs[0], rs[1].add(n)));
        forgeries.add(der(n, rs[1]));
        forgeries.add(der(rs[0], rs[1].negate()));
        forgeries.add(append(sig, (byte) 0)); // trailing bytes after the DER sequence
        forgeries.add(Arrays.copyOf(sig, sig.length - 1));
        forgeries.add(new byte[0]);
        forgeries.add(nonMinimalLength(sig));
        forgeries.add(sign(other, algorithm, MESSAGE)); // right message, another key
        Random random = new Random(740);
        for (int i = 0; i < 200; i++) {
            byte[] flipped = sig.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            forgeries.add(flipped);
        }
        for (byte[] forged : forgeries) {
            assertThat(accepts(algorithm, keys.getPublic(), MESSAGE, forged, null)).as("ours").isFalse();
            assertThat(accepts(algorithm, keys.getPublic(), MESSAGE, forged, "SunEC")).as("SunEC").isFalse();
        }
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[3] ^= 1;
        assertThat(accepts(algorithm, keys.getPublic(), otherMessage, sig, null)).isFalse();
        assertThat(accepts(algorithm, keys.getPublic(), MESSAGE, sig, null)).isTrue();
        // ECDSA is malleable: (r, n - s) verifies too, for both providers alike.
        byte[] highS = der(rs[0], n.subtract(rs[1]));
        assertThat(accepts(algorithm, keys.getPublic(), MESSAGE, highS, null))
                .isEqualTo(accepts(algorithm, keys.getPublic(), MESSAGE, highS, "SunEC")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void remembersOnlyPassesAndOnlyForTheExactSameInputs(String curve, String algorithm) throws Exception {
        KeyPair keys = keyPair(curve);
        byte[] message = ("remembered " + curve).getBytes();
        byte[] sig = sign(keys, algorithm, message);
        VerifiedSignatures memo = new VerifiedSignatures(16);
        EcPublicKeys ecKeys = new EcPublicKeys(KeyFactory.getInstance("EC", new BouncyCastleProvider()), 4);
        RememberingSignature verifier = new RememberingSignature(algorithm,
                Signature.getInstance(algorithm, new BouncyCastleProvider()), memo, ecKeys);

        assertThat(check(verifier, keys.getPublic(), message, sig)).isTrue();
        assertThat(memo.size()).isOne();
        assertThat(check(verifier, keys.getPublic(), message, sig)).isTrue(); // the remembered pass
        assertThat(memo.size()).isOne();
        // Each input differing from the remembered ones is checked again, and fails; failures are not remembered.
        byte[] otherMessage = message.clone();
        otherMessage[0] ^= 1;
        byte[] otherSig = sig.clone();
        otherSig[sig.length - 1] ^= 1;
        assertThat(check(verifier, keys.getPublic(), otherMessage, sig)).isFalse();
        assertThat(check(verifier, keys.getPublic(), message, otherSig)).isFalse();
        assertThat(check(verifier, keyPair(curve).getPublic(), message, sig)).isFalse();
        String otherAlgorithm = algorithm.equals("SHA256withECDSA") ? "SHA384withECDSA" : "SHA256withECDSA";
        assertThat(check(new RememberingSignature(otherAlgorithm,
                Signature.getInstance(otherAlgorithm, new BouncyCastleProvider()), memo, ecKeys), keys.getPublic(),
                message, sig)).isFalse();
        assertThat(memo.size()).isOne();
        assertThatThrownBy(() -> verifier.engineInitSign(keys.getPrivate())).isInstanceOf(InvalidKeyException.class);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA", "secp384r1, SHA384withECDSA"})
    void aSignatureObjectOfTheInstalledProviderBehavesAsTheJcaPromises(String curve, String algorithm)
            throws Exception {
        KeyPair keys = keyPair(curve);
        byte[] message = ("split " + curve).getBytes();
        byte[] other = ("other " + curve).getBytes();
        byte[] sig = sign(keys, algorithm, message);
        Signature split = Signature.getInstance(algorithm);
        split.initVerify(keys.getPublic());
        split.update(message, 0, 3);
        split.update(message[3]);
        split.update(message, 4, message.length - 4);
        assertThat(split.verify(sig)).isTrue();
        // verify() resets to the state after initVerify: the next message is checked on its own.
        split.update(other);
        assertThat(split.verify(sig)).isFalse();
        split.update(message);
        assertThat(split.verify(sig)).isTrue();
        split.update(message);
        assertThat(split.verify(sig)).isTrue();
    }

    private static boolean check(RememberingSignature verifier, PublicKey key, byte[] message, byte[] sig)
            throws GeneralSecurityException {
        verifier.engineInitVerify(key);
        verifier.engineUpdate(message, 0, message.length);
        try {
            return verifier.engineVerify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    @org.junit.jupiter.api.Test
    void remembersAtMostItsCapacity() throws Exception {
        VerifiedSignatures memo = new VerifiedSignatures(2);
        memo.add("A", new byte[] {1}, new byte[] {2}, new byte[] {3});
        memo.add("A", new byte[] {1}, new byte[] {2}, new byte[] {4});
        assertThat(memo.contains("A", new byte[] {1}, new byte[] {2}, new byte[] {3})).isTrue(); // now most recent
        memo.add("A", new byte[] {1}, new byte[] {2}, new byte[] {5});
        assertThat(memo.size()).isEqualTo(2);
        assertThat(memo.contains("A", new byte[] {1}, new byte[] {2}, new byte[] {4})).isFalse();
        assertThat(memo.contains("A", new byte[] {1}, new byte[] {2}, new byte[] {3})).isTrue();
        // Lengths are part of the inputs: moving a byte from the message to the key is another input.
        assertThat(memo.contains("A", new byte[] {1, 2}, new byte[] {}, new byte[] {3})).isFalse();
    }

    /** True if the signature verifies; false if it does not or cannot be decoded (either means rejected). */
    private static boolean accepts(String algorithm, PublicKey key, byte[] message, byte[] sig, String provider)
            throws GeneralSecurityException {
        Signature v = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        v.initVerify(key);
        v.update(message);
        try {
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static KeyPair keyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static byte[] sign(KeyPair keys, String algorithm, byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm, "SunEC");
        s.initSign(keys.getPrivate());
        s.update(message);
        return s.sign();
    }

    private static BigInteger[] decode(byte[] der) {
        int rLen = der[3];
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, 4, 4 + rLen));
        int sLen = der[5 + rLen];
        BigInteger s = new BigInteger(Arrays.copyOfRange(der, 6 + rLen, 6 + rLen + sLen));
        return new BigInteger[] {r, s};
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] body = new byte[4 + rb.length + sb.length];
        body[0] = 2;
        body[1] = (byte) rb.length;
        System.arraycopy(rb, 0, body, 2, rb.length);
        body[2 + rb.length] = 2;
        body[3 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, body, 4 + rb.length, sb.length);
        byte[] out = new byte[2 + body.length];
        out[0] = 0x30;
        out[1] = (byte) body.length;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static byte[] append(byte[] a, byte b) {
        byte[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    /** The same sequence with its length in the long form (0x81 LL): valid BER, invalid DER. */
    private static byte[] nonMinimalLength(byte[] sig) {
        byte[] out = new byte[sig.length + 1];
        out[0] = 0x30;
        out[1] = (byte) 0x81;
        System.arraycopy(sig, 1, out, 2, sig.length - 1);
        return out;
    }
}
