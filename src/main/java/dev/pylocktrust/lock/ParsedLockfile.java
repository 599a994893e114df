package dev.pylocktrust.lock;

import java.util.List;

/**
 * A lock file as read from disk: the model, where each part of it starts, and the warnings found on the way.
 *
 * @param file the file as the user named it (used in messages and annotations)
 */
public record ParsedLockfile(String file, Lockfile lockfile, SourceMap sourceMap, List<LockfileWarning> warnings) {
    public ParsedLockfile {
        warnings = List.copyOf(warnings);
    }
}
