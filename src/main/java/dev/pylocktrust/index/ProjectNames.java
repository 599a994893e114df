package dev.pylocktrust.index;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PEP 503 name normalization, kept private to this package until {@code dev.pylocktrust.python.PackageName} is
 * available on the main branch (then this class should delegate to it).
 */
final class ProjectNames {
    private static final Pattern VALID =
            Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
    private static final int MAX_LENGTH = 256;

    private ProjectNames() {}

    /** True if {@code name} is a valid project name (PEP 508: ASCII letters, digits, {@code . _ -}). */
    static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /**
     * The normalized form: lower case, each run of {@code - _ .} replaced by one {@code -}.
     *
     * @throws IllegalArgumentException if the name is not a valid project name
     */
    static String normalize(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid Python project name "
                    + "(ASCII letters, digits, '.', '_' and '-', starting and ending with a letter or digit)");
        }
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }
}
