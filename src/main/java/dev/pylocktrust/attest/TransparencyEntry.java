package dev.pylocktrust.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One transparency log entry as PyPI serves it: Sigstore's {@code TransparencyLogEntry} in protobuf-JSON form
 * (camelCase keys, 64-bit integers as decimal strings, bytes as base64).
 *
 * <p>Parsing is deliberately lenient about the content: a missing signed entry timestamp or inclusion proof is a
 * verification failure with its own reason, not a malformed document. The raw JSON is kept verbatim because it is
 * handed to sigstore-java unchanged.
 *
 * @param json the entry object, compact JSON
 * @param logIndex the entry's global log index, if it is a valid integer
 * @param integratedTime seconds since the epoch, if present and a valid integer (Rekor v2 entries carry 0)
 * @param kind e.g. {@code dsse}
 * @param kindVersion e.g. {@code 0.0.1} (Rekor v1) or {@code 0.0.2} (Rekor v2)
 * @param hasSignedEntryTimestamp whether {@code inclusionPromise.signedEntryTimestamp} is present and non-empty
 * @param hasInclusionProof whether {@code inclusionProof} is present
 */
public record TransparencyEntry(String json, Optional<Long> logIndex, Optional<Long> integratedTime,
                                Optional<String> kind, Optional<String> kindVersion, boolean hasSignedEntryTimestamp,
                                boolean hasInclusionProof) {

    static TransparencyEntry fromJson(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Json.wrongType(path, "an object", node);
        }
        JsonNode kv = node.path("kindVersion");
        JsonNode set = node.path("inclusionPromise").path("signedEntryTimestamp");
        JsonNode proof = node.get("inclusionProof");
        try {
            return new TransparencyEntry(Json.MAPPER.writeValueAsString(node), int64(node.get("logIndex")),
                    int64(node.get("integratedTime")), text(kv.get("kind")), text(kv.get("version")),
                    set.isTextual() && !set.textValue().isBlank(), proof != null && proof.isObject());
        } catch (JsonProcessingException e) {
            throw new MalformedAttestationException(path + " could not be re-serialized: " + e.getOriginalMessage(), e);
        }
    }

    /** The decoded {@code canonicalizedBody} (the log's record of the entry), if present and valid base64. */
    public Optional<byte[]> canonicalizedBody() {
        JsonNode body = node().get("canonicalizedBody");
        if (body == null || !body.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.decodeBase64(body.textValue(), "canonicalizedBody"));
        } catch (MalformedAttestationException e) {
            return Optional.empty();
        }
    }

    /** The entry as a JSON tree (a fresh copy each call). */
    public JsonNode node() {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-reading JSON this class wrote", e);
        }
    }

    /** A protobuf-JSON int64: a JSON integer or a decimal string; empty for anything else. */
    static Optional<Long> int64(JsonNode n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Optional.of(n.longValue());
        }
        if (n.isTextual() && n.textValue().matches("-?[0-9]{1,19}")) {
            try {
                return Optional.of(Long.parseLong(n.textValue()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode n) {
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
