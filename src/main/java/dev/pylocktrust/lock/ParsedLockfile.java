package dev.pylocktrust.lock;

import dev.pylocktrust.policy.SourceLocation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A lock file as read from disk: the model, where each part of it starts, and the warnings found on the way.
 *
 * @param file the file as the user named it (used in messages and annotations)
 */
public record ParsedLockfile(String file, Lockfile lockfile, SourceMap sourceMap, List<LockfileWarning> warnings) {
    public ParsedLockfile {
        warnings = List.copyOf(warnings);
    }

    /** This file at {@code line}, if the line is known. */
    public Optional<SourceLocation> at(OptionalInt line) {
        return line.isPresent() ? Optional.of(new SourceLocation(file, line.getAsInt())) : Optional.empty();
    }

    /** Where a package entry starts. */
    public Optional<SourceLocation> locationOf(LockedPackage p) {
        return at(sourceMap.lineOf(p));
    }
}
