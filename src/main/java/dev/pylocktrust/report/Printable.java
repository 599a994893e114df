package dev.pylocktrust.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Makes untrusted text safe to show: control characters (which could move a terminal's cursor, recolour it or
 * inject escape sequences), invisible characters and bidirectional overrides (which make a reviewer read
 * {@code evil/repo} as something else) become visible {@code \\uXXXX} escapes. Everything a report shows from a
 * lockfile passes through here in every renderer.
 */
public final class Printable {
    private Printable() {}

    /** One line: every line break is escaped too. */
    public static String of(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isUnsafe(cp)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Several lines: split at line breaks ({@code \n}, {@code \r\n}, {@code \r}), each line made safe. */
    public static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split("\r\n|\r|\n", -1)).map(Printable::of).toList();
    }

    static boolean isUnsafe(int cp) {
        return switch (Character.getType(cp)) {
            // C0, DEL, C1 (incl. ESC and CSI); bidi marks, embeddings, overrides and isolates, zero-width characters,
            // soft hyphen and tag characters (all "format"); line and paragraph separators; lone surrogates; and
            // code points with no meaning yet or private meaning.
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
