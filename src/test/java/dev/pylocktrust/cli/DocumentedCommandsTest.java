package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.DocumentationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code pylock-trust} command shown in a command's {@code --help} examples and in the documentation works as
 * written: each parses (an unknown or misspelled option fails), and those that can run here, offline and without
 * writing, run without a usage error: the help's {@code inspect} and {@code trust-root show} examples against copies
 * of the test fixtures they name, the documentation's {@code inspect}, {@code verify} and {@code diff} commands on the
 * repository's {@code examples/}. Lines starting with {@code pip} are another test's
 * ({@link DocumentedPipCommandsTest}); usage synopses ({@code [OPTIONS]}) are not commands.
 */
class DocumentedCommandsTest {
    private static final String F = "src/test/resources/fixtures/";
    /** The files the help examples name, as the test fixtures hold them. */
    private static final Map<String, String> FIXTURES = Map.of(
            "pypi_attestations-0.0.19.tar.gz.provenance.json", F + "provenance/pypi_attestations-0.0.19.tar.gz"
                    + ".provenance.json",
            "pypi_attestations-0.0.19.tar.gz", F + "dists/pypi_attestations-0.0.19.tar.gz",
            "sampleproject-4.0.0.tar.gz.provenance.json", F + "provenance/sampleproject-4.0.0.tar.gz.provenance.json",
            "rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json", F + "attestations/rfc8785-0.1.2-py3-none-any"
                    + ".whl.publish.attestation.json",
            "staging.trusted_root.json", F + "trust/staging.trusted_root.json");
    private static final Set<String> READ_ONLY = Set.of("inspect", "verify", "diff");

    @TempDir
    Path tmp;

    /** A command as shown: where, and its arguments after {@code pylock-trust}. */
    record Shown(String where, List<String> args) {
        @Override
        public String toString() {
            return where + ": pylock-trust " + String.join(" ", args);
        }
    }

    @Test
    void everyHelpExampleParsesAndTheOfflineOnesRun() throws IOException {
        for (var e : FIXTURES.entrySet()) {
            Files.copy(Path.of(e.getValue()), tmp.resolve(e.getKey()));
        }
        List<Shown> shown = new ArrayList<>();
        HelpTextTest.commands().forEach((path, spec) -> shown.addAll(commands("'" + (path.isEmpty() ? "" : path + " ")
                + "--help'", String.join("\n", spec.usageMessage().footer()), false)));
        assertThat(shown).as("examples found").hasSizeGreaterThan(12);
        int ran = 0;
        for (Shown s : shown) {
            assertParses(s);
            boolean offline = s.args().get(0).equals("inspect")
                    || s.args().get(0).equals("trust-root") && s.args().get(1).equals("show");
            if (offline) {
                List<String> args = s.args().stream()
                        .map(a -> Files.exists(tmp.resolve(a)) ? tmp.resolve(a).toString() : a).toList();
                CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(s + "\n" + r).isZero();
                ran++;
            }
        }
        assertThat(ran).as("help examples run").isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyDocumentedCommandParsesAndTheReadOnlyOnesRun() throws IOException {
        List<Shown> shown = new ArrayList<>();
        for (Path page : DocumentationTest.pages()) {
            shown.addAll(commands(page.toString(), Files.readString(page), true));
        }
        assertThat(shown).as("documented commands found").hasSizeGreaterThan(15);
        int ran = 0;
        for (Shown s : shown) {
            assertParses(s);
            if (runnableHere(s)) {
                CliRunner.Result r = CliRunner.run(s.args().toArray(String[]::new));
                // 1 is a documented outcome too (a demo of a refusal); a usage error or worse is not.
                assertThat(r.exitCode()).as(s + "\n" + r).isIn(0, 1);
                ran++;
            }
        }
        assertThat(ran).as("documented commands run").isGreaterThanOrEqualTo(5);
    }

    @Test
    void theExtractorReadsTheShapesDocsUse() {
        String doc = """
                ```console
                $ bin/pylock-trust verify examples/pylock.toml --index-url examples/index
                verified 3 files: pylock-trust diff `a` -> `b`
                ```
                ```sh
                ./mvnw -B -q package && bin/pylock-trust lock 'requests>=2.31' \\
                    --reason "moved, see #12" -o x   # a comment
                pylock-trust lock [REQUIREMENT...] [-r FILE]...
                pip install -r pylock.toml
                ```
                pylock-trust outside a block is prose
                """;
        assertThat(commands("x", doc, true)).extracting(Shown::args).containsExactly(
                List.of("verify", "examples/pylock.toml", "--index-url", "examples/index"),
                List.of("lock", "requests>=2.31", "--reason", "moved, see #12", "-o", "x"));
    }

    private static void assertParses(Shown s) {
        try {
            PylockTrust.commandLine().parseArgs(s.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(s + " does not parse: " + e.getMessage(), e);
        }
    }

    /** Reads a file, never writes, needs no network: inspect, verify against a mirror directory, diff of files. */
    private static boolean runnableHere(Shown s) {
        List<String> a = s.args();
        if (!READ_ONLY.contains(a.get(0)) || a.stream().anyMatch(x -> x.startsWith("git:"))) {
            return false;
        }
        boolean filesExist = a.stream().filter(x -> x.matches(".*\\.(toml|json|gz|whl)$"))
                .allMatch(x -> Files.exists(Path.of(x)));
        int index = a.indexOf("--index-url");
        boolean localIndex = index > 0 && Files.isDirectory(Path.of(a.get(index + 1)));
        return filesExist && (!a.get(0).equals("verify") || localIndex);
    }

    /**
     * The {@code pylock-trust} command lines in {@code text}: in Markdown ({@code markdown}), only in fenced blocks,
     * and in {@code console} blocks only after a {@code $ } prompt; continued lines ({@code \}) joined; a
     * {@code bin/} prefix, a preceding {@code ... &&} and a trailing {@code # comment} dropped.
     */
    static List<Shown> commands(String where, String text, boolean markdown) {
        List<Shown> out = new ArrayList<>();
        boolean fenced = !markdown;
        boolean console = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (markdown && line.startsWith("```")) {
                fenced = !fenced;
                console = fenced && line.startsWith("```console");
                continue;
            }
            String s = line.strip();
            if (!fenced || console && !s.startsWith("$ ")) {
                continue;
            }
            StringBuilder full = new StringBuilder(s.startsWith("$ ") ? s.substring(2) : s);
            while (full.toString().endsWith("\\") && i + 1 < lines.length) {
                full.setLength(full.length() - 1);
                full.append(' ').append(lines[++i].strip());
            }
            List<String> words = ShellWords.split(full.toString());
            int start = -1;
            for (int w = 0; w < words.size(); w++) {
                if (words.get(w).equals("pylock-trust") || words.get(w).endsWith("/pylock-trust")) {
                    boolean atStart = w == 0 || words.get(w - 1).equals("&&");
                    if (atStart) {
                        start = w + 1;
                        break;
                    }
                }
            }
            if (start < 0 || start >= words.size() || words.contains(ShellWords.SYNOPSIS)) {
                continue;
            }
            out.add(new Shown(where, words.subList(start, words.size())));
        }
        return out;
    }

    /** Splits a shell command line into words: quotes, a trailing comment, and synopsis brackets. */
    static final class ShellWords {
        /** Stands for an unquoted {@code [}: the line is a usage synopsis, not a command. */
        static final String SYNOPSIS = "\u0000[";

        private ShellWords() {}

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else if (c == '#' && word == null) {
                    break;
                } else if (c == '[' && word == null || c == '`') {
                    words.add(SYNOPSIS);
                    break;
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
