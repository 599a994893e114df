package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pylock-trust verify --format github} run as a process on the packaged jar, as the example workflow runs
 * it: the Markdown summary goes to {@code $GITHUB_STEP_SUMMARY}, annotations point at the lock file's lines.
 */
class VerifyIT {
    @TempDir
    Path tmp;

    @Test
    void theExampleWorkflowStepPassesAndAChangedIdentityIsAnnotated() throws Exception {
        Path summary = tmp.resolve("step-summary.md");
        Map<String, String> env = Map.of("GITHUB_STEP_SUMMARY", summary.toString(),
                "PYLOCK_TRUST_CACHE_DIR", tmp.resolve("cache").toString());

        var ok = LauncherRunner.run(env, "verify", "examples/pylock.toml", "--index-url", "examples/index",
                "--format", "github");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).matches("verified 3 files of 3 packages: 2 packages attested \\(identities match\\), "
                + "1 package unattested, 0 failures in \\d+\\.\\d s\n");
        assertThat(Files.readString(summary)).startsWith("### pylock-trust verify: :white_check_mark: passed\n");

        Path lock = tmp.resolve("pylock.toml");
        Files.writeString(lock, Files.readString(Path.of("examples/pylock.toml"))
                .replace("repository = \"trailofbits/pypi-attestations\"", "repository = \"evil/pypi-attestations\""));
        var bad = LauncherRunner.run(env, "verify", lock.toString(), "--index-url", "examples/index", "--format",
                "github");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
        int line = Files.readAllLines(lock).indexOf("name = \"pypi-attestations\"");
        assertThat(bad.stdout()).startsWith("::error file=" + lock.toString().replace(":", "%3A") + ",line=" + line
                + ",title=pylock-trust verify%3A identity-changed (pypi-attestations)::");
        assertThat(Files.readString(summary)).contains("### pylock-trust verify: :x: failed\n");
    }
}
