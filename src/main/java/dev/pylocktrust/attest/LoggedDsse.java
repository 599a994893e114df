package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a Rekor {@code dsse} entry body records about the envelope: the payload digest, the signatures and the
 * certificates that verify them. Used only to diagnose which part of an attestation disagrees with its log entry
 * (sigstore-java does the authoritative checks).
 *
 * @param payloadSha256 the recorded sha256 of the statement
 * @param signatures the recorded signatures
 * @param certificates the recorded verifier certificates, DER
 */
record LoggedDsse(byte[] payloadSha256, List<byte[]> signatures, List<byte[]> certificates) {

    /**
     * Parses a dsse 0.0.1 (Rekor v1) or 0.0.2 (Rekor v2) canonicalized body.
     *
     * @throws IllegalArgumentException if the body is not such an entry
     */
    static LoggedDsse parse(byte[] body) {
        JsonNode root = Json.parseObject(body, "transparency log entry body");
        String kind = root.path("kind").asText("");
        String version = root.path("apiVersion").asText("");
        if (!kind.equals("dsse")) {
            throw new IllegalArgumentException("log entry body is of kind '" + kind + "', not 'dsse'");
        }
        List<byte[]> sigs = new ArrayList<>();
        List<byte[]> certs = new ArrayList<>();
        if (version.equals("0.0.1")) {
            JsonNode spec = root.path("spec");
            JsonNode hash = spec.path("payloadHash");
            if (!hash.path("algorithm").asText("").equals("sha256")) {
                throw new IllegalArgumentException("log entry payload hash is not sha256");
            }
            byte[] digest = HexFormat.of().parseHex(hash.path("value").asText(""));
            for (JsonNode s : spec.path("signatures")) {
                sigs.add(Base64.getDecoder().decode(s.path("signature").asText("")));
                certs.add(pemToDer(new String(Base64.getDecoder().decode(s.path("verifier").asText("")),
                        StandardCharsets.US_ASCII)));
            }
            return new LoggedDsse(digest, sigs, certs);
        }
        if (version.equals("0.0.2")) {
            JsonNode spec = root.path("spec").path("dsseV002");
            JsonNode hash = spec.path("payloadHash");
            if (!hash.path("algorithm").asText("").equals("SHA2_256")) {
                throw new IllegalArgumentException("log entry payload hash is not SHA2_256");
            }
            byte[] digest = Base64.getDecoder().decode(hash.path("digest").asText(""));
            for (JsonNode s : spec.path("signatures")) {
                sigs.add(Base64.getDecoder().decode(s.path("content").asText("")));
                certs.add(Base64.getDecoder().decode(s.path("verifier").path("x509Certificate").path("rawBytes")
                        .asText("")));
            }
            return new LoggedDsse(digest, sigs, certs);
        }
        throw new IllegalArgumentException("log entry body has unsupported dsse version '" + version + "'");
    }

    private static byte[] pemToDer(String pem) {
        String begin = "-----BEGIN CERTIFICATE-----";
        String end = "-----END CERTIFICATE-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("log entry verifier is not a PEM certificate");
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).trim());
    }
}
