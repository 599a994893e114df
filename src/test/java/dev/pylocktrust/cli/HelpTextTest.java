package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ExitCode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --help} reads well at any width: examples are printed exactly as written (never wrapped inside a token),
 * no option text is split inside a token, each help fits on about one screen, and the top-level exit codes are all of
 * {@link ExitCode}'s.
 */
class HelpTextTest {
    private static final int[] WIDTHS = {0, 80, 132};

    /** Every command's path below {@code pylock-trust} ("" for the top level), and its spec. */
    static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        collect(PylockTrust.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine cl, Map<String, CommandSpec> out) {
        String path = cl.getCommandSpec().qualifiedName().replaceFirst("^pylock-trust ?", "");
        out.put(path, cl.getCommandSpec());
        cl.getSubcommands().values().stream().filter(s -> !(s.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(s -> collect(s, out));
    }

    /** {@code path --help} at {@code width} columns (0: the default). */
    static String help(String path, int width) {
        CommandLine cl = PylockTrust.commandLine();
        if (width > 0) {
            cl.setUsageHelpAutoWidth(false);
            cl.setUsageHelpWidth(width);
        }
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : Arrays.asList(path.split(" ")));
        args.add("--help");
        CliRunner.Result r = CliRunner.run(cl, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout();
    }

    @Test
    void examplesArePrintedExactlyAsWrittenAtEveryWidth() {
        commands().forEach((path, spec) -> {
            List<String> source = List.of(spec.usageMessage().footer());
            assertThat(source).as("'%s' footer lines fit 80 columns", path)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
            for (int width : WIDTHS) {
                List<String> lines = help(path, width).lines().toList();
                int start = lines.indexOf("Examples:");
                if (start < 0) {
                    continue;
                }
                List<String> examples = lines.subList(start + 1, lines.size());
                assertThat(examples).as("'%s --help' at width %d", path, width).isNotEmpty()
                        .allSatisfy(line -> assertThat(source).contains(line));
            }
        });
        assertThat(help("inspect", 80)).contains(
                "      --sha256 0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b\n");
    }

    @Test
    void noTextIsSplitInsideAToken() {
        commands().forEach((path, spec) -> {
            for (int width : WIDTHS) {
                String help = help(path, width);
                List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
                texts.addAll(spec.usageMessage().exitCodeList().values());
                for (ArgSpec arg : spec.args()) {
                    if (listed(arg, help)) {
                        texts.addAll(List.of(arg.description()));
                    }
                }
                Set<String> printed = new HashSet<>(Arrays.asList(help.split("\\s+")));
                for (String text : texts) {
                    for (String token : text.strip().split("\\s+")) {
                        if (token.isEmpty()) {
                            continue;
                        }
                        assertThat(printed).as("'%s --help' at width %d keeps '%s' whole", path, width, token)
                                .contains(token);
                    }
                }
            }
        });
        // The cases that were split before: a file name, a home directory, a URL with credentials.
        String lock = help("lock", 80);
        assertThat(lock).contains(" pylock.toml.").contains(" ~/.cache/pylock-trust).");
    }

    /** Whether the help lists {@code arg} with its description (not hidden, not only named in an "Also" line). */
    private static boolean listed(ArgSpec arg, String help) {
        if (arg instanceof CommandLine.Model.PositionalParamSpec p) {
            return !p.hidden();
        }
        String name = ((CommandLine.Model.OptionSpec) arg).longestName();
        return !arg.hidden() && java.util.regex.Pattern.compile("(?m)^ {2,6}(-\\w, )?" + java.util.regex.Pattern.quote(name)
                + "(=|\\s)").matcher(help).find();
    }

    @Test
    void eachHelpFitsOnAboutOneScreen() {
        commands().forEach((path, spec) -> {
            int lines = (int) help(path, 80).lines().count();
            // lock has the most options; verify shows the CI and installer sequences its docs page explains.
            int budget = path.equals("lock") || path.equals("verify") ? 97 : 60;
            assertThat(lines).as("lines of '%s --help'", path).isLessThanOrEqualTo(budget);
        });
    }

    @Test
    void theTopLevelHelpListsEveryExitCode() throws IllegalAccessException {
        Map<String, String> listed = commands().get("").usageMessage().exitCodeList();
        List<String> defined = new ArrayList<>();
        for (Field f : ExitCode.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                defined.add(String.valueOf(f.getInt(null)));
            }
        }
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(defined);
        assertThat(help("", 80)).contains("\n  70   internal error: a bug in pylock-trust");
    }

    @Test
    void optionsAreGroupedAndOnlyWhatAppliesIsListed() {
        String lock = help("lock", 80);
        assertThat(lock).contains("\nWhat to lock:\n", "\nResolution:\n", "\nLock file:\n", "\nPackage index:\n",
                "\nCache:\n", "\nSigstore trust root:\n", "\nOutput:\n");
        assertThat(lock.indexOf("\nOutput:\n")).isGreaterThan(lock.indexOf("\nSigstore trust root:\n"));
        // Fine tuning is named, and described in full where it is the subject.
        assertThat(lock).doesNotContain("--tuf-root=FILE").contains("--tuf-root: see 'pylock-trust trust-root show "
                + "--help'.");
        assertThat(help("trust-root show", 80)).contains("      --tuf-root=FILE ");

        String update = help("trust-root update", 80);
        assertThat(update).contains("--tuf-url=URL", "--tuf-root=FILE", "--trust-root-timeout=SECONDS",
                "--cache-dir=DIR", "--output=FILE");
        assertThat(update).doesNotContain("--trusted-root", "--trust-root-source", "--trust-root-max-age",
                "--offline");
        // Not listed, still accepted (the same options work with every command): refused with a reason.
        CliRunner.Result offline = CliRunner.run("trust-root", "update", "--offline");
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.stderr()).startsWith("error: 'trust-root update' needs the network");
        // --version belongs to the top level only.
        assertThat(help("verify", 80)).doesNotContain("--version");
    }
}
