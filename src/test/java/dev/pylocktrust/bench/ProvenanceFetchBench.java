package dev.pylocktrust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.IndexStats;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.index.ProvenanceLookup;
import dev.pylocktrust.index.ProvenanceRequest;
import dev.pylocktrust.testkit.FileTrees;
import dev.pylocktrust.testkit.index.FakeProvenance;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestProject;
import dev.pylocktrust.testkit.index.TestRelease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test; run with {@code ./mvnw -B -o -Pbench test}, or this class's {@code main}): provenance
 * for 2,000 files (200 projects x 10 files, ~9 KiB each) from the test index server with 20 ms added latency per
 * request, for {@code --jobs 1}, the default {@code --jobs}, and a second run over a warm cache. Each run is a fresh
 * JVM (so peak memory is the client's alone); it prints wall time, requests and peak memory.
 */
class ProvenanceFetchBench {
    static final int PROJECTS = 200;
    static final int FILES_PER_PROJECT = 10;
    static final Duration LATENCY = Duration.ofMillis(20);

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        TestIndex index = index();
        Path cache = Files.createTempDirectory("pylock-trust-bench-cache");
        try (TestIndexServer server = TestIndexServer.start(index)) {
            server.faults().latency(LATENCY);
            System.out.printf("%nprovenance for %d files (%d projects), %d ms latency per request, %d cores%n",
                    PROJECTS * FILES_PER_PROJECT, PROJECTS, LATENCY.toMillis(), Runtime.getRuntime().availableProcessors());
            System.out.println("run                    | jobs | pages ms | provenance ms | requests | cache hits | heap peak MiB | RSS peak MiB");
            run(server, "cold, --jobs 1", 1, Optional.empty());
            run(server, "cold, default jobs", IndexConfig.defaultJobs(), Optional.of(cache));
            run(server, "warm cache, default", IndexConfig.defaultJobs(), Optional.of(cache));
        } finally {
            FileTrees.delete(cache);
        }
    }

    static TestIndex index() {
        TestIndexBuilder b = new TestIndexBuilder(new FakeProvenance(6000));
        for (int p = 0; p < PROJECTS; p++) {
            List<String> files = new ArrayList<>();
            for (int f = 0; f < FILES_PER_PROJECT; f++) {
                files.add("bench_" + p + "-1.0-cp3" + f + "-cp3" + f + "-manylinux_2_17_x86_64.whl");
            }
            b.add(TestRelease.of("bench-" + p, "1.0").withFiles(files.toArray(String[]::new))
                    .withIdentity(IdentitySpec.github("org/bench-" + p, "release.yml", "pypi")));
        }
        return b.build();
    }

    private static void run(TestIndexServer server, String label, int jobs, Optional<Path> cache) throws Exception {
        server.clearRequests();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Client.class.getName(),
                server.simpleUrl(), server.host(), Integer.toString(jobs), cache.map(Path::toString).orElse("-")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    System.out.println("  client: " + line);
                }
            }
        }
        assertThat(p.waitFor()).isZero();
        assertThat(result).isNotNull();
        String[] f = result.split(" ");
        System.out.printf("%-22s | %4d | %8s | %13s | %8s | %10s | %13s | %12s%n", label, jobs, f[0], f[1], f[2], f[3],
                f[4], f[5]);
        System.out.printf("%-22s   server saw %d provenance requests, %d page requests%n", "",
                server.count("/integrity/"), server.count("/simple/"));
    }

    /** The measured side, in its own JVM. Prints {@code RESULT pagesMs provenanceMs requests hits heapMiB rssMiB}. */
    public static final class Client {
        public static void main(String[] args) throws Exception {
            String url = args[0];
            int jobs = Integer.parseInt(args[2]);
            Optional<Path> cache = args[3].equals("-") ? Optional.empty() : Optional.of(Path.of(args[3]));
            IndexConfig cfg = IndexConfig.builder(new IndexLocation.Remote(URI.create(url)))
                    .trustedHosts(Set.of(args[1])).environment(Map.of()).netrc(Optional.empty())
                    .cacheDir(cache).jobs(jobs).build();
            try (IndexClient c = IndexClient.open(cfg)) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < PROJECTS; i++) {
                    names.add("bench-" + i);
                }
                long t0 = System.nanoTime();
                Map<String, ProjectPage> pages = c.projectPages(names);
                long t1 = System.nanoTime();
                List<ProvenanceRequest> requests = new ArrayList<>();
                pages.values().forEach(pg -> pg.files().forEach(f -> requests.add(new ProvenanceRequest(f, "1.0"))));
                Map<String, ProvenanceLookup> results = c.provenance(requests);
                long t2 = System.nanoTime();
                long found = results.values().stream().filter(r -> r instanceof ProvenanceLookup.Found).count();
                if (found != PROJECTS * FILES_PER_PROJECT) {
                    throw new IllegalStateException("only " + found + " found: " + results.values().stream()
                            .filter(r -> !(r instanceof ProvenanceLookup.Found)).findFirst());
                }
                IndexStats s = c.stats();
                System.out.printf("RESULT %d %d %d %d %d %d%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        s.requests(), s.cacheHits(), heapPeakMiB(), rssPeakMiB());
            }
        }

        private static long heapPeakMiB() {
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            return peak >> 20;
        }

        /** VmHWM from /proc (Linux); -1 elsewhere. */
        private static long rssPeakMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
