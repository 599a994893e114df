package dev.pylocktrust.lock;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Locker#lock}: the lock file to write (empty when a trust failure refused it) and the report.
 */
public record LockOutcome(Optional<Lockfile> lockfile, LockReport report) {
    public LockOutcome {
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(report, "report");
        if (lockfile.isPresent() == report.refused()) {
            throw new IllegalArgumentException("a lock file is written exactly when nothing refused it");
        }
    }
}
