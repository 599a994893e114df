package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pylock-trust lock} resolving, as a user runs it (the shaded jar in its own JVM) against a loopback
 * index: a multi-environment lock is written, and a conflict is explained with exit code 2 and no stack trace.
 */
class LockResolveIT {
    @TempDir
    Path dir;

    private CliRunner.Result lock(ResolveScenario world, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("lock"));
        all.addAll(List.of(args));
        all.addAll(world.indexArgs());
        all.addAll(List.of("-o", out.toString()));
        return LauncherRunner.run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void resolvesWritesAndExplainsConflicts() throws Exception {
        try (ResolveScenario world = new ResolveScenario(dir)) {
            Path out = dir.resolve("pylock.toml");
            CliRunner.Result ok = lock(world, out, "app", "lib<3");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.stderr()).isEmpty();
            assertThat(ok.stdout()).endsWith("wrote " + out + ": 4 packages, 3 with verified publisher identities\n");
            assertThat(Files.readString(out)).contains("environments = [\n")
                    .contains("marker = \"sys_platform == \\\"win32\\\"\"\n");

            Path other = dir.resolve("pylock.other.toml");
            CliRunner.Result conflict = lock(world, other, "app", "conflicted");
            assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(2);
            assertThat(conflict.stderr()).startsWith("error: cannot resolve the requirements for ")
                    .contains("Because every version of conflicted depends on lib<1")
                    .doesNotContain("\tat ");
            assertThat(other).doesNotExist();
        }
    }
}
