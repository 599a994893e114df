package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A PEP 740 provenance object: {@code {version: 1, attestation_bundles: [{publisher, attestations}, ...]}}, as PyPI's
 * Integrity API serves it for one file. Unknown keys are tolerated.
 *
 * @param version always 1
 * @param attestationBundles at least one
 */
public record Provenance(int version, List<AttestationBundle> attestationBundles) {
    static final int MAX_BUNDLES = 16;

    public Provenance {
        if (version != 1) {
            throw new IllegalArgumentException("provenance version must be 1, not " + version);
        }
        attestationBundles = List.copyOf(attestationBundles);
        if (attestationBundles.isEmpty()) {
            throw new IllegalArgumentException("a provenance needs at least one attestation bundle");
        }
    }

    /**
     * Parses a provenance document.
     *
     * @throws MalformedAttestationException if the bytes are not a well-formed PEP 740 provenance object
     */
    public static Provenance parse(byte[] json) {
        ObjectNode root = Json.parseObject(json, "provenance");
        return fromJson(root, "provenance");
    }

    static Provenance fromJson(ObjectNode root, String path) {
        LegacyFormats.rejectIfLegacy(root, path);
        if (!root.has("attestation_bundles") && root.has("envelope")) {
            throw new MalformedAttestationException(path + " is a single attestation, not a provenance object "
                    + "(it has \"envelope\" and no \"attestation_bundles\")");
        }
        Json.versionOne(root, path);
        var array = Json.array(root, "attestation_bundles", path);
        List<AttestationBundle> bundles = new ArrayList<>();
        int i = 0;
        for (JsonNode b : Json.elements(array, MAX_BUNDLES, path + ".attestation_bundles")) {
            bundles.add(AttestationBundle.fromJson(b, path + ".attestation_bundles[" + i++ + "]"));
        }
        if (bundles.isEmpty()) {
            throw new MalformedAttestationException(path + ".attestation_bundles is empty");
        }
        return new Provenance(1, bundles);
    }
}
