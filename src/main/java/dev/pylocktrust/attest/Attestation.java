package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A PEP 740 attestation object: {@code {version: 1, verification_material: {...}, envelope: {statement, signature}}}.
 * Functionally a Sigstore DSSE bundle in another JSON shape. Unknown keys are tolerated (PEP 740 allows them).
 *
 * @param version always 1: anything else is rejected while parsing
 */
public record Attestation(int version, VerificationMaterial verificationMaterial, Envelope envelope) {

    public Attestation {
        Objects.requireNonNull(verificationMaterial, "verificationMaterial");
        Objects.requireNonNull(envelope, "envelope");
        if (version != 1) {
            throw new IllegalArgumentException("attestation version must be 1, not " + version);
        }
    }

    /**
     * Parses one attestation document.
     *
     * @throws MalformedAttestationException if the bytes are not a well-formed PEP 740 attestation (see its Javadoc for
     *     the exit code contract)
     */
    public static Attestation parse(byte[] json) {
        ObjectNode root = Json.parseObject(json, "attestation");
        return fromJson(root, "attestation");
    }

    static Attestation fromJson(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Json.wrongType(path, "an object", node);
        }
        LegacyFormats.rejectIfLegacy(node, path);
        Json.versionOne(node, path);
        VerificationMaterial material = VerificationMaterial.fromJson(
                Json.object(node, "verification_material", path), path + ".verification_material");
        Envelope envelope = Envelope.fromJson(Json.object(node, "envelope", path), path + ".envelope");
        return new Attestation(1, material, envelope);
    }
}
