package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.python.PipCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every pip command the help texts and documentation show is one that the interop tests run ({@link PipCommands},
 * executed verbatim by {@code PipInteropTest}): a command nobody runs goes stale, and a user who copies it finds out
 * in their CI. Looked at: every command's {@code --help}, the README, {@code docs/}, {@code examples/} and
 * {@code action.yml}; in Markdown, the code (inline spans and fenced blocks); continued lines ({@code \}) joined.
 */
class DocumentedPipCommandsTest {
    /** A pip invocation: {@code pip <sub>} or {@code python[3] -m pip <sub>}, to the end of the line or code span. */
    private static final Pattern PIP = Pattern.compile(
            "(?<![\\w/.-])(?<!uv )((?:python3? -m )?pip (?:install|download|lock|wheel|uninstall|sync)\\b[^`\\n]*)");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");

    @Test
    void everyPipCommandShownIsOneTheInteropTestsRun() throws IOException {
        List<String> shown = new ArrayList<>();
        for (Path doc : documents()) {
            shown.addAll(pipCommands(doc.toString(), code(doc)));
        }
        shown.addAll(pipCommands("--help", helpTexts(PylockTrust.commandLine())));
        assertThat(shown).as("pip commands found").isNotEmpty();
        List<String> stale = shown.stream()
                .filter(s -> !PipCommands.ALL.contains(s.substring(s.indexOf(": ") + 2))).toList();
        assertThat(stale).as("pip commands shown but not run by the interop tests (PipCommands):\n  "
                + String.join("\n  ", stale)).isEmpty();
    }

    @Test
    void theCiSequenceIsShownWhereUsersLook() throws IOException {
        String help = helpTexts(PylockTrust.commandLine());
        assertThat(help).contains(PipCommands.INSTALL_FROM_LOCK);
        assertThat(Files.readString(Path.of("examples/github/verify.yml"))).contains(PipCommands.INSTALL_FROM_LOCK)
                .contains(PipCommands.UPGRADE_PIP);
    }

    @Test
    void theExtractorFindsCommandsInTheShapesDocsUse() {
        assertThat(pipCommands("x", "run: |\n  python -m pip install \"pip>=26.2\"\n  pip install -r \\\n"
                + "      pylock.toml\n")).containsExactly("x: python -m pip install \"pip>=26.2\"",
                "x: pip install -r pylock.toml");
        assertThat(pipCommands("x", "see pylock-trust's pip-report; a pipe install is not pip; uv pip sync x\n"))
                .isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md"), Path.of("action.yml")));
        for (Path root : List.of(Path.of("docs"), Path.of("examples"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().matches(".*\\.(md|yml|yaml|py|txt)$")).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The code in a document: for Markdown, inline code spans and fenced blocks; otherwise the whole text. */
    private static String code(Path doc) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        if (!doc.toString().endsWith(".md")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                out.append(line).append('\n');
            } else {
                Matcher m = INLINE_CODE.matcher(line);
                while (m.find()) {
                    out.append(m.group(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The pip commands in {@code text}, each as "where: command" with whitespace collapsed. */
    static List<String> pipCommands(String where, String text) {
        String joined = text.replaceAll("\\\\\\n\\s*", " ");
        List<String> out = new ArrayList<>();
        Matcher m = PIP.matcher(joined);
        while (m.find()) {
            out.add(where + ": " + m.group(1).strip().replaceAll("\\s+", " "));
        }
        return out;
    }

    private static String helpTexts(CommandLine cl) {
        StringBuilder out = new StringBuilder(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cl.getSubcommands().values().stream().distinct().forEach(sub -> out.append(helpTexts(sub)));
        return out.toString();
    }
}
