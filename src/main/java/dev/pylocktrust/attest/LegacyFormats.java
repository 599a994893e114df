package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognizes documents that look like attestations but are not PEP 740 objects, so that the error says what the
 * file is instead of "missing envelope".
 */
final class LegacyFormats {
    private LegacyFormats() {}

    static void rejectIfLegacy(JsonNode node, String path) {
        if (node.has("message_signature") && !node.has("envelope")) {
            throw new MalformedAttestationException(path + " is a pre-standard pypi-attestation-models object "
                    + "(it has \"message_signature\" and no \"envelope\"): not a PEP 740 attestation, which signs an "
                    + "in-toto statement in a DSSE envelope");
        }
        if (node.has("mediaType") && (node.has("dsseEnvelope") || node.has("messageSignature"))) {
            String kind = node.has("messageSignature") ? "a message signature" : "a DSSE envelope";
            throw new MalformedAttestationException(path + " is a Sigstore bundle (" + node.path("mediaType").asText()
                    + ", with " + kind + "), not a PEP 740 attestation or provenance object");
        }
    }
}
