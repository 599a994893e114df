package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} ends with the documentation page that describes it in full, and that page exists. */
class HelpDocsLinkTest {
    private static final Map<String, String> PAGES = Map.of(
            "", "docs/README.md",
            "lock", "docs/lock.md",
            "verify", "docs/verify.md",
            "diff", "docs/diff.md",
            "inspect", "docs/inspect.md",
            "trust-root", "docs/trust-root.md",
            "trust-root show", "docs/trust-root.md",
            "trust-root update", "docs/trust-root.md");

    /** Every command and subcommand, by its path below {@code pylock-trust} ("" for the top level). */
    private static Map<String, List<String>> commands(CommandLine cl, List<String> path,
            Map<String, List<String>> out) {
        out.put(String.join(" ", path), path);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                List<String> subPath = new ArrayList<>(path);
                subPath.add(name);
                commands(sub, subPath, out);
            }
        });
        return out;
    }

    @Test
    void everyHelpEndsWithALinkToAnExistingPage() {
        Map<String, List<String>> commands = commands(PylockTrust.commandLine(), List.of(), new LinkedHashMap<>());
        assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(PAGES.keySet());
        commands.forEach((name, path) -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> lines = r.stdout().strip().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last).as("last line of '%s --help'", name).isEqualTo("Docs: " + PAGES.get(name));
            assertThat(Path.of(PAGES.get(name))).isRegularFile();
        });
    }
}
