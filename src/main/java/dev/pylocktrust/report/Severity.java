package dev.pylocktrust.report;

/**
 * How bad a finding is. The order matters: most severe first. Exit codes are derived from findings (a
 * {@link #FAILURE} fails the command), never decided where a finding is made.
 */
public enum Severity {
    /** A trust failure: the command exits 1. */
    FAILURE("error"),
    /** Something a reviewer must look at, but not a failure by itself. */
    WARNING("warning"),
    /** Routine information. */
    NOTICE("notice");

    private final String githubCommand;

    Severity(String githubCommand) {
        this.githubCommand = githubCommand;
    }

    /** The GitHub workflow command for this severity: {@code error}, {@code warning} or {@code notice}. */
    public String githubCommand() {
        return githubCommand;
    }
}
