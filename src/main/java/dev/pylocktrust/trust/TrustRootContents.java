package dev.pylocktrust.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Sigstore {@code trusted_root.json} contains, for people: certificate authorities (Fulcio), transparency
 * logs (Rekor), CT logs and timestamp authorities, each with its validity window. Pure: bytes in, a value out.
 */
public record TrustRootContents(String mediaType, List<Authority> certificateAuthorities,
                                List<Log> transparencyLogs, List<Log> ctLogs, List<Authority> timestampAuthorities) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrustRootContents {
        certificateAuthorities = List.copyOf(certificateAuthorities);
        transparencyLogs = List.copyOf(transparencyLogs);
        ctLogs = List.copyOf(ctLogs);
        timestampAuthorities = List.copyOf(timestampAuthorities);
    }

    /** A validity window; an absent end means open-ended. */
    public record Window(Optional<Instant> start, Optional<Instant> end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        /** {@code active}, {@code expired} or {@code not yet valid} at {@code now}. */
        public String status(Instant now) {
            if (start.isPresent() && now.isBefore(start.get())) {
                return "not yet valid";
            }
            if (end.isPresent() && !now.isBefore(end.get())) {
                return "expired";
            }
            return "active";
        }
    }

    /** A transparency log or CT log key. */
    public record Log(String baseUrl, String logId, String keyDetails, String hashAlgorithm, Window validFor) {}

    /** A certificate authority or timestamp authority. */
    public record Authority(String uri, String subject, Window validFor, List<Certificate> chain) {
        public Authority {
            chain = List.copyOf(chain);
        }
    }

    /** One certificate of an authority's chain (leaf or intermediate first, root last). */
    public record Certificate(String subject, Instant notBefore, Instant notAfter) {}

    /**
     * @throws IllegalArgumentException if the bytes are not a trusted root in the shape Sigstore publishes
     */
    public static TrustRootContents parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<Authority> cas = new ArrayList<>();
        for (JsonNode ca : root.path("certificateAuthorities")) {
            cas.add(authority(ca));
        }
        List<Authority> tsas = new ArrayList<>();
        for (JsonNode tsa : root.path("timestampAuthorities")) {
            tsas.add(authority(tsa));
        }
        List<Log> tlogs = new ArrayList<>();
        for (JsonNode log : root.path("tlogs")) {
            tlogs.add(log(log));
        }
        List<Log> ctlogs = new ArrayList<>();
        for (JsonNode log : root.path("ctlogs")) {
            ctlogs.add(log(log));
        }
        return new TrustRootContents(root.path("mediaType").asText(""), cas, tlogs, ctlogs, tsas);
    }

    private static Log log(JsonNode log) {
        JsonNode key = log.path("publicKey");
        return new Log(log.path("baseUrl").asText(""), log.path("logId").path("keyId").asText(""),
                key.path("keyDetails").asText(""), log.path("hashAlgorithm").asText(""), window(key.path("validFor")));
    }

    private static Authority authority(JsonNode a) {
        JsonNode subject = a.path("subject");
        List<String> parts = new ArrayList<>();
        if (subject.hasNonNull("commonName")) {
            parts.add("CN=" + subject.get("commonName").asText());
        }
        if (subject.hasNonNull("organization")) {
            parts.add("O=" + subject.get("organization").asText());
        }
        List<Certificate> chain = new ArrayList<>();
        for (JsonNode c : a.path("certChain").path("certificates")) {
            chain.add(certificate(c.path("rawBytes").asText("")));
        }
        return new Authority(a.path("uri").asText(""), String.join(", ", parts), window(a.path("validFor")), chain);
    }

    private static Certificate certificate(String base64) {
        try {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            return new Certificate(x.getSubjectX500Principal().getName(), x.getNotBefore().toInstant(),
                    x.getNotAfter().toInstant());
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("a certificate chain holds something that is not an X.509 "
                    + "certificate");
        }
    }

    private static Window window(JsonNode validFor) {
        return new Window(instant(validFor.path("start")), instant(validFor.path("end")));
    }

    private static Optional<Instant> instant(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(n.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a validity time is not an RFC 3339 time: " + n.asText());
        }
    }
}
