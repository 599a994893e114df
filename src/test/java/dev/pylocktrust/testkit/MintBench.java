package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Minting throughput, for planning benchmarks that need thousands of attestations. It measures and asserts no
 * time, so it runs only under the {@code bench} profile:
 * {@code ./mvnw -B -o -Pbench test -Dtest=MintBench [-Dtestkit.benchmark.count=3000]}.
 */
class MintBench {

    @Test
    void mintThousandsThenVerifyASample() throws Exception {
        int count = Integer.getInteger("testkit.benchmark.count", 3000);
        TestSigstore sigstore = TestSigstore.create(2026, TestSigstoreVerificationTest.CLOCK);
        List<TestIdentity> identities = List.of(
                TestIdentity.github("octo-org/demo", "release.yml").withEnvironment("pypi"),
                TestIdentity.gitlab("group/demo", ".gitlab-ci.yml"),
                TestIdentity.google("release@demo.iam.gserviceaccount.com"));
        for (int i = 0; i < 300; i++) { // warm-up, same log
            sigstore.mint(request(i, identities));
        }
        List<Minted> minted = new ArrayList<>(count);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            minted.add(sigstore.mint(request(i, identities)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // CPU time is what one idle core would take; wall time depends on what else the machine runs.
        System.out.printf(Locale.ROOT, "minted %d attestations in %.2f s wall (%.0f/s), %.2f s CPU of one thread "
                + "(%.0f/s, %.2f ms each); log size %d%n", count, seconds, count / seconds, cpuSeconds,
                count / cpuSeconds, cpuSeconds * 1000 / count, sigstore.logSize());

        ProductionPath verifier = ProductionPath.trusting(sigstore.trustedRootJson());
        for (int i = 0; i < Math.min(30, count); i++) { // warm-up: class loading and JIT of the verification path
            TestSigstoreVerificationTest.verified(verifier.verify(minted.get(i), TestSigstoreVerificationTest.NOW));
        }
        long verifyStart = System.nanoTime();
        long verifyCpuStart = threads.getCurrentThreadCpuTime();
        int step = Math.max(1, count / 300);
        int verified = 0;
        for (int i = 0; i < count; i += step) {
            TestSigstoreVerificationTest.verified(verifier.verify(minted.get(i), TestSigstoreVerificationTest.NOW));
            verified++;
        }
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        double verifyCpuSeconds = (threads.getCurrentThreadCpuTime() - verifyCpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "verified %d of them through the production path: %.2f ms wall, %.2f ms CPU each%n",
                verified, verifySeconds * 1000 / verified, verifyCpuSeconds * 1000 / verified);
        assertThat(verified).isGreaterThan(0);
    }

    private static MintRequest request(int i, List<TestIdentity> identities) {
        MintRequest request = MintRequest.forContent("demo-" + i + ".0.0-py3-none-any.whl",
                Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8), identities.get(i % identities.size()));
        return i % 2 == 0 ? request : request.slsa();
    }
}
