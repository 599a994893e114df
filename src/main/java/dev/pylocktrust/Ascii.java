package dev.pylocktrust;

/**
 * Case rules for text that is ASCII by specification (hash names and digests, host names, URL schemes, project
 * names, forge paths), independent of the JVM's default locale and of Unicode case folding. {@code String}'s own
 * {@code equalsIgnoreCase} folds non-ASCII characters onto ASCII letters: the dotless {@code ı} (U+0131) and the
 * dotted {@code İ} (U+0130) equal {@code i}, the Kelvin sign (U+212A) equals {@code k}, the long {@code ſ} (U+017F)
 * equals {@code s}; {@code toLowerCase(Locale.ROOT)} turns the Kelvin sign into {@code k}; and without
 * {@code Locale.ROOT}, a Turkish default locale lower-cases {@code I} to {@code ı}. Here only {@code A-Z} and
 * {@code a-z} change case; every other character is kept and compared exactly.
 */
public final class Ascii {
    private Ascii() {}

    /** {@code s} with {@code A-Z} lower-cased and every other character unchanged. */
    public static String toLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    chars[j] = lower(chars[j]);
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Whether {@code a} and {@code b} are equal when {@code A-Z} count as {@code a-z}; other characters exactly. */
    public static boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && regionMatchesIgnoreCase(a, 0, b);
    }

    /** Whether {@code s} starts with {@code prefix} under {@link #equalsIgnoreCase}'s rule. */
    public static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.length() >= prefix.length() && regionMatchesIgnoreCase(s, 0, prefix);
    }

    private static boolean regionMatchesIgnoreCase(String s, int offset, String other) {
        for (int i = 0; i < other.length(); i++) {
            if (lower(s.charAt(offset + i)) != lower(other.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether every character of {@code s} is ASCII (U+0000 to U+007F). */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
