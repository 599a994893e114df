package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.python.Python3;
import dev.pylocktrust.toml.TomlCanon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlVersion;

/**
 * Every file we write must load with Python's {@code tomllib} (what pip and uv's Python users read it with) and
 * give the same data tomlj gives. Needs {@code python3} 3.11+ on the PATH; without it the test fails, never skips.
 */
class PythonTomllibInteropTest {

    static Stream<Arguments> written() {
        String evil = "x\"\n[tool.evil]\nowned = true\n# \u202e \u0000 \u007f \\ ' caf\u00e9 \uD83D\uDE00";
        LockedPackage hostile = LockEdits.withIndex(LockedPackage.of("foo", "1.0", Optional.empty(),
                List.of(LockedFile.of("https://x/foo-1.0-py3-none-any.whl", sha('a')))), evil)
                .withAttestations(List.of(AttestationIdentity.of(Map.of("kind", "GitHub", "repository", evil,
                        "odd key \"with\" quotes", evil))), List.of());
        return Stream.of(
                Arguments.of("pep751-example", new LockfileReader().read(Fixtures.PEP751_EXAMPLE).lockfile()),
                Arguments.of("uv-export", new LockfileReader().read(Fixtures.UV_EXPORT).lockfile()),
                Arguments.of("everything", SampleLocks.everything()),
                Arguments.of("hostile", Lockfile.of(Optional.empty(), List.of(hostile), TrustPolicy.EMPTY)),
                Arguments.of("empty", Lockfile.of(Optional.empty(), List.of(), TrustPolicy.EMPTY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void tomllibReadsWhatTomljReads(String name, Lockfile lock, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("pylock.toml");
        new LockfileWriter(Fixtures.REGENERATE).writeAtomically(file, lock);

        String python = runPython(file);
        String java = TomlCanon.canon(Toml.parse(Files.readString(file, StandardCharsets.UTF_8), TomlVersion.V1_0_0));
        assertThat(python).isEqualTo(java);
    }

    private static String runPython(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Python3.require().executable().toString(), "-c", TomlCanon.PYTHON,
                file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python3 failed to load %s:%n%s", file, err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
