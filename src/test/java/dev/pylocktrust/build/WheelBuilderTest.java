package dev.pylocktrust.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The wheel's version, entries and archive bytes. The built wheel itself is checked by {@code PythonWheelIT}. */
class WheelBuilderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.3.0-SNAPSHOT, 0.3.0.dev0",
        "0.3.0, 0.3.0",
        "1.10.2, 1.10.2",
        "2026.1, 2026.1",
        "7, 7",
        "10.0.0-SNAPSHOT, 10.0.0.dev0",
    })
    void aMavenVersionBecomesItsPep440Form(String maven, String pep440) {
        assertThat(WheelBuilder.pep440(maven)).isEqualTo(pep440);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0-rc1", "v0.3.0", "0.3.0-snapshot", "0.3.0-SNAPSHOT-1", "01.2.3", "0.3.", "",
        "0.3.0 ", "1.0+local", "${revision}"})
    void otherMavenVersionsAreRefusedRatherThanGuessedAt(String maven) {
        assertThatThrownBy(() -> WheelBuilder.pep440(maven)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot make a PEP 440 version of the Maven version '" + maven + "': use numbers separated"
                        + " by dots, optionally followed by -SNAPSHOT (e.g. 0.3.0 or 0.3.0-SNAPSHOT)");
    }

    @Test
    void theOutputTimestampIsAnInstantOrEpochSeconds() {
        Instant newYear = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(WheelBuilder.outputTimestamp("2025-01-01T00:00:00Z")).isEqualTo(newYear);
        assertThat(WheelBuilder.outputTimestamp("1735689600")).isEqualTo(newYear);
        assertThatThrownBy(() -> WheelBuilder.outputTimestamp("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday' is neither an ISO 8601 instant");
    }

    private List<WheelBuilder.Entry> packageFiles() throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("pylock_trust"));
        Files.writeString(pkg.resolve("launcher.py"), "def main():\n    return 0\n");
        Files.writeString(pkg.resolve("__init__.py"), "");
        Files.writeString(pkg.resolve("notes.txt"), "not a module");
        Files.createDirectories(pkg.resolve("__pycache__"));
        Path jar = Files.write(tmp.resolve("app.jar"), new byte[] {'P', 'K', 3, 4});
        return WheelBuilder.packageFiles(pkg, jar);
    }

    @Test
    void thePackageIsItsModulesThenTheJarAndTheDistInfoEndsWithRecord() throws IOException {
        List<WheelBuilder.Entry> entries = WheelBuilder.entries("1.2.0.dev0", "A tool.", "Long text.\n",
                packageFiles());

        assertThat(entries).extracting(WheelBuilder.Entry::path).containsExactly("pylock_trust/__init__.py",
                "pylock_trust/launcher.py", "pylock_trust/pylock-trust.jar",
                "pylock_trust-1.2.0.dev0.dist-info/METADATA", "pylock_trust-1.2.0.dev0.dist-info/WHEEL",
                "pylock_trust-1.2.0.dev0.dist-info/entry_points.txt", "pylock_trust-1.2.0.dev0.dist-info/RECORD");
        assertThat(text(entries, 3)).isEqualTo("Metadata-Version: 2.1\nName: pylock-trust\nVersion: 1.2.0.dev0\n"
                + "Summary: A tool.\nRequires-Python: >=3.8\nDescription-Content-Type: text/markdown\n\nLong text.\n");
        assertThat(text(entries, 4)).isEqualTo("Wheel-Version: 1.0\nGenerator: pylock-trust (WheelBuilder)\n"
                + "Root-Is-Purelib: true\nTag: py3-none-any\n");
        assertThat(text(entries, 5)).isEqualTo("[console_scripts]\npylock-trust = pylock_trust.launcher:main\n");
        // sha256 of the 4 jar bytes, urlsafe base64 without padding (PEP 376, 427; from Python's hashlib), size.
        assertThat(text(entries, 6)).contains("pylock_trust/pylock-trust.jar,"
                + "sha256=jcx-YBYGIX87dUdmURGCqRaxfpomqUydiHEE66kum7I,4\n")
                .contains("pylock_trust/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\n")
                .endsWith("pylock_trust-1.2.0.dev0.dist-info/entry_points.txt,sha256="
                        + entries.get(5).recordLine().split(",sha256=")[1] + "\n"
                        + "pylock_trust-1.2.0.dev0.dist-info/RECORD,,\n");
        assertThat(text(entries, 6).lines()).hasSize(7);
    }

    @Test
    void aSummaryMustBeOneLine() throws IOException {
        List<WheelBuilder.Entry> files = packageFiles();
        assertThatThrownBy(() -> WheelBuilder.entries("1.0", "two\nlines", "", files))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theArchiveIsTheEntriesInOrderAllDatedTheOutputTimestampAndTheSameEachTime() throws IOException {
        List<WheelBuilder.Entry> entries = WheelBuilder.entries("1.0", "A tool.", "", packageFiles());
        Instant time = Instant.parse("2025-06-30T23:59:58Z");

        byte[] wheel = WheelBuilder.zip(entries, time);

        assertThat(WheelBuilder.zip(entries, time)).isEqualTo(wheel);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(wheel))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.parse("2025-06-30T23:59:58"));
                assertThat(e.getExtra()).as("no extended timestamp: the DOS fields alone").isNull();
                assertThat(e.getMethod()).isEqualTo(e.getName().endsWith(".jar") ? ZipEntry.STORED : ZipEntry.DEFLATED);
                assertThat(in.readAllBytes()).isEqualTo(entries.get(names.size() - 1).content());
            }
        }
        assertThat(names).isEqualTo(entries.stream().map(WheelBuilder.Entry::path).toList());
        assertThat(WheelBuilder.fileName("1.0")).isEqualTo("pylock_trust-1.0-py3-none-any.whl");
    }

    private static String text(List<WheelBuilder.Entry> entries, int i) {
        return new String(entries.get(i).content(), StandardCharsets.UTF_8);
    }
}
