package dev.pylocktrust.attest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Verifies every attestation of every bundle of a provenance object against one distribution. Pure and thread-safe. */
public final class ProvenanceVerifier {
    private final AttestationVerifier verifier;

    public ProvenanceVerifier(TrustRoot trustRoot) {
        this(new AttestationVerifier(trustRoot));
    }

    public ProvenanceVerifier(AttestationVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Each attestation is checked against its own bundle's publisher and the distribution. */
    public ProvenanceResult verify(Provenance provenance, Distribution distribution, Instant now) {
        return verifyUnbound(provenance, Optional.of(Objects.requireNonNull(distribution, "distribution")), now);
    }

    /**
     * UNBOUND: as {@link #verify(Provenance, Distribution, Instant)}, but without a distribution only the signatures
     * and signers are verified, not that the attestations are about any file
     * ({@link AttestationVerifier#verifyUnbound}). Only {@code inspect} may call it with an empty distribution.
     */
    public ProvenanceResult verifyUnbound(Provenance provenance, Optional<Distribution> distribution, Instant now) {
        List<ProvenanceResult.Item> items = new ArrayList<>();
        List<AttestationBundle> bundles = provenance.attestationBundles();
        for (int b = 0; b < bundles.size(); b++) {
            AttestationBundle bundle = bundles.get(b);
            for (int i = 0; i < bundle.attestations().size(); i++) {
                AttestationResult r = verifier.verifyUnbound(bundle.attestations().get(i),
                        Optional.of(bundle.publisher()), distribution, now);
                items.add(new ProvenanceResult.Item(b, i, bundle.publisher(), r));
            }
        }
        return new ProvenanceResult(items);
    }
}
