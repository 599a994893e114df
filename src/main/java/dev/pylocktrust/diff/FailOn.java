package dev.pylocktrust.diff;

import java.util.List;

/**
 * Which changes make {@code pylock-trust diff} exit 1 ({@code --fail-on}). Each level includes the previous one.
 */
public enum FailOn {
    /** Never fail on a change (errors reading the files still exit 2). */
    never,
    /**
     * The default: an identity change (another identity, a re-created one, several at first use) that HEAD's policy
     * does not approve, the same file with another hash, attestations lost (unless HEAD's policy allows the package
     * unattested), and a HEAD that contradicts itself.
     */
    identity,
    /**
     * Also anything else that weakens what the lock vouches for: files from another host, another index or another
     * kind of source, and a new package without attestation identities (unless HEAD's policy allows it
     * unattested).
     */
    attestation,
    /** Any change at all, including approved ones and routine upgrades. */
    any;

    /** True when this change fails the command at this level. */
    public boolean fails(Change change) {
        return switch (this) {
            case never -> false;
            case any -> true;
            case identity -> failsOnIdentity(change);
            case attestation -> failsOnIdentity(change) || change.risk() == Risk.INTEGRITY
                    || change instanceof Change.PackageAdded a && !a.attested() && !a.allowedUnattested();
        };
    }

    private static boolean failsOnIdentity(Change change) {
        return change instanceof Change.IdentityAddition a && !a.approved()
                || change instanceof Change.HashChanged
                || change instanceof Change.AttestationsLost l
                        && l.code() != dev.pylocktrust.policy.FindingCode.ATTESTATION_MISSING_ALLOWED
                || change instanceof Change.Inconsistent;
    }

    /** The changes that fail the command at this level, in the diff's order. */
    public List<Change> failing(LockDiff diff) {
        return diff.changes().stream().filter(this::fails).toList();
    }
}
