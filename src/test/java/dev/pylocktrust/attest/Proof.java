package dev.pylocktrust.attest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an accepted document proves, in comparable form: the signed facts of every verified attestation and the
 * publisher identities. Two documents with equal proofs are indistinguishable to {@code lock} and {@code verify}.
 *
 * @param facts one per verified attestation, in document order
 * @param identities the verified identities (empty for a bare attestation)
 */
record Proof(List<Fact> facts, List<VerifiedIdentity> identities) {

    /**
     * The signed facts of one verified attestation.
     *
     * @param timestamps the RFC 3161 times; the only part that may shrink (a dropped timestamp proves less)
     */
    record Fact(String predicateType, InTotoStatement.Subject subject, CertificateClaims claims, long logIndex,
                Optional<Instant> integratedTime, List<Instant> timestamps, boolean distributionChecked) {

        static Fact of(VerifiedAttestation v) {
            return new Fact(v.predicateType(), v.subject(), v.claims(), v.logIndex(), v.integratedTime(),
                    v.timestampTimes(), v.distributionChecked());
        }

        boolean provesNoMoreThan(Fact original) {
            return predicateType.equals(original.predicateType) && subject.equals(original.subject)
                    && claims.equals(original.claims) && logIndex == original.logIndex
                    && integratedTime.equals(original.integratedTime)
                    && original.timestamps.containsAll(timestamps)
                    && distributionChecked == original.distributionChecked;
        }
    }

    Proof {
        facts = List.copyOf(facts);
        identities = List.copyOf(identities);
    }

    static Proof of(ProvenanceResult result) {
        List<Fact> facts = result.results().stream()
                .map(ProvenanceResult.Item::result)
                .filter(AttestationResult.Verified.class::isInstance)
                .map(r -> Fact.of(((AttestationResult.Verified) r).attestation()))
                .toList();
        return new Proof(facts, result.verifiedIdentities());
    }

    static Proof of(VerifiedAttestation verified) {
        return new Proof(List.of(Fact.of(verified)), verified.identity().stream().toList());
    }

    /**
     * True when everything this proof claims, the original proves too: each fact is one of the original's (with
     * at most its timestamps), and each identity is consistent with one of the original's identities. Consistent
     * means: it certifies no key the original does not, its certified keys name the same identity (by the lockfile's
     * {@link Publisher#sameIdentity} equality, so a repository's case may differ), and the same forge ids. Keys only
     * the index asserts (a GitHub environment without Fulcio's extension .23) may differ, since the result reports
     * them as index-asserted and never as certified.
     */
    boolean provesNoMoreThan(Proof original) {
        return !facts.isEmpty()
                && facts.stream().allMatch(f -> original.facts.stream().anyMatch(f::provesNoMoreThan))
                && identities.stream().allMatch(i -> original.identities.stream().anyMatch(o -> consistent(i, o)));
    }

    private static boolean consistent(VerifiedIdentity mutant, VerifiedIdentity original) {
        return original.certifiedKeys().containsAll(mutant.certifiedKeys())
                && mutant.repositoryId().equals(original.repositoryId())
                && mutant.ownerId().equals(original.ownerId())
                && certifiedPart(mutant.publisher(), mutant).sameIdentity(certifiedPart(original.publisher(), mutant));
    }

    /** The publisher reduced to the keys {@code identity} certifies. */
    private static Publisher certifiedPart(Publisher publisher, VerifiedIdentity identity) {
        Map<String, String> table = new TreeMap<>(publisher.toIdentityTable());
        table.keySet().retainAll(identity.certifiedKeys());
        return Publisher.fromTable(table);
    }
}
