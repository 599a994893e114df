package dev.pylocktrust.testkit.index;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, so the test index can serve
 * https on loopback. The client trusts the CA through {@code IndexConfig.caCertificates} (the {@code --cert} option),
 * the same path a corporate CA bundle takes.
 */
public final class TestTls {
    private final X509Certificate ca;
    private final SSLContext serverContext;

    private TestTls(X509Certificate ca, SSLContext serverContext) {
        this.ca = ca;
        this.serverContext = serverContext;
    }

    public static TestTls create() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = gen.generateKeyPair();
            KeyPair leafKeys = gen.generateKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date to = Date.from(now.plus(Duration.ofDays(2)));
            X500Name caName = new X500Name("CN=pylock-trust test CA");
            X509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
                    caKeys.getPublic());
            cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(cab, caKeys);
            X509v3CertificateBuilder lb = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
                    new X500Name("CN=localhost"), leafKeys.getPublic());
            lb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            lb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate leaf = sign(lb, caKeys);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "test".toCharArray();
            ks.setKeyEntry("server", leafKeys.getPrivate(), pw, new X509Certificate[] {leaf, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TestTls(ca, ctx);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create test TLS material", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    public SSLSocketFactory serverSocketFactory() {
        return serverContext.getSocketFactory();
    }

    /** Writes the CA certificate as PEM (for {@code --cert}). */
    public Path writeCaPem(Path file) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(file, pem);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }
}
