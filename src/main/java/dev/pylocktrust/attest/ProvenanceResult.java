package dev.pylocktrust.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdicts on every attestation of a provenance object for one distribution.
 *
 * @param results one per attestation, in document order
 */
public record ProvenanceResult(List<Item> results) {

    /**
     * The verdict on one attestation.
     *
     * @param bundleIndex 0-based index of the bundle in the provenance
     * @param attestationIndex 0-based index of the attestation in its bundle
     * @param publisher the publisher the index asserts for the bundle
     * @param result the verdict
     */
    public record Item(int bundleIndex, int attestationIndex, Publisher publisher, AttestationResult result) {}

    public ProvenanceResult {
        results = List.copyOf(results);
    }

    /** True when there is at least one attestation and every one verified against its bundle's publisher. */
    public boolean allVerified() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.result().verified());
    }

    /**
     * The identities of the bundles with at least one verified attestation whose certificate matches the bundle's
     * publisher, one per bundle, in bundle order. This is what a lockfile may record.
     */
    public List<VerifiedIdentity> verifiedIdentities() {
        List<VerifiedIdentity> out = new ArrayList<>();
        int lastBundle = -1;
        for (Item item : results) {
            if (item.bundleIndex() == lastBundle) {
                continue;
            }
            if (item.result() instanceof AttestationResult.Verified v && v.attestation().identity().isPresent()) {
                out.add(v.attestation().identity().get());
                lastBundle = item.bundleIndex();
            }
        }
        return List.copyOf(out);
    }

    /** The rejected attestations. */
    public List<Item> rejected() {
        return results.stream().filter(r -> !r.result().verified()).toList();
    }

    /** The first rejection, if any. */
    public Optional<AttestationResult.Rejected> firstRejection() {
        return rejected().stream().map(r -> (AttestationResult.Rejected) r.result()).findFirst();
    }
}
