package dev.pylocktrust.lock;

import dev.pylocktrust.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a command line for the lock file's header comment: one line, POSIX-shell quoted, with credentials in
 * URLs replaced by {@code ***} (a lock file is committed; an {@code --index-url https://user:token@host/} must not
 * leak into it), and control, bidi and separator characters shown as {@link Printable} escapes, so nothing can end
 * the comment and inject TOML, nor make the comment read differently in a review.
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
            parts.add(quote(Printable.of(redact(arg))));
        }
        return String.join(" ", parts);
    }

    static String redact(String arg) {
        return URL_CREDENTIALS.matcher(arg).replaceAll("$1***@");
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
