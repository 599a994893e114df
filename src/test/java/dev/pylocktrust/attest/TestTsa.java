package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority made in the test (root CA and a timestamping leaf, ECDSA P-256), to put a signed
 * time of the test's choosing on a real attestation's signature, and the trusted-root entry that makes it trusted.
 */
final class TestTsa {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

    private final KeyPair leafKey;
    private final X509Certificate leaf;
    private final X509Certificate root;

    TestTsa() {
        try {
            KeyPair rootKey = ecKey();
            leafKey = ecKey();
            X500Name rootName = new X500Name("CN=test-tsa-root,O=pylock-trust.test");
            root = certificate(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(NOT_BEFORE),
                    Date.from(NOT_AFTER), rootName, rootKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    rootKey);
            leaf = certificate(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(NOT_BEFORE),
                    Date.from(NOT_AFTER), new X500Name("CN=test-tsa,O=pylock-trust.test"), leafKey.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)), rootKey);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DER TimeStampResp (as PEP 740 carries it) over sha256({@code signature}), generated at {@code genTime}. */
    byte[] timestamp(byte[] signature, Instant genTime) {
        try {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signature);
            TimeStampRequest request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, imprint);
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            var signer = new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", leafKey.getPrivate(), leaf);
            var tokens = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
            tokens.addCertificates(new JcaCertStore(List.of(leaf, root)));
            return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                    .generate(request, BigInteger.valueOf(genTime.toEpochMilli()), Date.from(genTime)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code trustedRoot} with this TSA added to its timestamp authorities. */
    byte[] addTo(byte[] trustedRoot) {
        try {
            ObjectNode json = (ObjectNode) M.readTree(trustedRoot);
            ArrayNode tsas = json.withArray("/timestampAuthorities");
            ObjectNode tsa = tsas.addObject();
            tsa.putObject("subject").put("organization", "pylock-trust.test").put("commonName", "test-tsa");
            tsa.put("uri", "https://tsa.pylock-trust.test");
            ArrayNode chain = tsa.putObject("certChain").putArray("certificates");
            chain.addObject().put("rawBytes", Base64.getEncoder().encodeToString(leaf.getEncoded()));
            chain.addObject().put("rawBytes", Base64.getEncoder().encodeToString(root.getEncoded()));
            tsa.putObject("validFor").put("start", NOT_BEFORE.toString());
            return M.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, KeyPair issuerKey)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuerKey.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
