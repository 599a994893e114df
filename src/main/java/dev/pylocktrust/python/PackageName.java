package dev.pylocktrust.python;

import dev.pylocktrust.Ascii;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A project name, valid (PEP 508) and normalized (PEP 503) by construction: {@code value()} is lower case with each
 * run of {@code -}, {@code _} and {@code .} replaced by one {@code -}, so {@code Foo.Bar}, {@code foo__bar} and
 * {@code FOO-bar} are equal.
 *
 * <p>The canonical constructor accepts any valid spelling and stores the normalized one; it throws
 * {@link InvalidSpecException} for an invalid name.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/name-normalization/">Name normalization</a>
 */
public record PackageName(String value) implements Comparable<PackageName> {
    // ASCII only, on purpose: Python's re.IGNORECASE without re.ASCII would let U+212A KELVIN SIGN match [a-z].
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]");
    private static final Pattern NORMALIZED = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("[-_.]+");

    public PackageName {
        Objects.requireNonNull(value, "value");
        String reason = invalidReason(value);
        if (reason != null) {
            throw new InvalidSpecException("project name", value, reason);
        }
        value = normalize(value);
    }

    /** Validates (PEP 508) and normalizes (PEP 503) a project name. */
    public static PackageName of(String raw) {
        return new PackageName(raw);
    }

    /**
     * PEP 503 normalization of any string, without validation (like packaging's {@code canonicalize_name}): it
     * leaves invalid characters in place, so use {@link #of} for untrusted input.
     */
    public static String normalize(String name) {
        return Ascii.toLowerCase(SEPARATOR_RUN.matcher(name).replaceAll("-"));
    }

    /** Whether {@code name} is a valid PEP 508 project name (in any spelling). */
    public static boolean isValid(String name) {
        return name != null && invalidReason(name) == null;
    }

    /** Whether {@code name} is already in normalized form ({@code [a-z0-9]+(-[a-z0-9]+)*}). */
    public static boolean isNormalized(String name) {
        return name != null && NORMALIZED.matcher(name).matches();
    }

    /**
     * The name as a wheel or PEP 625 sdist filename writes it: normalized with {@code _} as separator
     * ({@code foo-bar} becomes {@code foo_bar}).
     */
    public String filenameForm() {
        return value.replace('-', '_');
    }

    /** Why {@code name} is not a valid project name, or null if it is. */
    static String invalidReason(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > Inputs.MAX_LENGTH) {
            return "is longer than " + Inputs.MAX_LENGTH + " characters";
        }
        if (VALID.matcher(name).matches()) {
            return null;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean allowed = cp < 128 && (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-');
            if (!allowed) {
                String shown = Inputs.isUnprintable(cp) || Character.isWhitespace(cp)
                        ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
                return "character " + shown + " at index " + i
                        + " is not allowed (PEP 508: ASCII letters, digits, '.', '_' and '-' only)";
            }
            i += Character.charCount(cp);
        }
        return "must start and end with an ASCII letter or digit (PEP 508)";
    }

    @Override
    public int compareTo(PackageName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
