package dev.pylocktrust.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An explicit approval of a {@link Transition}: given now ({@code lock --accept-identity-change}, then recorded), or
 * found in the lock's {@code approved-identity-changes} ({@code diff}).
 *
 * @param reason why, as written
 * @param date when it was approved
 * @param approvedBy who, if recorded
 * @param location where the approval is written, if it is in a lock file
 */
public record Approval(String reason, LocalDate date, Optional<String> approvedBy, Optional<SourceLocation> location) {
    public Approval {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(location, "location");
    }
}
