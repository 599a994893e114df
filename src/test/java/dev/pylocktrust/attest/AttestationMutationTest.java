package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The standing mutation suite: no false accept, ever. Every real attestation of the fixture corpus and a set minted
 * by the test Sigstore (GitHub, GitLab and Google publishers; publish v1 and SLSA v1) are mutated systematically and
 * at seeded random positions ({@link SeedMutations}) and paired with what belongs elsewhere ({@link PairingMutations});
 * each mutant goes through the production path ({@link MutantJudge#PRODUCTION}). A mutant must be rejected with a
 * {@link RejectionReason} or, when it only respells the document, verify with exactly the seed's result; an accepted
 * mutant never proves more than its seed ({@link Proof#provesNoMoreThan}). The report (per mutation class: tried,
 * rejected, identical, equivalent, failed) goes to the test's output.
 *
 * <p>Long mode: {@code ./mvnw -B test -Dtest=AttestationMutationTest -Dpylocktrust.mutants=1000000} (and
 * {@code -Dpylocktrust.mutants.seed=N} for other random positions).
 */
class AttestationMutationTest {
    static final int DEFAULT_BUDGET = 50_000;
    static final long DEFAULT_SEED = 740;

    @Test
    void noMutantIsAcceptedWithAnotherResult() {
        int budget = Integer.getInteger("pylocktrust.mutants", DEFAULT_BUDGET);
        long seed = Long.getLong("pylocktrust.mutants.seed", DEFAULT_SEED);
        int threads = Runtime.getRuntime().availableProcessors();
        List<MutationSeed> seeds = MutationSeeds.all();

        long start = System.nanoTime();
        MutationCampaign.Tally tally = new MutationCampaign(seeds, MutantJudge.PRODUCTION, seed).run(budget, threads);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        System.out.println(tally.report("Attestation mutation suite (" + seeds.size() + " seed documents, random seed "
                + seed + ")", elapsed, threads));
        assertThat(tally.failures).as("%d of %d mutants broke their expectation; the first ones:%n%s",
                tally.failureCount, tally.tried(),
                tally.failures.stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(tally.tried()).isGreaterThanOrEqualTo(budget);
    }

    /** The suite can fail: a verifier that skips the cryptography is caught on every signature byte. */
    @Test
    void aVerifierThatSkipsTheCryptographyIsCaught() {
        MutationSeed seed = MutationSeeds.minted().get(0);
        Proof genuine = genuineProof(seed);
        MutantJudge careless = (mode, document, distribution, root, now) -> {
            try {
                Provenance.parse(document);
                return new MutantJudge.Verdict.Accepted(genuine);
            } catch (MalformedAttestationException e) {
                return new MutantJudge.Verdict.Rejected("malformed (parse)", e.getMessage());
            }
        };
        MutationCampaign.Tally tally = new MutationCampaign(List.of(seed), careless, DEFAULT_SEED).run(0, 1);

        MutationCampaign.Row signature = tally.rows.get("byte: signature");
        assertThat(signature.failed).isEqualTo(signature.tried).isGreaterThan(60);
        assertThat(tally.failures).anySatisfy(f -> assertThat(f.problem())
                .startsWith("ACCEPTED (identical result) although the mutation changes checked bytes"));
    }

    /** The suite can fail the other way: a verifier that rejects a mere respelling is caught too. */
    @Test
    void aVerifierThatRejectsRespelledDocumentsIsCaught() {
        MutationSeed seed = MutationSeeds.minted().get(0);
        Proof genuine = genuineProof(seed);
        MutantJudge literal = (mode, document, distribution, root, now) ->
                java.util.Arrays.equals(document, seed.document()) && distribution.equals(seed.distribution())
                        ? new MutantJudge.Verdict.Accepted(genuine)
                        : new MutantJudge.Verdict.Rejected("literal", "not the seed's bytes");
        MutationCampaign.Tally tally = new MutationCampaign(List.of(seed), literal, DEFAULT_SEED).run(0, 1);

        MutationCampaign.Row whitespace = tally.rows.get("neutral: whitespace");
        assertThat(whitespace.failed).isEqualTo(whitespace.tried).isPositive();
        assertThat(tally.failures).anySatisfy(f -> assertThat(f.problem()).startsWith("rejected a neutral mutant"));
    }

    private static Proof genuineProof(MutationSeed seed) {
        MutantJudge.Verdict v = MutantJudge.PRODUCTION.judge(seed.mode(), seed.document(), seed.distribution(),
                seed.root(), seed.now());
        assertThat(v).isInstanceOf(MutantJudge.Verdict.Accepted.class);
        return ((MutantJudge.Verdict.Accepted) v).proof();
    }
}
