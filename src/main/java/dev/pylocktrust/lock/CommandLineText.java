package dev.pylocktrust.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders a command line for the lock file's header comment: one line, POSIX-shell quoted, with credentials in
 * URLs replaced by {@code ***} (a lock file is committed; an {@code --index-url https://user:token@host/} must not
 * leak into it), and control characters shown as escapes so nothing can end the comment and inject TOML.
 */
final class CommandLineText {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    private CommandLineText() {}

    static String render(List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            throw new IllegalArgumentException("the command that regenerates the lock file is required");
        }
        List<String> parts = new ArrayList<>(argv.size());
        for (String arg : argv) {
            parts.add(quote(visible(redact(arg))));
        }
        return String.join(" ", parts);
    }

    static String redact(String arg) {
        return URL_CREDENTIALS.matcher(arg).replaceAll("$1***@");
    }

    /** Control characters as {@code \xNN} escapes, so the text stays on one comment line. */
    private static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
