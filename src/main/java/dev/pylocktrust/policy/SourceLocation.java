package dev.pylocktrust.policy;

import java.util.Objects;

/**
 * Where a finding points in a file: the path as the user gave it on the command line (GitHub resolves
 * annotation paths against the workspace) and a 1-based line.
 */
public record SourceLocation(String path, int line) {
    public SourceLocation {
        Objects.requireNonNull(path, "path");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }
}
