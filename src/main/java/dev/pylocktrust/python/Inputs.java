package dev.pylocktrust.python;

import dev.pylocktrust.Printable;
import java.util.Locale;
import java.util.function.Function;

/**
 * Shared defences for strings that come from the network or from files: size limit, safe quoting for messages, and
 * the checks that keep a filename a single, printable path segment.
 */
final class Inputs {
    /** No PyPA string we parse (name, version, filename, specifier, marker) legitimately comes near this. */
    static final int MAX_LENGTH = 1000;

    private Inputs() {}

    /**
     * Quotes a string for an error message, Python-repr style: single quotes, with backslash, quote, control
     * characters and invisible formatting characters (bidi overrides, zero-width spaces) escaped so hostile input
     * cannot rewrite the terminal. Inputs longer than {@link #MAX_LENGTH} show only their start and their length.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        boolean cut = s.length() > MAX_LENGTH;
        String shown = cut ? s.substring(0, 60) : s;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('\'');
        shown.codePoints().forEach(cp -> {
            if (cp == '\'' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (isUnprintable(cp)) {
                out.append(Printable.escape(cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        out.append('\'');
        if (cut) {
            out.insert(out.length() - 1, "...").append(" (").append(s.length()).append(" characters)");
        }
        return out.toString();
    }

    /** Control, format (bidi overrides, zero-width), separators, unassigned, surrogates: {@link Printable}'s rule. */
    static boolean isUnprintable(int cp) {
        return Printable.isUnsafe(cp);
    }

    /** Throws unless {@code s} is non-empty and at most {@link #MAX_LENGTH} characters. */
    static void checkLength(String what, String s) {
        if (s.isEmpty()) {
            throw new InvalidSpecException(what, s, "is empty");
        }
        if (s.length() > MAX_LENGTH) {
            throw new InvalidSpecException(what, s, "is longer than " + MAX_LENGTH + " characters");
        }
    }

    /**
     * The hostile-input checks every distribution filename passes before it is parsed: a filename from an index or
     * an attestation subject must be one printable path segment, never a path ({@code /}, {@code \}, {@code ..}).
     */
    static void checkFilename(String what, String s) {
        checkLength(what, s);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnprintable(cp)) {
                throw new InvalidSpecException(what, s, String.format(
                        "contains the control or invisible character U+%04X at index %d", cp, i));
            }
            if (isPythonSpace(cp)) {
                throw new InvalidSpecException(what, s, String.format(Locale.ROOT,
                        "contains whitespace (U+%04X) at index %d", cp, i));
            }
            if (cp == '/' || cp == '\\') {
                throw new InvalidSpecException(what, s, "contains the path separator '" + (char) cp
                        + "' at index " + i + "; a distribution filename is a single path segment");
            }
            i += Character.charCount(cp);
        }
        int dots = s.indexOf("..");
        if (dots >= 0) {
            throw new InvalidSpecException(what, s,
                    "contains '..' at index " + dots + "; a distribution filename never does");
        }
    }

    /** Python's {@code str.isspace()}: ASCII whitespace, U+001C..U+001F, U+0085 and Unicode space separators. */
    static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** Strips leading and trailing Python whitespace (what {@code \s*} around PEP 440's regex accepts). */
    static String stripPythonSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Parses a run of ASCII digits as a non-negative long; throws (naming {@code part}) if it does not fit. */
    static long parseNumber(String what, String input, String part, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(what, input,
                    part + " number '" + digits + "' is larger than " + Long.MAX_VALUE, e);
        }
    }

    /** Parses one part of a larger input, re-throwing its error with the whole input quoted and the part named. */
    static <T> T parsePart(String what, String input, String label, String part, Function<String, T> parser) {
        try {
            return parser.apply(part);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(what, input, label + " " + quote(part) + ": " + e.reason(), e);
        }
    }
}
