package dev.pylocktrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An ECDSA key pair derived deterministically from a seed and a label, signing deterministically (RFC 6979 nonces),
 * so that the same seed, clock and requests give byte-identical certificates, log entries and attestations.
 *
 * <p>Test-only: a derived private key is exactly as secret as the seed, i.e. not at all.
 */
final class EcKey {

    /** The curves Sigstore uses: P-256 for leaves and logs, P-384 for the Fulcio CA chain. */
    enum Curve {
        P256("P-256", "PKIX_ECDSA_P256_SHA_256", X9ObjectIdentifiers.ecdsa_with_SHA256),
        P384("P-384", "PKIX_ECDSA_P384_SHA_384", X9ObjectIdentifiers.ecdsa_with_SHA384);

        private final String keyDetails;
        private final ASN1ObjectIdentifier signatureOid;
        /** BouncyCastle's optimised implementation of the curve; immutable, and it caches its base-point tables. */
        private final ECNamedDomainParameters domain;

        Curve(String curveName, String keyDetails, ASN1ObjectIdentifier signatureOid) {
            this.keyDetails = keyDetails;
            this.signatureOid = signatureOid;
            X9ECParameters x9 = CustomNamedCurves.getByName(curveName);
            this.domain = new ECNamedDomainParameters(ECNamedCurveTable.getOID(curveName), x9);
        }

        Digest newDigest() {
            return this == P256 ? new SHA256Digest() : new SHA384Digest();
        }
    }

    private final Curve curve;
    private final ECPrivateKeyParameters privateKey;
    private final byte[] subjectPublicKeyInfo;
    private final byte[] keyId;
    /** Built on first use: most leaf keys never need a JCA key object. */
    private PublicKey jcaPublicKey;

    private EcKey(Curve curve, ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey) {
        this.curve = curve;
        this.privateKey = privateKey;
        try {
            this.subjectPublicKeyInfo = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey)
                    .getEncoded(ASN1Encoding.DER);
            this.keyId = sha256(subjectPublicKeyInfo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Derives the key for {@code label} from {@code seed}: the private scalar is
     * {@code 1 + (SHA-512(seed || label || counter) mod (n - 1))}, so it is uniform enough for tests and never zero.
     */
    static EcKey derive(Curve curve, long seed, String label) {
        ECNamedDomainParameters domain = curve.domain;
        BigInteger order = domain.getN();
        MessageDigest sha512 = messageDigest("SHA-512");
        sha512.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        sha512.update(label.getBytes(StandardCharsets.UTF_8));
        BigInteger d = new BigInteger(1, sha512.digest()).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(d, domain);
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize(), domain);
        return new EcKey(curve, privateKey, publicKey);
    }

    Curve curve() {
        return curve;
    }

    /** DER SubjectPublicKeyInfo, as Sigstore's trusted root stores it ({@code publicKey.rawBytes}). */
    byte[] subjectPublicKeyInfo() {
        return subjectPublicKeyInfo.clone();
    }

    /** Sigstore's log id / key id: SHA-256 of the DER SubjectPublicKeyInfo. */
    byte[] keyId() {
        return keyId.clone();
    }

    synchronized PublicKey publicKey() {
        if (jcaPublicKey == null) {
            try {
                jcaPublicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot load an EC public key", e);
            }
        }
        return jcaPublicKey;
    }

    /** The trusted root's {@code keyDetails} value for this key. */
    String keyDetails() {
        return curve.keyDetails;
    }

    /** The X.509 signature algorithm of certificates this key signs (ecdsa-with-SHA256 or -SHA384, no parameters). */
    AlgorithmIdentifier signatureAlgorithm() {
        return new AlgorithmIdentifier(curve.signatureOid);
    }

    /**
     * Signs {@code message} with ECDSA over SHA-256 (P-256) or SHA-384 (P-384), nonce per RFC 6979; returns the
     * ASN.1 DER {@code SEQUENCE { r, s }} that JCA and every Sigstore client expect.
     */
    byte[] sign(byte[] message) {
        Digest digest = curve.newDigest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(curve.newDigest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(hash);
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        return messageDigest("SHA-256").digest(data);
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is mandatory in every JDK", e);
        }
    }
}
