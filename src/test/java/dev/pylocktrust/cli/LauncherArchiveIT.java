package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive ({@code bin/pylock-trust}, in {@code pylock-trust-jvm/} next to the jar,
 * never in the cache directory, which CI restores from shared caches): made on a command's first run, used by later
 * runs, rebuilt when the jar changes, and ignored (same results, nothing printed) when it is corrupt or writable by
 * others. Whether the archive is used is read from the JVM's class-load
 * log: a class from the archive is logged as coming from the "shared objects file".
 */
class LauncherArchiveIT {
    private static final String PROVENANCE =
            "src/test/resources/fixtures/provenance/pypi_attestations-0.0.19.tar.gz.provenance.json";
    private static final String DIST = "src/test/resources/fixtures/dists/pypi_attestations-0.0.19.tar.gz";
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path tmp;
    Path cache;
    Path jar;

    @BeforeEach
    void copyTheJar() throws IOException {
        cache = tmp.resolve("cache");
        // A copy, so that the test can change "the build" without touching target/.
        jar = Files.copy(Path.of(System.getProperty("pylocktrust.jar")), tmp.resolve("pylock-trust.jar"));
    }

    @Test
    void theFirstRunOfACommandMakesTheArchiveAndLaterRunsUseItWithTheSameResults() throws IOException {
        CliRunner.Result plain = run(Map.of("PYLOCK_TRUST_CDS", "off"), "inspect", PROVENANCE, "--dist", DIST);
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).contains("result: VERIFIED");

        CliRunner.Result first = runLogged("inspect", PROVENANCE, "--dist", DIST);
        assertThat(first).isEqualTo(plain);
        assertThat(archives()).hasSize(1);
        assertThat(commandsTrained()).containsExactly("inspect");

        CliRunner.Result second = runLogged("inspect", PROVENANCE, "--dist", DIST);
        assertThat(second).isEqualTo(plain);
        assertThat(classesFromArchive()).contains("dev.pylocktrust.attest.AttestationVerifier",
                "picocli.CommandLine", "com.fasterxml.jackson.databind.ObjectMapper");

        // Another command adds its classes to the same archive on its first run.
        CliRunner.Result version = runLogged("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stderr()).isEmpty();
        assertThat(commandsTrained()).containsExactly("inspect", "none");
        assertThat(archives()).hasSize(1);
        assertThat(runLogged("inspect", PROVENANCE, "--dist", DIST)).isEqualTo(plain);
        assertThat(classesFromArchive()).contains("dev.pylocktrust.attest.AttestationVerifier",
                "dev.pylocktrust.cli.VersionProvider");
    }

    @Test
    void aChangedJarGetsANewArchiveAndTheOldOneIsRemoved() throws IOException {
        runLogged("--version");
        List<Path> before = archives();
        assertThat(before).hasSize(1);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        CliRunner.Result r = runLogged("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        List<Path> after = archives();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        runLogged("--version");
        assertThat(classesFromArchive()).contains("dev.pylocktrust.cli.Main");
    }

    @Test
    void aCorruptedArchiveIsIgnoredWithTheSameResultsAndNothingPrinted() throws IOException {
        CliRunner.Result plain = run(Map.of("PYLOCK_TRUST_CDS", "off"), "inspect", PROVENANCE, "--dist", DIST);
        runLogged("inspect", PROVENANCE, "--dist", DIST);
        Path archive = archives().get(0);
        long size = Files.size(archive);
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            // Damage the middle (class data, not the header): only the archive's checksum can tell.
            for (long at = size / 3; at < size / 3 + 4096; at += 512) {
                f.seek(at);
                f.write(new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55});
            }
        }
        assertThat(runLogged("inspect", PROVENANCE, "--dist", DIST)).isEqualTo(plain);
        assertThat(classesFromArchive()).isEmpty();

