package dev.pylocktrust.lock;

import dev.pylocktrust.policy.SignedIds;
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
 * @param fromIds the signed repository and owner ids recorded for {@code from} when it was approved
 * @param toIds the signed ids of {@code to}'s certificate: for a re-created repository (same names, other ids) they
 *     are what was approved
 */
public record ApprovedIdentityChange(
        String packageName,
        AttestationIdentity from,
        AttestationIdentity to,
        String reason,
        LocalDate date,
        Optional<String> approvedBy,
        SignedIds fromIds,
        SignedIds toIds) {

    public ApprovedIdentityChange {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(fromIds, "fromIds");
        Objects.requireNonNull(toIds, "toIds");
        if (!PackageName.isNormalized(packageName)) {
            throw new IllegalArgumentException("package name is not normalized: " + packageName);
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an approved identity change needs a reason");
        }
    }

    /** An approval without recorded ids. */
    public ApprovedIdentityChange(String packageName, AttestationIdentity from, AttestationIdentity to, String reason,
                                  LocalDate date, Optional<String> approvedBy) {
        this(packageName, from, to, reason, date, approvedBy, SignedIds.NONE, SignedIds.NONE);
    }
}
