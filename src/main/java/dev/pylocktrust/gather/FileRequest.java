package dev.pylocktrust.gather;

import dev.pylocktrust.Ascii;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file whose publisher evidence is wanted.
 *
 * @param project the project name (any spelling; the index normalizes it)
 * @param version the release version as locked (used only for PyPI's Integrity API fallback)
 * @param sha256 the file's sha256, lower-case hex: the file's identity
 * @param lockedFilename the filename as the lockfile spells it: the index must list the sha256 under the same
 *     distribution filename (name, version, tags), compared after normalization
 */
public record FileRequest(String project, String version, String sha256, String lockedFilename) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FileRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lockedFilename, "lockedFilename");
        sha256 = Ascii.toLowerCase(Objects.requireNonNull(sha256, "sha256"));
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + lockedFilename + " must be 64 hex digits, got '"
                    + sha256 + "'");
        }
    }
}
