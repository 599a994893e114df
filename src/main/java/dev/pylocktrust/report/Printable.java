package dev.pylocktrust.report;

/**
 * Makes text from hostile sources (an index's error messages, a publisher's workflow name from provenance, a
 * filename in a wheelhouse) safe to print: control characters, C1 controls and Unicode direction overrides become
 * {@code ?}, so nothing printed can move the cursor, rewrite the terminal or reorder what a reviewer reads.
 */
final class Printable {
    private Printable() {}

    /** {@code text} with every unsafe character replaced by {@code ?} (line breaks included). */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u200e' || c == '\u200f' || c == '\u061c'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
