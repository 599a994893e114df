package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.cli.CliRunner;
import dev.pylocktrust.cli.LockScenario;
import dev.pylocktrust.testkit.python.Python3;
import dev.pylocktrust.toml.TomlCanon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlVersion;

/**
 * What {@code pylock-trust lock} writes loads with Python's {@code tomllib} to the same data tomlj reads, and
 * validates against {@code schema/pylock.schema.json}: identities of every kind, files without provenance, and an
 * approved identity change in the policy table. Needs {@code python3} 3.11+ on the PATH (fails, never skips).
 */
class LockOutputInteropTest {
    @TempDir
    Path dir;

    @Test
    void lockFilesLoadWithTomllibAndMatchTheSchema() throws Exception {
        try (LockScenario s = new LockScenario(dir)) {
            Path out = dir.resolve("pylock.demo.toml");
            CliRunner.Result ok = s.lock(out, "widget==1.0.0", "plain==1.0 ; os_name == 'nt'",
                    "plain==2.0 ; os_name != 'nt'", "gadget==1.0");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            check(out);
            CliRunner.Result changed = s.lock(out, "widget==3.0.0", "plain==1.0 ; os_name == 'nt'",
                    "plain==2.0 ; os_name != 'nt'", "gadget==1.0", "--accept-identity-change", "widget",
                    "--reason", "new \"owner\" \u2014 checked; see https://example.org/issue/1");
            assertThat(changed.exitCode()).as(changed.toString()).isZero();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(text).contains("[[tool.pylock-trust.approved-identity-changes]]")
                    .contains("marker = \"os_name == \\\"nt\\\"\"");
            check(out);
        }
    }

    private static void check(Path file) throws IOException, InterruptedException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(PylockSchemaTest.problems(text)).as(text).isEmpty();
        Process p = new ProcessBuilder(Python3.require().executable().toString(), "-c", TomlCanon.PYTHON,
                file.toString()).start();
        String python = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python3 failed to load %s:%n%s", file, err).isZero();
        assertThat(python).isEqualTo(TomlCanon.canon(Toml.parse(text, TomlVersion.V1_0_0)));
    }
}
