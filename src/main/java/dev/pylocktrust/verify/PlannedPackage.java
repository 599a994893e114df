package dev.pylocktrust.verify;

import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import java.util.List;
import java.util.Objects;

/**
 * A package selected for checking, with the files to check.
 *
 * @param index the package's position in the lock file ({@code packages[index]})
 * @param pkg the package as read (the same object, so the source map knows its line)
 * @param files the files to check: all of them, or the one an installer would pick; empty for vcs, directory and
 *     archive sources
 */
public record PlannedPackage(int index, LockedPackage pkg, List<LockedFile> files) {
    public PlannedPackage {
        Objects.requireNonNull(pkg, "pkg");
        files = List.copyOf(files);
    }
}
