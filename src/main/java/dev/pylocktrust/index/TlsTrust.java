package dev.pylocktrust.index;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust from a PEM bundle of CA certificates ({@code --cert}), replacing the JDK's default trust store. */
record TlsTrust(SSLContext context, X509TrustManager trustManager) {

    static TlsTrust fromPem(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UsageException("cannot read the CA bundle " + pem + ": " + IoErrors.reason(e));
        } catch (GeneralSecurityException e) {
            throw new UsageException("the CA bundle " + pem + " is not a PEM file of X.509 certificates: "
                    + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new UsageException("the CA bundle " + pem + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509TrustManager tm = null;
            for (TrustManager m : tmf.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    tm = x;
                }
            }
            if (tm == null) {
                throw new IllegalStateException("no X509TrustManager from the JDK");
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return new TlsTrust(ctx, tm);
        } catch (GeneralSecurityException | IOException e) {
            throw new UsageException("cannot use the CA bundle " + pem + ": " + e.getMessage());
        }
    }
}
