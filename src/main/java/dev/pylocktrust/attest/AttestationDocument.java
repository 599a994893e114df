package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A user-supplied file that is either a provenance object or a single attestation, told apart by its keys.
 */
public sealed interface AttestationDocument {
    /** A provenance object (bundles with publishers). */
    record OfProvenance(Provenance provenance) implements AttestationDocument {}

    /** A bare attestation: no publisher is asserted for it. */
    record OfAttestation(Attestation attestation) implements AttestationDocument {}

    /**
     * Parses either shape.
     *
     * @throws MalformedAttestationException if the bytes are neither
     */
    static AttestationDocument parse(byte[] json) {
        ObjectNode root = Json.parseObject(json, "document");
        LegacyFormats.rejectIfLegacy(root, "document");
        if (root.has("attestation_bundles")) {
            return new OfProvenance(Provenance.fromJson(root, "provenance"));
        }
        if (root.has("envelope") || root.has("verification_material")) {
            return new OfAttestation(Attestation.fromJson(root, "attestation"));
        }
        throw new MalformedAttestationException("document is neither a PEP 740 provenance object (no "
                + "\"attestation_bundles\") nor an attestation (no \"envelope\" or \"verification_material\")");
    }
}
