package dev.pylocktrust.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * A Fulcio-like certificate authority: a self-signed P-384 root, a P-384 intermediate, and issuance of 10-minute P-256
 * code-signing leaves with the identity extensions and an embedded SCT.
 */
final class TestCa {

    private static final X500Name EMPTY_NAME = new X500Name(new RDN[0]);

    private final EcKey intermediateKey;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final X500Name intermediateName;
    private final byte[] intermediateKeyIdentifier;
    private final byte[] intermediateKeyHash;

    private TestCa(EcKey intermediateKey, X509Certificate root, X509Certificate intermediate, X500Name intermediateName) {
        this.intermediateKey = intermediateKey;
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateName = intermediateName;
        this.intermediateKeyIdentifier = keyIdentifier(intermediateKey);
        // What RFC 6962 and sigstore-java hash: the issuer's SubjectPublicKeyInfo as the JDK re-encodes it.
        this.intermediateKeyHash = EcKey.sha256(intermediate.getPublicKey().getEncoded());
    }

    /**
     * Creates a root and intermediate valid over {@code [notBefore, notAfter]}. Two CAs made with different
     * {@code label}s share their names but not their keys, so a leaf from one looks plausible to, and fails under, the
     * other.
     */
    static TestCa create(long seed, String label, Instant notBefore, Instant notAfter) {
        EcKey rootKey = EcKey.derive(EcKey.Curve.P384, seed, label + "/root");
        EcKey intermediateKey = EcKey.derive(EcKey.Curve.P384, seed, label + "/intermediate");
        X500Name rootName = name("sigstore");
        X500Name intermediateName = name("sigstore-intermediate");

        List<Extension> rootExtensions = List.of(
                extension(Extension.basicConstraints, true, new BasicConstraints(1)),
                extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(rootKey))));
        X509Certificate root = sign(tbs(serial(seed, label + "/root"), rootKey, rootName, notBefore, notAfter, rootName,
                rootKey, rootExtensions), rootKey);

        List<Extension> intermediateExtensions = List.of(
                extension(Extension.basicConstraints, true, new BasicConstraints(0)),
                extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning)),
                extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(intermediateKey))),
                extension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(rootKey))));
        X509Certificate intermediate = sign(tbs(serial(seed, label + "/intermediate"), rootKey, rootName, notBefore,
                notAfter, intermediateName, intermediateKey, intermediateExtensions), rootKey);
        return new TestCa(intermediateKey, root, intermediate, intermediateName);
    }

    X509Certificate root() {
        return root;
    }

    X509Certificate intermediate() {
        return intermediate;
    }

    /** The chain from the intermediate to the root, as a trusted root lists it. */
    List<X509Certificate> chain() {
        return List.of(intermediate, root);
    }

    /**
     * Issues a leaf the way Fulcio does: build the precertificate TBS (all extensions but the SCT list), have the CT
     * log sign it, then issue the final certificate whose TBS is the same plus the SCT list extension appended last.
     * A verifier that removes the SCT extension from the final TBS gets the signed precertificate TBS back byte for
     * byte, because both are built by the same generator from the same values.
     */
    X509Certificate issueLeaf(EcKey leafKey, FulcioClaims claims, Instant notBefore, Instant notAfter, BigInteger serial,
            CtLogSigner ctLog, long sctTimestampMillis) {
        List<Extension> extensions = leafExtensions(leafKey, claims);
        TBSCertificate precertificate = tbs(serial, intermediateKey, intermediateName, notBefore, notAfter,
                EMPTY_NAME, leafKey, extensions);
        byte[] sct = ctLog.sct(der(precertificate), intermediateKeyHash, sctTimestampMillis);
        List<Extension> withSct = new ArrayList<>(extensions);
        withSct.add(CtLogSigner.sctListExtension(sct));
        TBSCertificate tbs = tbs(serial, intermediateKey, intermediateName, notBefore, notAfter,
                EMPTY_NAME, leafKey, withSct);
        return sign(tbs, intermediateKey);
    }

    private List<Extension> leafExtensions(EcKey leafKey, FulcioClaims claims) {
        List<Extension> extensions = new ArrayList<>();
        extensions.add(extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)));
        extensions.add(extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning)));
        extensions.add(extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(leafKey))));
        extensions.add(extension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(intermediateKeyIdentifier)));
        GeneralName san = new GeneralName(claims.sanIsEmail() ? GeneralName.rfc822Name : GeneralName.uniformResourceIdentifier,
                claims.san());
        // Fulcio leaves have an empty subject, so RFC 5280 requires the SAN to be critical.
        extensions.add(extension(Extension.subjectAlternativeName, true, new GeneralNames(san)));
        for (Map.Entry<Integer, String> raw : claims.legacyRaw().entrySet()) {
            extensions.add(new Extension(new ASN1ObjectIdentifier(FulcioClaims.oid(raw.getKey())), false,
                    raw.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        for (Map.Entry<Integer, String> utf8 : claims.derUtf8().entrySet()) {
            extensions.add(extension(new ASN1ObjectIdentifier(FulcioClaims.oid(utf8.getKey())), false,
                    new DERUTF8String(utf8.getValue())));
        }
        return extensions;
    }

    private static TBSCertificate tbs(BigInteger serial, EcKey issuerKey, X500Name issuer, Instant notBefore,
            Instant notAfter, X500Name subject, EcKey subjectKey, List<Extension> extensions) {
        V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
        generator.setSerialNumber(new ASN1Integer(serial));
        generator.setSignature(issuerKey.signatureAlgorithm());
        generator.setIssuer(issuer);
        generator.setStartDate(new Time(Date.from(notBefore)));
        generator.setEndDate(new Time(Date.from(notAfter)));
        generator.setSubject(subject);
        generator.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.subjectPublicKeyInfo()));
        generator.setExtensions(new Extensions(extensions.toArray(Extension[]::new)));
        return generator.generateTBSCertificate();
    }

    private static X509Certificate sign(TBSCertificate tbs, EcKey issuerKey) {
        byte[] signature = issuerKey.sign(der(tbs));
        byte[] certificate = der(new DERSequence(new ASN1Encodable[] {
            tbs, issuerKey.signatureAlgorithm(), new DERBitString(signature)}));
        return parse(certificate);
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK rejected a certificate the test CA built", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "sigstore.test").addRDN(BCStyle.CN, commonName).build();
    }

    /** RFC 5280 section 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
    private static byte[] keyIdentifier(EcKey key) {
        byte[] bits = SubjectPublicKeyInfo.getInstance(key.subjectPublicKeyInfo()).getPublicKeyData().getBytes();
        return EcKey.messageDigest("SHA-1").digest(bits);
    }

    /** A positive 159-bit serial derived from the seed and a label, like Fulcio's random 20-byte serials. */
    static BigInteger serial(long seed, String label) {
        byte[] hash = EcKey.sha256((seed + "|serial|" + label).getBytes(StandardCharsets.UTF_8));
        byte[] twenty = Arrays.copyOf(hash, 20);
        twenty[0] &= 0x7f;
        return new BigInteger(1, twenty);
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        return new Extension(oid, critical, der(value));
    }

    static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
