package dev.pylocktrust.testkit.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provenance with the real shape (version, one bundle with the publisher, one attestation whose statement names
 * the file and its sha256) but placeholder certificate and signature: it parses, it does not verify. About the size
 * of a real one when {@code padding} is 6 KiB.
 */
public final class FakeProvenance implements ProvenanceMinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int padding;

    public FakeProvenance() {
        this(512);
    }

    /** @param padding bytes of placeholder certificate, to make documents realistically large */
    public FakeProvenance(int padding) {
        this.padding = padding;
    }

    @Override
    public byte[] provenanceFor(String filename, String sha256Hex, IdentitySpec identity) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        statement.put("subject", List.of(Map.of("name", filename, "digest", Map.of("sha256", sha256Hex))));
        statement.put("predicateType", "https://docs.pypi.org/attestations/publish/v1");
        statement.put("predicate", null);
        try {
            byte[] cert = ("not a certificate for " + filename + " ").repeat(padding / 24 + 1).substring(0, padding)
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, Object> attestation = new LinkedHashMap<>();
            attestation.put("version", 1);
            attestation.put("verification_material", Map.of(
                    "certificate", Base64.getEncoder().encodeToString(cert),
                    "transparency_entries", List.of(Map.of("logIndex", "1", "kindVersion",
                            Map.of("kind", "dsse", "version", "0.0.1")))));
            attestation.put("envelope", Map.of(
                    "statement", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(statement)),
                    "signature", Base64.getEncoder().encodeToString(("fake signature " + sha256Hex)
                            .getBytes(StandardCharsets.UTF_8))));
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("version", 1);
            provenance.put("attestation_bundles", List.of(Map.of(
                    "publisher", identity.publisherObject(),
                    "attestations", List.of(attestation))));
            return JSON.writeValueAsBytes(provenance);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
