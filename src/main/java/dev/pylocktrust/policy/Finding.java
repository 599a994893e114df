package dev.pylocktrust.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing a command found, written for the person who reads a red build: which package and file, what
 * happened, what was expected and found, and what to do next.
 *
 * @param severity how bad it is; {@link Severity#FAILURE} fails the command
 * @param code the kind of finding: its stable kebab-case text is part of the JSON contract
 * @param packageName normalized package name, or empty for findings about the whole lockfile
 * @param file distribution filename the finding is about, if any
 * @param message one line: what happened
 * @param detail expected versus found, or the reason; may be empty
 * @param hint the next step for the user; may be empty
 * @param location where in the lockfile the package (or file) is, for annotations
 */
public record Finding(
        Severity severity,
        FindingCode code,
        String packageName,
        Optional<String> file,
        String message,
        String detail,
        String hint,
        Optional<SourceLocation> location) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(location, "location");
    }

    /** A finding with its code's own severity. */
    public static Finding of(FindingCode code, String packageName, Optional<String> file, String message,
                             String detail, String hint, Optional<SourceLocation> location) {
        return new Finding(code.severity(), code, packageName, file, message, detail, hint, location);
    }

    public boolean isFailure() {
        return severity == Severity.FAILURE;
    }
}
