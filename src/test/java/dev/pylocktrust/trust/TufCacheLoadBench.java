package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigstore.tuf.SigstoreTufClient;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark of what verifying the TUF cache adds to every command start (not a timed test; run with
 * {@code ./mvnw -B -o -Pbench test -Dtest=TufCacheLoadBench}, or this class's {@code main}): a cache generation of the
 * real Sigstore production metadata ({@code src/test/resources/tuf/sigstore-production-60cf2ce8}) is looked up as a
 * command does, {@link TufCacheDir#lookup}: every signature checked from the pinned root. Two anchors: the jar's
 * (root version 15: no rotation to follow; 1 timestamp, 1 snapshot and 3 targets signatures) and sigstore-java's
 * version 10 (five rotations to follow as well, each needing thresholds of the old and the new root keys). Prints the
 * first lookup in this JVM (class loading, JCA set-up), then the median and 90th percentile of 300 more, in wall time
 * and in this thread's CPU time (steadier on a loaded machine). With {@code -Dbench.warmShared=true} it first loads
 * what any command loads anyway (Jackson, one ECDSA P-256 verification), so that the first lookup shows what the
 * cache check adds to a command's start rather than the JVM's. It asserts only that every lookup is a hit.
 */
class TufCacheLoadBench {
    static final Path DATA = Path.of("src/test/resources/tuf/sigstore-production-60cf2ce8");
    static final Path TRUSTED_ROOT = Path.of("src/test/resources/fixtures/trust/production.trusted_root.json");
    static final Instant THEN = Instant.parse("2026-08-21T20:00:00Z");
    static final int RUNS = 300;

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        byte[] v10;
        try (InputStream in = SigstoreTufClient.class.getClassLoader()
                .getResourceAsStream(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE)) {
            v10 = in.readAllBytes();
        }
        boolean warmShared = Boolean.getBoolean("bench.warmShared");
        if (warmShared) {
            loadWhatEveryCommandLoads();
        }
        System.out.printf(Locale.ROOT, "%nTUF cache lookup (verify from the pinned root), Sigstore production "
                + "metadata, %d cores%s%n", Runtime.getRuntime().availableProcessors(),
                warmShared ? ", Jackson and ECDSA already loaded" : "");
        System.out.println("anchor                   | first lookup ms (CPU) | median ms (CPU) | p90 ms (CPU)");
        measure("jar's v15 (no rotation)", TufRepositorySpec.embeddedProductionRoot(), 15);
        measure("sigstore-java's v10", v10, 10);
    }

    /** Jackson and an ECDSA P-256 verification: attestation verification needs both in every command. */
    private static void loadWhatEveryCommandLoads() throws Exception {
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"a\":[1,\"b\"]}");
        KeyPair k = TestTufRepository.newKey();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(k.getPrivate());
        s.update(new byte[] {1});
        byte[] sig = s.sign();
        s.initVerify(k.getPublic());
        s.update(new byte[] {1});
        assertThat(s.verify(sig)).isTrue();
    }

    private static void measure(String name, byte[] pinned, int pinnedVersion) throws Exception {
        Path dir = Files.createTempDirectory("pylock-trust-tuf-bench");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int v = pinnedVersion + 1; v <= 15; v++) {
            files.put(v + ".root.json", Files.readAllBytes(DATA.resolve(v + ".root.json")));
        }
        files.put(TufGeneration.TIMESTAMP, Files.readAllBytes(DATA.resolve("timestamp.json")));
        files.put(TufGeneration.SNAPSHOT, Files.readAllBytes(DATA.resolve("165.snapshot.json")));
        files.put(TufGeneration.TARGETS, Files.readAllBytes(DATA.resolve("14.targets.json")));
        files.put(TufGeneration.TARGET, Files.readAllBytes(TRUSTED_ROOT));
        LoopbackTuf.write(dir.resolve("g-1-bench"), files);
        Files.writeString(dir.resolve("g-1-bench").resolve(TufCacheDir.REFRESH_INFO),
                "refreshed-at=2026-08-21T19\\:30\\:00Z\n");
        Files.writeString(dir.resolve(TufCacheDir.CURRENT), "g-1-bench\n");
        TufCacheDir cache = new TufCacheDir(dir, pinned);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        assertThat(cache.lookup(THEN)).isInstanceOf(CacheLookup.Hit.class);
        double first = (System.nanoTime() - t0) / 1e6;
        double firstCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        double[] ms = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            CacheLookup lookup = cache.lookup(THEN);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            assertThat(lookup).isInstanceOf(CacheLookup.Hit.class);
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-24s | %9.1f (%7.1f) | %7.2f (%5.2f) | %6.2f (%5.2f)%n", name, first,
                firstCpu, ms[RUNS / 2], cpu[RUNS / 2], ms[RUNS * 9 / 10], cpu[RUNS * 9 / 10]);
        TufCacheDir.deleteTree(dir);
    }
}
