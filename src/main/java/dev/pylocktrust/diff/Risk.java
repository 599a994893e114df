package dev.pylocktrust.diff;

import dev.pylocktrust.report.Severity;

/**
 * How much a reviewer must care about a change, most severe first. The rank is the order of the report and
 * decides how a change is shown: ranks 1 to 3 are errors, 4 warnings, 5 and 6 notices (5 collapsed as routine).
 */
public enum Risk {
    /** A package's publisher identity changed. */
    IDENTITY(1, "Identity changes", Severity.FAILURE),
    /** Something attested in BASE is not attested in HEAD. */
    ATTESTATION(2, "Attestations lost", Severity.FAILURE),
    /** The same file with another hash, a file from another host, another index or another kind of source. */
    INTEGRITY(3, "Hashes, hosts and sources", Severity.FAILURE),
    /** Packages added or removed, identities recorded for the first time. */
    MEMBERSHIP(4, "New and removed packages", Severity.WARNING),
    /** Version, file, marker and requires-python changes. */
    ROUTINE(5, "Versions, files and markers", Severity.NOTICE),
    /** Changes to the policy in {@code [tool.pylock-trust]}. */
    POLICY(6, "Policy changes", Severity.NOTICE);

    private final int rank;
    private final String title;
    private final Severity severity;

    Risk(int rank, String title, Severity severity) {
        this.rank = rank;
        this.title = title;
        this.severity = severity;
    }

    /** 1 (identity) to 6 (policy). */
    public int rank() {
        return rank;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }

    /**
     * Routine changes (versions, files, markers) are collapsed in Markdown and shown one line each in text. Policy
     * changes are not routine: a new exception or approval decides what HEAD accepts.
     */
    public boolean routine() {
        return this == ROUTINE;
    }
}
