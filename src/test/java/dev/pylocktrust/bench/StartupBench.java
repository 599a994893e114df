package dev.pylocktrust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.testkit.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up benchmark (not a timed test; run with {@code ./mvnw -B -o -q -DskipTests package} then
 * {@code ./mvnw -B -o -Pbench test -Dtest=StartupBench}, or this class's {@code main}): {@code bin/pylock-trust} as
 * a user runs it, for {@code --version}, {@code inspect} of one real attestation, and the README's demo lock
 * ({@code examples/}, embedded trusted root), {@code -Dbench.runs} times each (default 10), without and with the
 * launcher's class-data archive (made by one untimed first run), side by side: median, min and max wall time and
 * median CPU. The ECDSA yardstick is printed first, to compare machines. It asserts only that every run succeeds.
 */
class StartupBench {
    static final int RUNS = Integer.getInteger("bench.runs", 10);

    @Test
    void bench() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("pylock-trust-startup-bench");
        try {
            run(work);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void run(Path work) throws Exception {
        TrustRoot.embeddedProduction(); // puts pylock-trust's ECDSA provider in place for the yardstick
        Yardstick.print(System.out);
        Map<String, List<String>> commands = Map.of(
                "--version", List.of("--version"),
                "inspect (one file)", List.of("inspect",
                        "src/test/resources/fixtures/provenance/pypi_attestations-0.0.19.tar.gz.provenance.json",
                        "--dist", "src/test/resources/fixtures/dists/pypi_attestations-0.0.19.tar.gz"),
                "demo lock", List.of("lock", "-r", "examples/requirements.txt", "--no-deps", "--index-url",
                        "examples/index", "-o", work.resolve("pylock.toml").toString()));
        System.out.printf(Locale.ROOT, "%nstart-up: %d runs each; wall median (min-max) s, CPU median s; %d cores%n",
                RUNS, Runtime.getRuntime().availableProcessors());
        System.out.println("command            | no archive: wall        CPU  | archive: wall           CPU  | "
                + "archive/none");
        for (String name : List.of("--version", "inspect (one file)", "demo lock")) {
            List<String> cmd = commands.get(name);
            Path cache = Files.createDirectories(work.resolve("cache-" + name.charAt(2)));
            Map<String, String> off = Map.of("PYLOCK_TRUST_CDS", "off", "PYLOCK_TRUST_ROOT_SOURCE", "embedded");
            Map<String, String> on = Map.of("PYLOCK_TRUST_CDS", "on", "PYLOCK_TRUST_CACHE_DIR", cache.toString(),
                    "PYLOCK_TRUST_ROOT_SOURCE", "embedded");
            VerifyBench.Measured first = VerifyBench.runLauncher(cmd, work, on); // makes the archive
            assertThat(first.exit()).as(first.output()).isZero();
            List<VerifyBench.Measured> without = new ArrayList<>();
            List<VerifyBench.Measured> with = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                without.add(VerifyBench.runLauncher(cmd, work, off)); // alternate, so that load hits both alike
                with.add(VerifyBench.runLauncher(cmd, work, on));
            }
            for (VerifyBench.Measured m : concat(without, with)) {
                assertThat(m.exit()).as(m.output()).isZero();
            }
            Stats a = Stats.of(without);
            Stats b = Stats.of(with);
            System.out.printf(Locale.ROOT, "%-18s | %5.2f (%5.2f-%5.2f)  %5s | %5.2f (%5.2f-%5.2f)  %5s | %.2f%n",
                    name, a.median, a.min, a.max, a.cpuMedian, b.median, b.min, b.max, b.cpuMedian,
                    b.median / a.median);
        }
    }

    private static List<VerifyBench.Measured> concat(List<VerifyBench.Measured> a, List<VerifyBench.Measured> b) {
        List<VerifyBench.Measured> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    record Stats(double median, double min, double max, String cpuMedian) {
        static Stats of(List<VerifyBench.Measured> runs) {
            List<Double> wall = new ArrayList<>(runs.stream().map(VerifyBench.Measured::wallSeconds).toList());
            Collections.sort(wall);
            List<String> cpu = new ArrayList<>(runs.stream().map(VerifyBench.Measured::cpuSeconds).toList());
            cpu.sort((x, y) -> x.equals("n/a") || y.equals("n/a") ? 0
                    : Double.compare(Double.parseDouble(x), Double.parseDouble(y)));
            return new Stats(wall.get(wall.size() / 2), wall.get(0), wall.get(wall.size() - 1),
                    cpu.get(cpu.size() / 2));
        }
    }
}
