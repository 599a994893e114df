package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.LockfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock} killed with SIGKILL while it writes, and two {@code lock} runs on one file at once: the lock file is
 * always either the old bytes or the complete new ones, never a mix, and it always reads back as a valid lock. The
 * lock upgrades {@code examples/} (mirror directory, real attestations, embedded root: no network) from
 * {@code requirements.txt} to {@code requirements-upgrade.txt}. A run killed before its rename may leave its
 * temporary file ({@code .pylock.toml.<random>.tmp}); nothing ever reads it.
 */
class InterruptedWriteIT {
    private static final String[] INDEX = {"--no-deps", "--index-url", "examples/index"};

    @TempDir
    static Path dir;

    private static Path out;
    /** The old requirements locked. */
    private static byte[] old;
    /** The upgrade locked over {@link #old}. */
    private static byte[] fresh;
    /** The old requirements locked again over {@link #fresh}. */
    private static byte[] downgraded;

    @BeforeAll
    static void lockEachOutcome() throws IOException {
        out = dir.resolve("pylock.toml");
        old = lockedBytes("examples/requirements.txt");
        fresh = lockedBytes("examples/requirements-upgrade.txt");
        assertThat(fresh).isNotEqualTo(old);
        downgraded = lockedBytes("examples/requirements.txt");
        Files.write(out, old);
        assertThat(lockedBytes("examples/requirements.txt")).as("re-locking gives the same bytes").isEqualTo(old);
    }

    @BeforeEach
    void startFromTheOldLock() throws IOException {
        Files.write(out, old);
        deleteLeftovers();
    }

    /** Temporary files of runs killed before their rename. */
    private static void deleteLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path leftover : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.delete(leftover);
            }
        }
    }

    private static byte[] lockedBytes(String requirements) throws IOException {
        CliRunner.Result r = LauncherRunner.run(args(requirements));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return Files.readAllBytes(out);
    }

    private static String[] args(String requirements) {
        List<String> a = new ArrayList<>(List.of("lock", "-r", requirements));
        a.addAll(List.of(INDEX));
        a.addAll(List.of("-o", out.toString()));
        return a.toArray(String[]::new);
    }

    @Test
    void killedAtEachStepOfTheWriteTheLockIsOldOrNewNeverAMix() throws Exception {
        for (String step : List.of("before-write", "written", "synced", "renamed")) {
            Files.write(out, old);
            deleteLeftovers();
            Path marker = dir.resolve("reached-" + step);
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    PausingLock.class.getName(), step, marker.toString()));
            cmd.addAll(List.of(args("examples/requirements-upgrade.txt")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child-" + step + ".log").toFile()).start();
            try {
                waitFor(marker, p);
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count())
                            .as("%s: the write is under way in its temporary file", step)
                            .isEqualTo(step.equals("renamed") ? 0 : 1);
                }
            } finally {
                p.destroyForcibly(); // SIGKILL on Unix
                p.waitFor(1, TimeUnit.MINUTES);
            }
            byte[] now = Files.readAllBytes(out);
            if (step.equals("renamed")) {
                assertThat(now).as(step).isEqualTo(fresh);
            } else {
                assertThat(now).as("killed at %s: the old lock, byte for byte", step).isEqualTo(old);
            }
            assertThat(new LockfileReader().read(out).lockfile().packages()).as(step).isNotEmpty();
        }
    }

    @Test
    void killedThroughTheLauncherAtAnyMomentTheLockIsOldOrNew() throws Exception {
        int interrupted = 0;
        for (long delayMs : new long[] {0, 700, 1_500, 3_000}) {
            Files.write(out, old);
            List<String> cmd = new ArrayList<>(List.of(LauncherRunner.launcher().toString()));
            cmd.addAll(List.of(args("examples/requirements-upgrade.txt")));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PYLOCK_TRUST_ROOT_SOURCE", "embedded");
            Process launcher = pb.start();
            boolean finished = launcher.waitFor(delayMs, TimeUnit.MILLISECONDS);
            if (!finished) {
                interrupted++;
                // The launcher execs java, so the launcher's pid is the JVM's: this is SIGKILL to pylock-trust.
                launcher.destroyForcibly();
                launcher.waitFor(1, TimeUnit.MINUTES);
            }
            byte[] now = Files.readAllBytes(out);
            assertThat(now).as("after %d ms", delayMs).satisfiesAnyOf(b -> assertThat(b).isEqualTo(old),
                    b -> assertThat(b).isEqualTo(fresh));
            assertThat(new LockfileReader().read(out).lockfile().packages()).isNotEmpty();
        }
        assertThat(interrupted).as("runs killed before they finished").isPositive();
    }

    @Test
    void twoLocksOnOneFileAtOnceLeaveOneWholeResult() throws Exception {
        for (int round = 0; round < 2; round++) { // two rounds: the race goes either way
            Files.write(out, old);
            var a = CompletableFuture.supplyAsync(() -> LauncherRunner.run(args("examples/requirements-upgrade.txt")));
            var b = CompletableFuture.supplyAsync(() -> LauncherRunner.run(args("examples/requirements.txt")));
            assertThat(a.get().exitCode()).as(a.get().toString()).isZero();
            assertThat(b.get().exitCode()).as(b.get().toString()).isZero();
            byte[] now = Files.readAllBytes(out);
            assertThat(now).as("round %d: one run's whole result", round).satisfiesAnyOf(
                    x -> assertThat(x).isEqualTo(fresh), x -> assertThat(x).isEqualTo(old),
                    x -> assertThat(x).isEqualTo(downgraded));
            assertThat(new LockfileReader().read(out).lockfile().packages()).isNotEmpty();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                        .as("no temporary file is left by runs that finished").isEmpty();
            }
        }
    }

    private static void waitFor(Path marker, Process p) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(marker)) {
            if (!p.isAlive()) {
                throw new AssertionError("the process ended (exit " + p.exitValue() + ") before the marker "
                        + marker);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no marker " + marker + " after 3 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
