package dev.pylocktrust.attest;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.List;
import java.util.Map;

/**
 * Chooses, on purpose and once per process, who checks ECDSA signatures: BouncyCastle's ECDSA (bundled, because
 * sigstore-java needs it), ahead of the JDK's SunEC, and remembering for the rest of the run which exact inputs
 * verified ({@link VerifiedSignatures}).
 *
 * <p>Why BouncyCastle: verifying an attestation is one P-384 check (the certificate chain) and four P-256 checks
 * (DSSE envelope, SCT, Rekor signed entry timestamp, checkpoint), almost all of its CPU. Measured side by side on one
 * machine, BouncyCastle 1.82 verifies P-256 4-6x and P-384 3-4x faster than SunEC on JDK 17, and still 2x and 3x
 * faster on JDK 25 (whose SunEC is faster for P-256 only); so the choice is the same on every JDK this project
 * supports, and {@code VerifyBench} prints both providers' rates in every run to revisit it. Without this, the
 * choice was made by accident: sigstore-java parses the trusted root's keys with BouncyCastle, which SunEC refuses
 * (one exception per check before the JCA tries the next provider), while the chain and DSSE checks used SunEC.
 *
 * <p>Why remember: the files of one release are usually signed in one step with one certificate, so the chain
 * check and the certificate's SCT check are the same computation, on the same bytes, for each of them.
 *
 * <p>Scope: only {@code Signature} verification with an EC <em>public</em> key (SHA-256/384/512 with ECDSA) goes
 * to this provider; signing, digests, key parsing and TLS ciphers keep the JDK's providers. BouncyCastle's ECDSA
 * is as strict as SunEC's: DER encoding re-checked exactly, {@code r} and {@code s} in {@code [1, n-1]}, the key's
 * point on its curve; the attest tampering and mutation suites run against it.
 */
final class EcdsaProvider extends Provider {
    static final String NAME = "PylockTrustECDSA";
    private static final long serialVersionUID = 1L;
    private static final String SPI = "org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi$";
    /** JCA name, BouncyCastle SPI class, and the signature algorithm OID the JDK may look it up by. */
    private static final List<List<String>> ALGORITHMS = List.of(
            List.of("SHA256withECDSA", SPI + "ecDSA256", "1.2.840.10045.4.3.2"),
            List.of("SHA384withECDSA", SPI + "ecDSA384", "1.2.840.10045.4.3.3"),
            List.of("SHA512withECDSA", SPI + "ecDSA512", "1.2.840.10045.4.3.4"));
    /** Enough for the releases being verified at one time; each entry holds a signed message (about 2 KiB). */
    static final int REMEMBERED = 1024;

    /** Distinct keys kept in BouncyCastle's form: the trusted root's few, and the certificates being checked. */
    static final int KEYS = 64;

    private final transient VerifiedSignatures verified = new VerifiedSignatures(REMEMBERED);

    private EcdsaProvider() {
        super(NAME, "1", "ECDSA signature verification (BouncyCastle) for pylock-trust");
        Provider bouncyCastle = new BouncyCastleEcdsa();
        EcPublicKeys keys;
        try {
            keys = new EcPublicKeys(KeyFactory.getInstance("EC", bouncyCastle), KEYS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BouncyCastle's EC key factory is missing from the jar", e);
        }
        Map<String, String> publicKeysOnly = Map.of("SupportedKeyClasses", "java.security.interfaces.ECPublicKey");
        for (List<String> a : ALGORITHMS) {
            String algorithm = a.get(0);
            putService(new Service(this, "Signature", algorithm, RememberingSignature.class.getName(),
                    List.of("OID." + a.get(2), a.get(2)), publicKeysOnly) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new RememberingSignature(algorithm, Signature.getInstance(algorithm, bouncyCastle),
                            verified, keys);
                }
            });
        }
    }

    /**
     * Puts this provider first in the JCA's list, once (the list is the JDK's, process-wide; calling again is a
     * no-op). Every later {@code Signature.getInstance("SHA256withECDSA")} verifying with an EC public key, in
     * sigstore-java or in the JDK's certificate path validator, then runs BouncyCastle's ECDSA.
     */
    static void install() {
        synchronized (EcdsaProvider.class) {
            if (Security.getProvider(NAME) == null) {
                Security.insertProviderAt(new EcdsaProvider(), 1);
            }
        }
    }

    /**
     * BouncyCastle's ECDSA and EC key classes, by name (main code does not compile against BouncyCastle); never
     * registered.
     */
    private static final class BouncyCastleEcdsa extends Provider {
        private static final long serialVersionUID = 1L;

        BouncyCastleEcdsa() {
            super(NAME + "-BouncyCastle", "1", "BouncyCastle's ECDSA, for " + NAME);
            for (List<String> a : ALGORITHMS) {
                putService(new Service(this, "Signature", a.get(0), a.get(1), null, null));
            }
            putService(new Service(this, "KeyFactory", "EC",
                    "org.bouncycastle.jcajce.provider.asymmetric.ec.KeyFactorySpi$EC", null, null));
        }
    }
}
