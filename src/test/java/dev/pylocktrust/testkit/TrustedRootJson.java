package dev.pylocktrust.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes a Sigstore {@code trusted_root.json} ({@code dev.sigstore.trustroot.v1.TrustedRoot} in protobuf JSON, media
 * type {@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}) in the shape of the public-good root: one
 * Rekor log, one Fulcio CA (intermediate then root), one CT log, no timestamp authority.
 */
final class TrustedRootJson {

    static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

    private TrustedRootJson() {}

    static byte[] build(TestCa ca, EcKey rekorKey, EcKey ctKey, Instant validFrom, Instant caValidUntil) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode root = AttestationDocuments.newObject();
        root.put("mediaType", MEDIA_TYPE);
        root.putArray("tlogs").add(log(TestSigstore.REKOR_URL, rekorKey, validFrom));
        ObjectNode authority = root.putArray("certificateAuthorities").addObject();
        authority.putObject("subject").put("organization", "sigstore.test").put("commonName", "sigstore");
        authority.put("uri", TestSigstore.FULCIO_URL);
        ArrayNode chain = authority.putObject("certChain").putArray("certificates");
        for (X509Certificate certificate : ca.chain()) {
            chain.addObject().put("rawBytes", base64.encodeToString(AttestationDocuments.encoded(certificate)));
        }
        authority.putObject("validFor").put("start", validFrom.toString()).put("end", caValidUntil.toString());
        root.putArray("ctlogs").add(log(TestSigstore.CT_LOG_URL, ctKey, validFrom));
        root.putArray("timestampAuthorities");
        return AttestationDocuments.bytes(root);
    }

    private static ObjectNode log(String baseUrl, EcKey key, Instant validFrom) {
        ObjectNode log = AttestationDocuments.newObject();
        log.put("baseUrl", baseUrl);
        log.put("hashAlgorithm", "SHA2_256");
        ObjectNode publicKey = log.putObject("publicKey");
        publicKey.put("rawBytes", Base64.getEncoder().encodeToString(key.subjectPublicKeyInfo()));
        publicKey.put("keyDetails", key.keyDetails());
        publicKey.putObject("validFor").put("start", validFrom.toString());
        log.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(key.keyId()));
        return log;
    }
}
