package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.testkit.index.FakeProvenance;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The differential check against pip's resolver: generated graphs ({@link GraphGenerator#differential}) served by
 * the loopback test index server as real wheels with PEP 658 metadata, resolved by pylock-trust (through
 * {@link IndexPackageSource}) and by {@code python3 -m pip install --dry-run --ignore-installed --report}.
 *
 * <p>A graph fails the test when: a solution of ours breaks a requirement or rule ({@link SolutionChecker});
 * pip's does (the generator would be testing something the two define differently); pip finds a solution and we
 * find none; or both succeed with different versions and ours is not a best solution. "Best" is decided by
 * enumerating every solution ({@link SolutionEnumerator}): a solution is best if no other is at least as high on
 * every package and higher on one. When one best solution exists, both must return it. When several exist (their
 * versions trade off against each other), pip's resolvelib and PubGrub may legitimately pick different ones: pip
 * re-pins an earlier choice, PubGrub keeps it and backjumps; such graphs, and graphs where pip returns a solution
 * that ours beats on every package or where pip gives up although a solution exists, are listed in the report
 * (target/pip-differential.txt) but do not fail.
 *
 * <p>Properties: {@code pylocktrust.pip.graphs} (default 220),
 * {@code pylocktrust.pip.workers} (default 4: each worker keeps one pip process, see {@link PipRunner.Session}). Skipped
 * when {@code python3 -m pip} is not available.
 */
class PipDifferentialIT {
    static final int GRAPHS = Integer.getInteger("pylocktrust.pip.graphs", 220);
    static final int WORKERS = Integer.getInteger("pylocktrust.pip.workers", 4);

    enum Kind { AGREE, BOTH_FAIL, WE_ONLY, SEVERAL_BEST, PIP_DOMINATED, FAIL }

    record Outcome(long seed, Kind kind, String detail) {}

    @Test
    void agreesWithPip() throws Exception {
        assumeTrue(PipRunner.available(), "python3 -m pip is not available");
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            futures.add(pool.submit(() -> runWorker(worker)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> f : futures) {
            outcomes.addAll(f.get());
        }
        pool.shutdown();
        outcomes.sort(java.util.Comparator.comparingLong(Outcome::seed));
        StringBuilder report = new StringBuilder();
        Map<Kind, Long> counts = new java.util.EnumMap<>(Kind.class);
        for (Outcome o : outcomes) {
            counts.merge(o.kind(), 1L, Long::sum);
            if (o.kind() != Kind.AGREE && o.kind() != Kind.BOTH_FAIL) {
                report.append(o.kind()).append(' ').append(o.detail()).append("\n\n");
            }
        }
        String summary = GRAPHS + " graphs: " + counts;
        report.insert(0, summary + "\n\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/pip-differential.txt"), report);
        System.out.println(report);
        assertThat(outcomes).hasSize(GRAPHS);
        assertThat(outcomes).filteredOn(o -> o.kind() == Kind.FAIL).as(report.toString()).isEmpty();
        long agree = counts.getOrDefault(Kind.AGREE, 0L);
        long bothSolved = agree + counts.getOrDefault(Kind.SEVERAL_BEST, 0L)
                + counts.getOrDefault(Kind.PIP_DOMINATED, 0L);
        // The generator must keep producing mostly solvable graphs, and identical answers must be the rule.
        assertThat(bothSolved).as(summary).isGreaterThanOrEqualTo(GRAPHS * 7L / 10);
        assertThat(agree).as(summary).isGreaterThanOrEqualTo(bothSolved * 9 / 10);
    }

    private static List<Outcome> runWorker(int worker) throws Exception {
        List<Outcome> out = new ArrayList<>();
        Path work = Path.of("target/pip-differential/worker-" + worker);
        try (TestIndexServer server = TestIndexServer.start(index(GraphGenerator.differential(0)));
             PipRunner.Session pip = new PipRunner.Session()) {
            for (long seed = 1 + worker; seed <= GRAPHS; seed += WORKERS) {
                GraphGenerator.Graph g = GraphGenerator.differential(seed);
                server.serve(index(g));
                out.add(compare(g, server, pip, work));
            }
        }
        return out;
    }

