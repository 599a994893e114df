package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.diff.DiffScenarios;
import dev.pylocktrust.lock.LockfileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for {@code pylock-trust diff}: each directory under {@code src/test/resources/golden/diff/} holds
 * {@code args.txt} (the arguments, one per line: usually BASE and HEAD), the lockfiles, and the expected output of
 * every format ({@code text.out}, {@code markdown.md}, {@code json.json}, {@code github.out}) with {@code stderr.txt}
 * and {@code exit.txt}. The lockfiles of {@link DiffScenarios} are written by the real lockfile writer; the others
 * are hand-written (uv and pip files, CRLF, reordering, hostile strings). Regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class DiffGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/diff");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Map<String, String> OUTPUTS = Map.of("text", "text.out", "markdown", "markdown.md",
            "json", "json.json", "github", "github.out");

    @TempDir
    Path tmp;

    /** Every case directory; with {@code golden.update}, first (re)writes the generated lockfiles. */
    static Stream<String> cases() throws IOException {
        if (UPDATE) {
            for (var e : DiffScenarios.all().entrySet()) {
                Path dir = DIR.resolve(e.getKey());
                Files.createDirectories(dir);
                LockfileWriter writer = new LockfileWriter(List.of("pylock-trust", "lock", "-r", "requirements.txt"));
                Files.writeString(dir.resolve("pylock.base.toml"), writer.render(e.getValue().base()));
                Files.writeString(dir.resolve("pylock.head.toml"), writer.render(e.getValue().head()));
                Files.writeString(dir.resolve("args.txt"), DIR.resolve(e.getKey()).resolve("pylock.base.toml") + "\n"
                        + DIR.resolve(e.getKey()).resolve("pylock.head.toml") + "\n");
            }
        }
        try (Stream<Path> dirs = Files.list(DIR)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Stream<Arguments> casesAndFormats() throws IOException {
        return cases().flatMap(c -> OUTPUTS.keySet().stream().sorted().map(f -> Arguments.of(c, f)));
    }

    static List<String> args(String name) {
        try {
            return Files.readAllLines(DIR.resolve(name).resolve("args.txt"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedLockfilesAreTheWritersOutput(String name) throws IOException {
        DiffScenarios.Scenario s = DiffScenarios.all().get(name);
        if (s == null) {
            return; // a hand-written case
        }
        LockfileWriter writer = new LockfileWriter(List.of("pylock-trust", "lock", "-r", "requirements.txt"));
        assertThat(DIR.resolve(name).resolve("pylock.base.toml")).hasContent(writer.render(s.base()));
        assertThat(DIR.resolve(name).resolve("pylock.head.toml")).hasContent(writer.render(s.head()));
    }

    @ParameterizedTest(name = "{0} --format {1}")
    @MethodSource("casesAndFormats")
    void outputMatchesTheGoldenFiles(String name, String format) throws IOException {
        Path dir = DIR.resolve(name);
        Path summary = tmp.resolve("summary.md");
        List<String> all = new ArrayList<>(args(name));
        all.add(0, "diff");
        all.addAll(List.of("--format", format, "--step-summary", summary.toString()));
        CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));

        Path out = dir.resolve(OUTPUTS.get(format));
        if (UPDATE) {
            Files.writeString(out, r.stdout(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("stderr.txt"), r.stderr(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("exit.txt"), r.exitCode() + "\n", StandardCharsets.UTF_8);
        }
        assertThat(r.stdout()).as("stdout of %s", r).isEqualTo(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(r.stderr()).isEqualTo(Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
        assertThat(r.exitCode() + "\n").isEqualTo(Files.readString(dir.resolve("exit.txt"), StandardCharsets.UTF_8));
        if (format.equals("github") && !UPDATE) {
            assertThat(summary).as("the job summary is the Markdown report")
                    .hasContent(Files.readString(dir.resolve("markdown.md"), StandardCharsets.UTF_8) + "\n");
        } else if (!format.equals("github")) {
            assertThat(summary).doesNotExist();
        }
    }
}
