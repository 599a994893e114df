package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One bundle of a provenance object: the attestations that the index attributes to one publisher identity.
 *
 * @param publisher the identity the index asserts (unverified until checked against each certificate)
 * @param attestations at least one
 */
public record AttestationBundle(Publisher publisher, List<Attestation> attestations) {
    static final int MAX_ATTESTATIONS = 16;

    public AttestationBundle {
        Objects.requireNonNull(publisher, "publisher");
        attestations = List.copyOf(attestations);
        if (attestations.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one attestation");
        }
    }

    static AttestationBundle fromJson(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Json.wrongType(path, "an object", node);
        }
        Publisher publisher = Publishers.fromJson(Json.required(node, "publisher", path), path + ".publisher");
        var array = Json.array(node, "attestations", path);
        List<Attestation> attestations = new ArrayList<>();
        int i = 0;
        for (JsonNode a : Json.elements(array, MAX_ATTESTATIONS, path + ".attestations")) {
            attestations.add(Attestation.fromJson(a, path + ".attestations[" + i++ + "]"));
        }
        if (attestations.isEmpty()) {
            throw new MalformedAttestationException(path + ".attestations is empty");
        }
        return new AttestationBundle(publisher, attestations);
    }
}
