package dev.pylocktrust.lock;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PEP 503 project-name rules, just what the lock file needs. Kept private to this package until the shared
 * {@code dev.pylocktrust.python.PackageName} is merged; the rules are the spec's, not an approximation.
 */
final class Names {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");
    private static final Pattern NORMALIZED = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    private Names() {}

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    static boolean isNormalized(String name) {
        return NORMALIZED.matcher(name).matches();
    }

    /** Lower case, each run of {@code - _ .} becomes one {@code -}. Callers check {@link #isValid} first. */
    static String normalize(String name) {
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }
}
