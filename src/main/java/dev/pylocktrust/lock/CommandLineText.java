package dev.pylocktrust.lock;

import dev.pylocktrust.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a command line for the lock file's header comment: one line, POSIX-shell quoted, with credentials in
 * URLs replaced by {@code ***} (a lock file is committed; an {@code --index-url https://user:token@host/} must not
 * leak into it: the whole user info, up to the last {@code @} of the authority, and every query value), and control,
 * bidi and separator characters shown as {@link Printable} escapes, so nothing can end the comment and inject TOML,
 * nor make the comment read differently in a review.
 */
final class CommandLineText {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    /** A scheme, then user info up to the authority's last {@code @} (a password may hold a raw {@code @}). */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/?#\\s]*@");
    /** A query parameter's value, in the text after a scheme (signed URLs and token queries carry secrets there). */
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#\\s]*=)[^&#\\s]*");

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
        String s = URL_CREDENTIALS.matcher(arg).replaceAll("$1***@");
        int scheme = s.indexOf("://");
        return scheme < 0 ? s : s.substring(0, scheme) + QUERY_VALUE.matcher(s.substring(scheme)).replaceAll("$1***");
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
