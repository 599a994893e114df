package dev.pylocktrust.index;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Simple API version ({@code meta.api-version} in JSON, {@code pypi:repository-version} in HTML). Absent means
 * {@code 1.0}. A major version above {@link #SUPPORTED}'s is a hard error; a newer minor version is a warning.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The newest version this client understands: 1.4 (PEP 792 project status). */
    public static final ApiVersion SUPPORTED = new ApiVersion(1, 4);
    /** The version assumed when a page does not declare one. */
    public static final ApiVersion DEFAULT = new ApiVersion(1, 0);
    /** The first version whose pages may carry PEP 740 {@code provenance}. */
    public static final ApiVersion PROVENANCE = new ApiVersion(1, 3);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

    public ApiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative API version " + major + "." + minor);
        }
    }

    /** Parses {@code "Major.Minor"}; anything else is an {@link IndexFormatException}. */
    static ApiVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IndexFormatException("API version '" + Texts.clip(text) + "' is not of the form Major.Minor");
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Checks this version against {@link #SUPPORTED}: a newer major version cannot be read safely, so it is an
     * error; a newer minor version only adds optional features, so it is a warning (returned, not thrown).
     */
    Optional<String> checkSupported() {
        if (major != SUPPORTED.major) {
            throw new IndexFormatException("the index speaks Simple API version " + this
                    + ", but pylock-trust understands only major version " + SUPPORTED.major);
        }
        if (minor > SUPPORTED.minor) {
            return Optional.of("the index speaks Simple API version " + this + ", newer than the supported "
                    + SUPPORTED + "; features added since are ignored");
        }
        return Optional.empty();
    }

    /** True if pages of this version may carry PEP 740 {@code provenance} (1.3 and later). */
    public boolean supportsProvenance() {
        return compareTo(PROVENANCE) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
