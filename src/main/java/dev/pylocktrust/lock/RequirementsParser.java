package dev.pylocktrust.lock;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one pip requirements file into requirements and {@code -r} includes. Pure: reading files and
 * following includes is {@link RequirementsFile}'s job.
 *
 * <p>What pip's format allows and how it is read here:
 * <ul>
 *   <li>A line ending in a backslash continues on the next one, unless it has a comment; the logical line is
 *       reported at its first physical line.</li>
 *   <li>{@code #} starts a comment at the beginning of a line or after whitespace ({@code foo#bar} is not one).</li>
 *   <li>A requirement may be followed by options; the options start at the first whitespace-separated token that
 *       begins with {@code -}. The only per-requirement option is {@code --hash=sha256:HEX} (or
 *       {@code --hash sha256:HEX}), repeatable.</li>
 *   <li>Option lines: only {@code -r FILE} / {@code --requirement FILE} (also {@code -rFILE},
 *       {@code --requirement=FILE}).</li>
 * </ul>
 * Everything else pip accepts (constraints, editables, index options, URLs, paths, environment variables) is an
 * error naming the file and line: a requirement is never silently ignored.
 */
final class RequirementsParser {
    /** Physical lines per file. */
    static final int MAX_LINES = 100_000;

    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> INDEX_OPTIONS = Set.of("-i", "--index-url", "--extra-index-url", "--no-index",
            "-f", "--find-links", "--trusted-host");

    /** One meaningful line of a requirements file. */
    sealed interface Entry permits Include, Item {}

    /** {@code -r FILE}: the path as written (relative to the including file). */
    record Include(String path, RequirementOrigin origin) implements Entry {}

    /** A requirement. */
    record Item(RequirementLine line) implements Entry {}

    private RequirementsParser() {}

    /**
     * @param text the file's content
     * @param file the file's name as shown in messages
     * @throws UsageException naming {@code file} and the line for anything malformed or unsupported
     */
    static List<Entry> parse(String text, String file) {
        Objects.requireNonNull(file, "file");
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length > MAX_LINES) {
            throw new UsageException(file + ": more than " + MAX_LINES + " lines; this is not a requirements file");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder();
            String line = lines[i++];
            while (continues(line) && i < lines.length) {
                logical.append(line, 0, line.length() - 1);
                line = lines[i++];
            }
            logical.append(continues(line) ? line.substring(0, line.length() - 1) : line);
            String content = stripComment(logical.toString()).strip();
            if (!content.isEmpty()) {
                out.add(entry(content, RequirementOrigin.of(file, first)));
            }
        }
        return out;
    }

    /**
     * Parses one requirement given on the command line (no options, no comments).
     *
     * @throws UsageException naming the argument
     */
    static RequirementLine argument(String text, int position) {
        RequirementOrigin origin = RequirementOrigin.argument(position);
        if (text.strip().startsWith("-")) {
            throw error(origin, "'" + text + "' is not a requirement");
        }
        return new RequirementLine(requirement(text.strip(), origin), List.of(), origin);
    }

    private static boolean continues(String line) {
        return line.endsWith("\\") && !COMMENT.matcher(line).find();
    }

    private static String stripComment(String line) {
        Matcher m = COMMENT.matcher(line);
        return m.find() ? line.substring(0, m.start()) : line;
    }

    private static Entry entry(String content, RequirementOrigin origin) {
        if (content.startsWith("-")) {
            return optionLine(tokens(content), origin);
        }
        int cut = optionsStart(content);
        String requirementText = cut < 0 ? content : content.substring(0, cut).strip();
        List<String> hashes = cut < 0 ? List.of() : hashes(tokens(content.substring(cut)), origin);
        return new Item(new RequirementLine(requirement(requirementText, origin), hashes, origin));
    }

    private static Requirement requirement(String text, RequirementOrigin origin) {
        if (text.contains("://") || text.startsWith(".") || text.startsWith("/") || text.contains("\\")) {
            throw error(origin, "'" + text + "' is a URL or a path, not a requirement from the index",
                    "pylock-trust locks distributions from a package index, whose provenance it can verify; "
                            + "write name==version");
        }
        try {
            return Requirement.parse(text);
        } catch (InvalidSpecException e) {
            throw error(origin, e.getMessage());
        }
    }

    /** Index of the first whitespace-preceded token that starts with {@code -}, or -1. */
    private static int optionsStart(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == '-' && Character.isWhitespace(s.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.strip().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Entry optionLine(List<String> tokens, RequirementOrigin origin) {
        String first = tokens.get(0);
        String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        String value = null;
        int used = 1;
        if (name.equals("-r") || name.equals("--requirement")) {
            value = first.contains("=") ? first.substring(first.indexOf('=') + 1) : null;
        } else if (name.startsWith("-r") && !name.startsWith("--")) {
            value = first.substring(2); // -rFILE
            name = "-r";
        } else {
            throw unsupportedOption(name, origin);
        }
        if (value == null) {
            if (tokens.size() < 2) {
                throw error(origin, name + " needs a file name");
            }
            value = tokens.get(1);
            used = 2;
        }
        if (tokens.size() > used) {
            throw error(origin, "unexpected '" + tokens.get(used) + "' after " + name + " " + value);
        }
        value = unquote(value);
        if (value.isEmpty()) {
            throw error(origin, name + " needs a file name");
        }
        if (value.contains("://")) {
            throw error(origin, name + " " + value + ": only local requirements files can be included");
        }
        return new Include(value, origin);
    }

    private static UsageException unsupportedOption(String name, RequirementOrigin origin) {
        if (name.equals("-c") || name.equals("--constraint")) {
            return error(origin, "constraints files (" + name + ") are not supported",
                    "list the exact pins themselves: with --no-deps, pylock-trust locks exactly what is listed");
        }
        if (name.equals("-e") || name.equals("--editable")) {
            return error(origin, "editable requirements (" + name + ") cannot be locked",
                    "pylock-trust locks distributions from a package index, whose provenance it can verify");
        }
        if (INDEX_OPTIONS.contains(name)) {
            return error(origin, name + " is not supported in a requirements file",
                    "give the index on the command line: --index-url URL (and --trusted-host HOST for plain http)");
        }
        if (name.equals("--hash")) {
            return error(origin, "--hash must follow a requirement on the same line");
        }
        return error(origin, "option '" + name + "' is not supported in a requirements file");
    }

    private static List<String> hashes(List<String> tokens, RequirementOrigin origin) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String value;
            if (t.startsWith("--hash=")) {
                value = t.substring("--hash=".length());
            } else if (t.equals("--hash")) {
                if (i + 1 >= tokens.size()) {
                    throw error(origin, "--hash needs a value such as sha256:<64 hex digits>");
                }
                value = tokens.get(++i);
            } else {
                throw error(origin, "option '" + t + "' is not supported after a requirement (only --hash is)");
            }
            out.add(sha256(unquote(value), origin));
        }
        return List.copyOf(out);
    }

    private static String sha256(String value, RequirementOrigin origin) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw error(origin, "--hash=" + value + " must have the form sha256:<64 hex digits>");
        }
        String algorithm = Ascii.toLowerCase(value.substring(0, colon));
        String hex = value.substring(colon + 1);
        if (!algorithm.equals("sha256")) {
            throw error(origin, "--hash=" + value + ": only sha256 hashes are supported",
                    "the index and PEP 740 attestations identify files by sha256");
        }
        if (!SHA256.matcher(hex).matches()) {
            throw error(origin, "--hash=" + value + ": a sha256 is 64 hex digits");
        }
        return Ascii.toLowerCase(hex);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    static UsageException error(RequirementOrigin origin, String message, String... hints) {
        return new UsageException(origin + ": " + message, hints);
    }
}
