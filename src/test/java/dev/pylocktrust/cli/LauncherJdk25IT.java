package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Under JDK 25 the launcher must keep stderr clean (no sun.misc.Unsafe warnings from protobuf). */
class LauncherJdk25IT {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void verifiedInspectPrintsNothingOnStderrUnderJdk25() {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "JDK 25 not installed at " + JDK25);
        var r = LauncherRunner.run(Map.of("JAVA_HOME", JDK25.toString()), "inspect",
                "src/test/resources/fixtures/provenance/pypi_attestations-0.0.19.tar.gz.provenance.json",
                "--dist", "src/test/resources/fixtures/dists/pypi_attestations-0.0.19.tar.gz");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).contains("result: VERIFIED");
    }

    @Test
    void versionUnderJdk25ShowsTheRuntime() {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "JDK 25 not installed at " + JDK25);
        var r = LauncherRunner.run(Map.of("JAVA_HOME", JDK25.toString()), "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("Java 25");
        assertThat(r.stderr()).isEmpty();
    }
}
