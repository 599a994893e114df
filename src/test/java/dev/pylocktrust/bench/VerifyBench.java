package dev.pylocktrust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.PhaseTimes;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.Provenance;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.testkit.FileTrees;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import dev.pylocktrust.verify.TestLocks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Benchmark of {@code pylock-trust verify} (not a timed test; run with {@code ./mvnw -B -o -q -DskipTests package}
 * then {@code ./mvnw -B -o -Pbench test -Dtest=VerifyBench}, or this class's {@code main}): a lock of 1,000 packages
 * and 3,000 files (two wheels and an sdist each, every file attested by the test Sigstore), served by the loopback
 * test index with 20 ms added latency per request.
 *
 * <p>It prints, from one run: a yardstick (raw ECDSA verifications per second, P-256 and P-384, with the provider
 * pylock-trust uses and with the JDK's SunEC), the in-process cost of verifying one file's provenance (warm, on one
 * thread), then three runs of {@code bin/pylock-trust verify} as separate processes, so JVM start is included: cold
 * cache, warm cache, and {@code --offline} (after a first run on a cache of its own, which also makes the launcher's
 * class-data archive), each with wall time, CPU time (user + system), peak RSS (from GNU time
 * when {@code /usr/bin/time} exists), requests the server saw, CPU per file as a multiple of the in-process cost,
 * and wall and CPU per phase (the command's {@code -Dpylocktrust.phases=true} lines). On a shared machine compare
 * the ratios, not the seconds. {@code -Dbench.runs=N} repeats the three process runs;
 * {@code -Dbench.javaOpts="..."} adds JVM options to every run (a profile, say:
 * {@code -XX:StartFlightRecording=filename=/tmp/verify.jfr,settings=profile}, which the last run, {@code --offline},
 * leaves behind). It asserts only that every run passes.
 */
class VerifyBench {
    static final int PACKAGES = Integer.getInteger("bench.packages", 1000);
    static final Duration LATENCY = Duration.ofMillis(20);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("pylock-trust-verify-bench");
        try {
            run(work);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void run(Path work) throws Exception {
        TestSigstore sigstore = TestSigstore.create(1000, CLOCK);
        long t0 = System.nanoTime();
        TestIndexBuilder b = new TestIndexBuilder(new SigstoreProvenanceMinter(sigstore));
        Map<String, List<IdentitySpec>> identities = new HashMap<>();
        for (int p = 0; p < PACKAGES; p++) {
            String name = "bench-" + p;
            IdentitySpec id = IdentitySpec.github("org/" + name, "release.yml", "pypi");
            b.add(TestRelease.of(name, "1.0").withFiles("bench_" + p + "-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                    "bench_" + p + "-1.0-py3-none-any.whl", "bench_" + p + "-1.0.tar.gz").withIdentity(id));
            identities.put(name, List.of(id));
        }
        TestIndex index = b.build();
        Path lock = TestLocks.write(work.resolve("pylock.toml"),
                TestLocks.lock(index, "https://files.example/", identities, TrustPolicy.EMPTY));
        Path root = sigstore.writeTrustedRoot(Files.createDirectories(work.resolve("root")));
        System.out.printf(Locale.ROOT, "%nverify: %d packages, %d files, minted in %.1f s; %d ms latency per request; "
                        + "%d cores; lock file %d KiB%n", PACKAGES, index.allFiles().size(),
                (System.nanoTime() - t0) / 1e9, LATENCY.toMillis(), Runtime.getRuntime().availableProcessors(),
                Files.size(lock) / 1024);
        TrustRoot trustRoot = TrustRoot.fromBytes(sigstore.trustedRootJson(), "bench", Optional.empty());
        Yardstick.print(System.out);
        double inProcessMs = inProcessMillisPerFile(trustRoot, index);
        System.out.printf(Locale.ROOT, "in-process verification of one file's provenance (warm, one thread): %.2f ms "
                + "CPU%n", inProcessMs);
        int files = index.allFiles().size();
        try (TestIndexServer server = TestIndexServer.start(index)) {
            server.faults().latency(LATENCY);
            for (int round = 1; round <= Integer.getInteger("bench.runs", 1); round++) {
                Path cache = work.resolve("cache-" + round);
                System.out.println("run          | exit | wall s | CPU s | CPU/file vs in-process | peak RSS MiB "
                        + "| requests seen by server");
                // The first run of a jar also makes the launcher's class-data archive (cold cache of its own).
                List<String> runs = round == 1 ? List.of("first run", "cold cache", "warm cache", "--offline")
                        : List.of("cold cache", "warm cache", "--offline");
                for (String run : runs) {
                    server.clearRequests();
                    Path runCache = run.equals("first run") ? work.resolve("cache-first") : cache;
                    List<String> cmd = new ArrayList<>(List.of("verify", lock.toString(), "--index-url",
                            server.simpleUrl(), "--trusted-host", server.host(), "--trusted-root", root.toString(),
                            "--cache-dir", runCache.toString()));
                    if (run.equals("--offline")) {
                        cmd.add("--offline");
                    }
                    String javaOpts = "-D" + PhaseTimes.PROPERTY + "=true " + System.getProperty("bench.javaOpts", "");
                    Measured m = runLauncher(cmd, work, Map.of("PYLOCK_TRUST_JAVA_OPTS", javaOpts,
                            "PYLOCK_TRUST_CACHE_DIR", work.resolve("launcher-cache").toString()));
                    String ratio = m.cpuSeconds.equals("n/a") ? "n/a" : String.format(Locale.ROOT, "%.2fx",
                            Double.parseDouble(m.cpuSeconds) * 1000 / files / inProcessMs);
                    System.out.printf(Locale.ROOT, "%-12s | %4d | %6.2f | %5s | %22s | %12s | %d%n", run, m.exit,
                            m.wallSeconds, m.cpuSeconds, ratio, m.peakRssMiB, server.requests().size());
                    System.out.println("             " + m.summary);
                    m.output.lines().filter(l -> l.startsWith("phase ")).forEach(l -> System.out.println(
                            "               " + l));
                    assertThat(m.exit).as(m.output).isZero();
                }
            }
        }
    }

    /**
     * CPU milliseconds to verify one file's provenance in this JVM, on one thread, after a warm-up: what a whole
     * {@code verify} run can at best approach per file.
     */
    static double inProcessMillisPerFile(TrustRoot root, TestIndex index) throws Exception {
        ProvenanceVerifier verifier = new ProvenanceVerifier(root);
        List<TestFile> files = index.allFiles();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Instant now = CLOCK.instant();
        int warmUp = Math.min(files.size(), 1500);
        int measured = Math.min(files.size(), 1500);
        long cpu = 0;
        for (int i = 0; i < warmUp + measured; i++) {
            TestFile f = files.get(i % files.size());
            long t0 = threads.getCurrentThreadCpuTime();
            ProvenanceResult r = verifier.verify(Provenance.parse(f.provenance()),
                    new Distribution(f.filename(), f.sha256()), now);
            if (i >= warmUp) {
                cpu += threads.getCurrentThreadCpuTime() - t0;
            }
            if (!r.allVerified()) {
                throw new IllegalStateException("bench fixture does not verify: " + r);
            }
        }
        return cpu / 1e6 / measured;
    }

    record Measured(int exit, double wallSeconds, String cpuSeconds, String peakRssMiB, String summary,
                    String output) {}

    /** Runs {@code bin/pylock-trust ARGS} (the packaged jar), under GNU time when available. */
    static Measured runLauncher(List<String> args, Path work, Map<String, String> env)
            throws IOException, InterruptedException {
        Path launcher = Path.of(System.getProperty("pylocktrust.launcher", "bin/pylock-trust")).toAbsolutePath();
        Path jar = Path.of(System.getProperty("pylocktrust.jar", "target/pylock-trust.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run ./mvnw -B -o -q -DskipTests package first");
        }
        Path timeFile = work.resolve("time.txt");
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        List<String> cmd = new ArrayList<>();
        if (gnuTime) {
            cmd.addAll(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %U %S %M"));
        }
        cmd.add(launcher.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYLOCK_TRUST_JAR", jar.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String cpu = "n/a";
        String rss = "n/a";
        if (gnuTime) {
            String[] f = Files.readString(timeFile).trim().split("\\s+");
            String[] last = f.length >= 4 ? java.util.Arrays.copyOfRange(f, f.length - 4, f.length) : f;
            cpu = String.format(Locale.ROOT, "%.2f", Double.parseDouble(last[1]) + Double.parseDouble(last[2]));
            rss = Long.toString(Long.parseLong(last[3]) / 1024);
        }
        String summary = out.lines().filter(l -> l.startsWith("verif")).reduce((a, b) -> b).orElse(out.strip());
        return new Measured(exit, wall, cpu, rss, summary, out);
    }
}
