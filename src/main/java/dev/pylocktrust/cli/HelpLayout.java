package dev.pylocktrust.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} is laid out, for every command: options grouped under the headings of {@link HelpSection},
 * fine-tuning options ({@link HelpSection.Detail}) named in one line where they are not the subject, a one-line
 * synopsis, and text wrapped at spaces only, never inside a token ({@code pylock.toml}, {@code ~/.cache},
 * {@code https://user:token@host/}). Examples (the footer) are printed exactly as written, one source line per line.
 */
final class HelpLayout {
    /** Where option descriptions start. */
    static final int DESCRIPTION_COLUMN = 30;
    private static final String NL = System.lineSeparator();
    private static final String DEFAULT_SECTION = "Options";
    /** The section listed last: how the command prints, and help. */
    static final String OUTPUT = "Output";

    private HelpLayout() {}

    /** A command whose help lists shared options differently from the others. */
    interface Tailored {
        /** List {@link HelpSection.Detail} options in full (the command is about them). */
        default boolean detailsInFull() {
            return false;
        }

        /** Shared options this command accepts but does not list, because they do not apply to it. */
        default Set<String> unlisted() {
            return Set.of();
        }
    }

    /** Installs the layout on {@code cl} and every subcommand. */
    static void install(CommandLine cl) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, Help::abbreviatedSynopsis);
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(help));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
        sections.put(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, help -> table(
                help.commandSpec().usageMessage().exitCodeList(), width(help)));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::verbatim);
        cl.setHelpSectionMap(sections);
        cl.getSubcommands().values().forEach(HelpLayout::install);
    }

    private static int width(Help help) {
        return help.commandSpec().usageMessage().width();
    }

    private static String paragraphs(Help help) {
        StringBuilder sb = new StringBuilder();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            wrap(paragraph, width(help)).forEach(line -> sb.append(line).append(NL));
        }
        return sb.toString();
    }

    /** The footer (examples, the docs link) line by line as written: an example is never wrapped. */
    private static String verbatim(Help help) {
        StringBuilder sb = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            sb.append(line).append(NL);
        }
        return sb.toString();
    }

    private static String commands(Help help) {
        Map<String, String> rows = new LinkedHashMap<>();
        help.subcommands().forEach((name, sub) -> {
            UsageMessageSpec usage = sub.commandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            rows.put(name, summary.length > 0 ? summary[0] : "");
        });
        return table(rows, width(help));
    }

    /** Options and positional parameters, section by section. */
    private static String options(Help help) {
        CommandSpec spec = help.commandSpec();
        Tailored tailored = spec.userObject() instanceof Tailored t ? t : new Tailored() {};
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        Map<String, List<String>> details = new LinkedHashMap<>();
        Map<String, String> detailWhere = new LinkedHashMap<>();
        List<ArgSpec> args = new ArrayList<>(spec.positionalParameters());
        args.addAll(spec.options());
        for (ArgSpec arg : args) {
            if (arg.hidden() || arg instanceof OptionSpec o && tailored.unlisted().contains(o.longestName())) {
                continue;
            }
            String section = section(arg);
            rows.computeIfAbsent(section, s -> new ArrayList<>());
            HelpSection.Detail detail = annotation(arg, HelpSection.Detail.class);
            if (detail != null && !tailored.detailsInFull() && arg instanceof OptionSpec o) {
                details.computeIfAbsent(section, s -> new ArrayList<>()).add(o.longestName());
                detailWhere.putIfAbsent(section, detail.value());
                continue;
            }
            rows.get(section).add(new String[] {label(arg, help), String.join(" ", arg.description())});
        }
        List<String[]> output = rows.remove(OUTPUT);
        if (output != null) {
            rows.put(OUTPUT, output); // last, wherever its first option is declared
        }
        int width = width(help);
        StringBuilder sb = new StringBuilder();
        rows.forEach((section, list) -> {
            sb.append(NL).append(section).append(':').append(NL);
            for (String[] row : list) {
                sb.append(row(row[0], row[1], width));
            }
            if (details.containsKey(section)) {
                String also = "Also " + String.join(", ", details.get(section)) + ": see '" + detailWhere.get(section)
                        + "'.";
                wrap(also, width - 6).forEach(line -> sb.append("      ").append(line).append(NL));
            }
        });
        return sb.toString();
    }

    /** {@code  -r, --requirement=FILE} or {@code       [REQUIREMENT...]}. */
    private static String label(ArgSpec arg, Help help) {
        if (arg instanceof PositionalParamSpec p) {
            return "      " + help.parameterLabelRenderer().renderParameterLabel(p, Help.Ansi.OFF, List.of());
        }
        OptionSpec o = (OptionSpec) arg;
        String shortName = null;
        List<String> longNames = new ArrayList<>();
        for (String name : o.names()) {
            if (name.length() == 2 && shortName == null) {
                shortName = name;
            } else {
                longNames.add(name);
            }
        }
        String value = o.arity().max() > 0 ? "=" + o.paramLabel() : "";
        String names = String.join(", ", longNames) + value;
        if (shortName == null) {
            return "      " + names;
        }
        return "  " + shortName + (longNames.isEmpty() ? value : ", " + names);
    }

    /** A label and its description: side by side when the label fits, else the description below it. */
    private static String row(String label, String description, int width) {
        StringBuilder sb = new StringBuilder();
        List<String> lines = wrap(description, Math.max(20, width - DESCRIPTION_COLUMN));
        String pad = " ".repeat(DESCRIPTION_COLUMN);
        int first = 0;
        if (label.length() <= DESCRIPTION_COLUMN - 2 && !lines.isEmpty()) {
            sb.append(label).append(" ".repeat(DESCRIPTION_COLUMN - label.length())).append(lines.get(0)).append(NL);
            first = 1;
        } else {
            sb.append(label).append(NL);
        }
        for (String line : lines.subList(first, lines.size())) {
            sb.append(pad).append(line).append(NL);
        }
        return sb.toString();
    }

    /** Two columns: keys (exit codes, command names) and their wrapped text. */
    static String table(Map<String, String> rows, int width) {
        int keyWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        int column = 2 + keyWidth + 3;
        StringBuilder sb = new StringBuilder();
        rows.forEach((key, text) -> {
            List<String> lines = wrap(text, Math.max(20, width - column));
            for (int i = 0; i < Math.max(1, lines.size()); i++) {
                String left = i == 0 ? "  " + key : "";
                String line = i < lines.size() ? lines.get(i) : "";
                sb.append(left).append(" ".repeat(column - left.length())).append(line).append(NL);
            }
        });
        return sb.toString();
    }

    /**
     * Splits {@code text} into lines of at most {@code width} characters, at spaces only: a token longer than the
     * width gets a line of its own, whole. An empty text is one empty line (a paragraph break).
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String token : text.strip().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + token.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(token);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String section(ArgSpec arg) {
        HelpSection own = annotation(arg, HelpSection.class);
        if (own != null) {
            return own.value();
        }
        if (arg.userObject() instanceof Field f) {
            for (Class<?> c = f.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
                HelpSection declared = c.getAnnotation(HelpSection.class);
                if (declared != null) {
                    return declared.value();
                }
            }
        }
        return DEFAULT_SECTION;
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(ArgSpec arg, Class<A> type) {
        return arg.userObject() instanceof Field f ? f.getAnnotation(type) : null;
    }
}
