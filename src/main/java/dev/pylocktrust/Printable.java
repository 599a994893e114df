package dev.pylocktrust;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one sanitizer for text a person reads: every string that reaches a terminal, a log or a rendered report passes
 * here (the output edge in {@code cli} applies {@link #text} to everything printed; renderers apply {@link #of} to
 * each field, so a hostile value cannot even start a line of its own).
 *
 * <p>Unsafe, and shown as a visible {@code \\uXXXX} escape (the code point in hex, 4 to 6 digits): C0 controls (ESC,
 * CR, TAB, ...), DEL and C1 controls (CSI, NEL, ...), which move a terminal's cursor, recolour it or inject escape
 * sequences; format characters, among them the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), the marks U+200E, U+200F and U+061C, zero-width characters, the soft hyphen and tag characters,
 * which make a reviewer read {@code evil/repo} as something else; line and paragraph separators (U+2028, U+2029);
 * lone surrogates; unassigned and private-use code points. Everything else, including non-ASCII letters, is shown as
 * is (look-alike letters in identities are flagged where identities are compared, not here).
 */
public final class Printable {
    private Printable() {}

    /** One line: every unsafe character, line breaks included, becomes an escape. */
    public static String of(String s) {
        return escape(s, false);
    }

    /** Several lines: as {@link #of}, but {@code \n} is kept ({@code \r} is not: text after it overwrites the line). */
    public static String text(String s) {
        return escape(s, true);
    }

    /** Several lines: split at line breaks ({@code \n}, {@code \r\n}, {@code \r}), each line made safe. */
    public static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split("\r\n|\r|\n", -1)).map(Printable::of).toList();
    }

    /** The visible form of an unsafe code point: {@code \\u001B}, {@code \\u202E}, {@code \\uE0001}. */
    public static String escape(int codePoint) {
        return String.format(Locale.ROOT, "\\u%04X", codePoint);
    }

    /** Whether {@code codePoint} must not reach a terminal or report raw (see the class comment). */
    public static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    private static String escape(String s, boolean keepNewlines) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp) && !(keepNewlines && cp == '\n')) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        s.codePoints().skip(s.codePointCount(0, i)).forEach(cp -> {
            if (isUnsafe(cp) && !(keepNewlines && cp == '\n')) {
                sb.append(escape(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
