package dev.pylocktrust.lock;

import dev.pylocktrust.policy.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a requirement was written: a line of a requirements file (the logical line's first physical line), or a
 * requirement given on the command line.
 *
 * @param file the requirements file as the user named it (nested files relative to the including one), or empty for
 *     a command-line argument
 * @param line the 1-based line in {@code file}, or the 1-based position among the command-line requirements
 */
public record RequirementOrigin(Optional<String> file, int line) {
    public RequirementOrigin {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }

    public static RequirementOrigin of(String file, int line) {
        return new RequirementOrigin(Optional.of(file), line);
    }

    public static RequirementOrigin argument(int position) {
        return new RequirementOrigin(Optional.empty(), position);
    }

    /** The file position, for annotations; empty for command-line arguments. */
    public Optional<SourceLocation> location() {
        return file.map(f -> new SourceLocation(f, line));
    }

    /** {@code requirements.txt:12} or {@code command-line requirement 2}: the prefix of messages about it. */
    @Override
    public String toString() {
        return file.map(f -> f + ":" + line).orElse("command-line requirement " + line);
    }
}
