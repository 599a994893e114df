package dev.pylocktrust.lock;

import dev.pylocktrust.python.PackageName;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A reviewed, explicit approval that a package's publisher identity changed from one identity to another, e.g.
 * after a repository transfer. Lives in {@code [[tool.pylock-trust.approved-identity-changes]]} where the pull
 * request diff shows it.
 *
 * @param packageName normalized project name
 * @param from the identity recorded before
 * @param to the identity accepted now
 * @param reason why, for the next reviewer (required, non-blank)
 * @param date when it was approved
 * @param approvedBy who approved it, if recorded
 */
public record ApprovedIdentityChange(
        String packageName,
        AttestationIdentity from,
        AttestationIdentity to,
        String reason,
        LocalDate date,
        Optional<String> approvedBy) {

    public ApprovedIdentityChange {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (!PackageName.isNormalized(packageName)) {
            throw new IllegalArgumentException("package name is not normalized: " + packageName);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an approved identity change needs a reason");
        }
    }
}
