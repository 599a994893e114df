package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One verifier per trust root is shared by threads: verdicts must not depend on interleaving. */
class SharedVerifierTest {
    @Test
    void concurrentVerificationsGiveTheSameVerdicts() throws Exception {
        var verifier = new AttestationVerifier(Fixtures.production());
        String dist = "pypi_attestations-0.0.19.tar.gz";
        Attestation good = Fixtures.attestation("pypi_attestations-0.0.19.tar.gz.publish.attestation.json");
        Attestation slsa = Fixtures.attestation("pypi_attestations-0.0.19.tar.gz.slsa.attestation.json");
        Attestation bad = Tamper.of("pypi_attestations-0.0.19.tar.gz.publish.attestation.json")
                .signatureFrom("pypi_attestations-0.0.19.tar.gz.slsa.attestation.json").attestation();
        Distribution d = Fixtures.dist(dist);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Attestation a = i % 3 == 0 ? good : i % 3 == 1 ? slsa : bad;
                futures.add(pool.submit(() -> {
                    AttestationResult r = verifier.verify(a, Optional.empty(), d, Fixtures.NOW);
                    return r instanceof AttestationResult.Rejected x ? x.reason().name() : "VERIFIED";
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).as("task " + i).isEqualTo(i % 3 == 2 ? "SIGNATURE" : "VERIFIED");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