        Files.write(archive, "not an archive".getBytes());
        assertThat(runLogged("inspect", PROVENANCE, "--dist", DIST)).isEqualTo(plain);
        assertThat(classesFromArchive()).isEmpty();
    }

    @Test
    void anArchiveOthersCanWriteIsNotUsed() throws IOException {
        CliRunner.Result plain = run(Map.of("PYLOCK_TRUST_CDS", "off"), "--version");
        runLogged("--version");
        Path archive = archives().get(0);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(runLogged("--version")).isEqualTo(plain);
        assertThat(classesFromArchive()).isEmpty();

        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(archiveDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(runLogged("--version")).isEqualTo(plain);
        assertThat(classesFromArchive()).isEmpty();
    }

    @Test
    void offMakesNoArchive() {
        assertThat(run(Map.of("PYLOCK_TRUST_CDS", "off"), "--version").exitCode()).isZero();
        assertThat(archiveDir()).doesNotExist();
    }

    /**
     * The cache directory is data that CI shares between runs (and an attacker may write, through a shared cache): no
     * archive is ever written there or read from there, whatever it holds.
     */
    @Test
    void theCacheDirectoryNeverHoldsCode() throws IOException {
        CliRunner.Result plain = run(Map.of("PYLOCK_TRUST_CDS", "off"), "--version");
        runLogged("--version");
        assertThat(cache.resolve("jvm")).doesNotExist();
        // Plant this very archive in the cache, as a cache writer would, and remove the real one: nothing maps it.
        Path planted = Files.createDirectories(cache.resolve("jvm"));
        for (Path p : archives()) {
            Files.move(p, planted.resolve(p.getFileName()));
        }
        Files.delete(archiveDir().resolve(commandsFile()));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwx------"));
        assertThat(runLogged("--version")).isEqualTo(plain);
        assertThat(classesFromArchive()).as("the planted archive is not mapped").isEmpty();
        assertThat(archives()).as("a new archive, next to the jar").hasSize(1);
    }

    private Path archiveDir() {
        return tmp.resolve("pylock-trust-jvm");
    }

    private Path commandsFile() throws IOException {
        try (Stream<Path> files = Files.list(archiveDir())) {
            return files.filter(p -> p.toString().endsWith(".commands")).findFirst().orElseThrow().getFileName();
        }
    }

    @Test
    void underJdk25TheArchiveWorksAndPrintsNothing() throws IOException {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "JDK 25 not installed at " + JDK25);
        Map<String, String> jdk25 = Map.of("JAVA_HOME", JDK25.toString());
        CliRunner.Result plain = run(Map.of("JAVA_HOME", JDK25.toString(), "PYLOCK_TRUST_CDS", "off"),
                "inspect", PROVENANCE, "--dist", DIST);
        assertThat(plain.stderr()).isEmpty();
        assertThat(run(jdk25, "inspect", PROVENANCE, "--dist", DIST)).isEqualTo(plain);
        assertThat(run(jdk25, "inspect", PROVENANCE, "--dist", DIST)).isEqualTo(plain);
        assertThat(archives()).hasSize(1);
    }

    private CliRunner.Result run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(Map.of("PYLOCK_TRUST_CDS", "on", "PYLOCK_TRUST_CACHE_DIR",
                cache.toString(), "PYLOCK_TRUST_JAR", jar.toString(), "JAVA_HOME", System.getProperty("java.home")));
        all.putAll(env);
        return LauncherRunner.run(all, args);
    }

    /** Runs with the JVM's class-load log in {@code tmp/classes.log}. */
    private CliRunner.Result runLogged(String... args) {
        return run(Map.of("PYLOCK_TRUST_JAVA_OPTS", "-Xlog:class+load=info:file=" + tmp.resolve("classes.log")),
                args);
    }

    /** The application's classes (not the JDK's) that the last logged run took from the archive. */
    private List<String> classesFromArchive() throws IOException {
        try (Stream<String> lines = Files.lines(tmp.resolve("classes.log"))) {
            return lines.filter(l -> l.contains("source: shared objects file"))
                    .map(l -> l.replaceAll(".*\\] (\\S+) source: .*", "$1"))
                    .filter(c -> !c.startsWith("java.") && !c.startsWith("javax.") && !c.startsWith("jdk.")
                            && !c.startsWith("sun.") && !c.startsWith("com.sun."))
                    .toList();
        }
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(archiveDir())) {
            return files.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    private List<String> commandsTrained() throws IOException {
        try (Stream<Path> files = Files.list(archiveDir())) {
            Path commands = files.filter(p -> p.toString().endsWith(".commands")).findFirst().orElseThrow();
            return Files.readAllLines(commands);
        }
    }
}
