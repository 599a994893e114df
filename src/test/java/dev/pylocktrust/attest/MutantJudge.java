package dev.pylocktrust.attest;

import java.time.Instant;
import java.util.Optional;

/**
 * Runs a document through the production path and says what it made of it, exactly as the commands do:
 * {@code lock} and {@code verify} parse a provenance ({@link Provenance#parse}) and verify every attestation against
 * the distribution and its bundle's publisher ({@link ProvenanceVerifier}); a file passes when every attestation
 * verified and a publisher matched (the rule of {@code EvidenceGatherer}). {@code inspect} verifies a bare
 * attestation without a publisher ({@link AttestationVerifier}).
 */
@FunctionalInterface
interface MutantJudge {

    /** The production verifiers. */
    MutantJudge PRODUCTION = MutantJudge::production;

    Verdict judge(MutationSeed.Mode mode, byte[] document, Distribution distribution, TrustRoot root, Instant now);

    /** What the production path made of a document. */
    sealed interface Verdict {
        /** Rejected: a parse error ({@code malformed (parse)}) or the first attestation's {@link RejectionReason}. */
        record Rejected(String reason, String message) implements Verdict {}

        /** Verified; the proof is what the commands would act on. */
        record Accepted(Proof proof) implements Verdict {}

        /**
         * A bug: an exception other than the documented {@link MalformedAttestationException} escaped, or reached the
         * verifier's defensive catch-all instead of being classified.
         */
        record Crashed(String detail) implements Verdict {}
    }

    private static Verdict production(MutationSeed.Mode mode, byte[] document, Distribution distribution,
                                      TrustRoot root, Instant now) {
        return switch (mode) {
            case PROVENANCE -> provenance(document, distribution, root, now);
            case ATTESTATION -> attestation(document, distribution, root, now);
        };
    }

    private static Verdict provenance(byte[] document, Distribution distribution, TrustRoot root, Instant now) {
        Provenance provenance;
        try {
            provenance = Provenance.parse(document);
        } catch (MalformedAttestationException e) {
            return new Verdict.Rejected("malformed (parse)", e.getMessage());
        } catch (RuntimeException e) {
            return new Verdict.Crashed("Provenance.parse threw " + e);
        }
        ProvenanceResult result;
        try {
            result = new ProvenanceVerifier(root).verify(provenance, distribution, now);
        } catch (RuntimeException e) {
            return new Verdict.Crashed("ProvenanceVerifier.verify threw " + e);
        }
        Optional<AttestationResult.Rejected> rejected = result.firstRejection();
        if (rejected.isPresent()) {
            return rejected(rejected.get());
        }
        if (!result.allVerified() || result.verifiedIdentities().isEmpty()) {
            return new Verdict.Rejected("no identity", "no attestation matches its publisher");
        }
        return new Verdict.Accepted(Proof.of(result));
    }

    private static Verdict attestation(byte[] document, Distribution distribution, TrustRoot root, Instant now) {
        Attestation attestation;
        try {
            attestation = Attestation.parse(document);
        } catch (MalformedAttestationException e) {
            return new Verdict.Rejected("malformed (parse)", e.getMessage());
        } catch (RuntimeException e) {
            return new Verdict.Crashed("Attestation.parse threw " + e);
        }
        AttestationResult result;
        try {
            result = new AttestationVerifier(root).verify(attestation, Optional.empty(), Optional.of(distribution),
                    now);
        } catch (RuntimeException e) {
            return new Verdict.Crashed("AttestationVerifier.verify threw " + e);
        }
        if (result instanceof AttestationResult.Rejected r) {
            return rejected(r);
        }
        return new Verdict.Accepted(Proof.of(((AttestationResult.Verified) result).attestation()));
    }

    private static Verdict rejected(AttestationResult.Rejected r) {
        if (r.message().startsWith(AttestationVerifier.UNEXPECTED_FAILURE)) {
            return new Verdict.Crashed("the verifier's catch-all rejected it: " + r.message());
        }
        return new Verdict.Rejected(r.reason().jsonName(), r.message());
    }
}
