package dev.pylocktrust.diff;

import dev.pylocktrust.policy.Severity;

/**
 * How much a reviewer must care about a change, most severe first. The rank is the order of the report. A change
 * is shown as an error exactly when it fails the command at the chosen {@code --fail-on} level; otherwise ranks 1 to
 * 4 are warnings and 5 and 6 notices (5 collapsed as routine).
 */
public enum Risk {
    /** Who publishes a package changed, or a file's bytes did (the same file with another hash). */
    IDENTITY(1, "Identity and hash changes"),
    /** Something attested in BASE is not held to an identity in HEAD, or HEAD contradicts itself. */
    ATTESTATION(2, "Attestations lost"),
    /** A file from another host, another index or another kind of source. */
    INTEGRITY(3, "Hosts, indexes and sources"),
    /** Packages added or removed, identities recorded for the first time. */
    MEMBERSHIP(4, "New and removed packages"),
    /** Version, file, marker and requires-python changes. */
    ROUTINE(5, "Versions, files and markers"),
    /** Changes to the policy in {@code [tool.pylock-trust]}. */
    POLICY(6, "Policy changes");

    private final int rank;
    private final String title;

    Risk(int rank, String title) {
        this.rank = rank;
        this.title = title;
    }

    /** 1 (identity) to 6 (policy). */
    public int rank() {
        return rank;
    }

    public String title() {
        return title;
    }

    /** The severity of a change of this rank that does not fail the command. */
    public Severity severityWhenPassing() {
        return rank <= 4 ? Severity.WARNING : Severity.NOTICE;
    }

    /**
     * Routine changes (versions, files, markers) are collapsed in Markdown and shown one line each in text. Policy
     * changes are not routine: a new exception or approval decides what HEAD accepts.
     */
    public boolean routine() {
        return this == ROUTINE;
    }
}