    static TestIndex index(GraphGenerator.Graph g) {
        TestIndexBuilder b = new TestIndexBuilder(new FakeProvenance()).realArchives().providesExtra();
        for (GraphGenerator.Release r : g.releases()) {
            TestRelease t = TestRelease.of(r.name(), r.version())
                    .withFiles(r.name() + "-" + r.version() + "-py3-none-any.whl")
                    .withDependencies(r.requiresDist().toArray(new String[0]));
            if (r.requiresPython() != null) {
                t = t.withRequiresPython(r.requiresPython());
            }
            if (r.yanked() != null) {
                t = t.yanked(r.yanked());
            }
            b.add(t);
        }
        return b.build();
    }

    private static Outcome compare(GraphGenerator.Graph g, TestIndexServer server, PipRunner.Session session,
            Path work) throws IOException {
        PipRunner.Outcome pip = session.resolve(server.simpleUrl(), g.roots(), g.constraints(), work);
        Map<String, String> ours = null;
        String ourFailure = null;
        try (IndexClient client = client(server)) {
            ours = new Resolver(new IndexPackageSource(client), ResolverOptions.DEFAULT)
                    .resolve(GeneratedGraphsTest.request(g), GeneratedGraphsTest.TARGET).asStrings();
        } catch (ResolutionException e) {
            ourFailure = e.getMessage();
        }
        var env = GeneratedGraphsTest.TARGET.markerEnvironment();
        var python = GeneratedGraphsTest.TARGET.pythonVersion();
        String shown = g + "ours: " + (ours != null ? ours : ourFailure) + "\npip:  "
                + (pip.succeeded() ? pip.versions() : pip.failure().strip());
        if (ours != null) {
            List<String> problems = SolutionChecker.check(g, env, python, ours);
            if (!problems.isEmpty()) {
                return new Outcome(g.seed(), Kind.FAIL, "our solution is invalid " + problems + "\n" + shown);
            }
        }
        if (pip.succeeded()) {
            List<String> problems = SolutionChecker.check(g, env, python, pip.versions());
            if (!problems.isEmpty()) {
                return new Outcome(g.seed(), Kind.FAIL, "pip's solution breaks our rules " + problems + "\n" + shown);
            }
        }
        if (!pip.succeeded()) {
            if (!PipRunner.isResolutionFailure(pip.failure())) {
                return new Outcome(g.seed(), Kind.FAIL, "pip did not run properly\n" + shown);
            }
            return new Outcome(g.seed(), ours == null ? Kind.BOTH_FAIL : Kind.WE_ONLY, shown);
        }
        if (ours == null) {
            return new Outcome(g.seed(), Kind.FAIL, "pip found a solution, we did not\n" + shown);
        }
        if (ours.equals(pip.versions())) {
            return new Outcome(g.seed(), Kind.AGREE, "");
        }
        SolutionEnumerator all = new SolutionEnumerator(g, env, python);
        List<Map<String, String>> best = all.maximal();
        if (!all.complete()) {
            return new Outcome(g.seed(), Kind.FAIL, "too many solutions to judge\n" + shown);
        }
        if (!best.contains(ours)) {
            return new Outcome(g.seed(), Kind.FAIL, "ours is not a best solution; best: " + best + "\n" + shown);
        }
        if (best.size() == 1) {
            return new Outcome(g.seed(), Kind.PIP_DOMINATED, "ours is the one best solution\n" + shown);
        }
        return new Outcome(g.seed(), best.contains(pip.versions()) ? Kind.SEVERAL_BEST : Kind.PIP_DOMINATED,
                best.size() + " best solutions: " + best + "\n" + shown);
    }

    private static IndexClient client(TestIndexServer server) {
        return IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(URI.create(server.simpleUrl())))
                .trustedHosts(Set.of(server.host())).environment(Map.of()).netrc(Optional.empty())
                .cacheDir(Optional.empty()).jobs(4).timeout(Duration.ofSeconds(30)).maxTries(2)
                .retryBaseDelay(Duration.ZERO).sleeper(d -> { }).build());
    }
}
