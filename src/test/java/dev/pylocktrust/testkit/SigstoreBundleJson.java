package dev.pylocktrust.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Re-shapes a PEP 740 attestation into a Sigstore bundle v0.3 JSON (spec 1.11) so tests can hand it to sigstore-java's
 * {@code Bundle.from}. A test helper only: the production conversion lives in {@code dev.pylocktrust.attest} and must
 * not depend on this.
 */
public final class SigstoreBundleJson {

    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    private SigstoreBundleJson() {}

    /** The bundle for {@code attestationJson}, with its first transparency entry copied verbatim. */
    public static String fromAttestation(byte[] attestationJson) {
        JsonNode attestation = AttestationDocuments.parse(attestationJson);
        JsonNode material = attestation.required("verification_material");
        ObjectNode bundle = AttestationDocuments.newObject();
        bundle.put("mediaType", MEDIA_TYPE);
        ObjectNode verification = bundle.putObject("verificationMaterial");
        verification.putObject("certificate").put("rawBytes", material.required("certificate").asText());
        ArrayNode entries = verification.putArray("tlogEntries");
        entries.add(material.required("transparency_entries").required(0));
        ObjectNode envelope = bundle.putObject("dsseEnvelope");
        envelope.put("payload", attestation.required("envelope").required("statement").asText());
        envelope.put("payloadType", AttestationDocuments.IN_TOTO_PAYLOAD_TYPE);
        envelope.putArray("signatures").addObject().put("sig", attestation.required("envelope").required("signature").asText());
        return new String(AttestationDocuments.bytes(bundle), StandardCharsets.UTF_8);
    }
}
