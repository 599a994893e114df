package dev.pylocktrust.report;

/**
 * How bad a finding is. The order matters: most severe first. Exit codes are derived from findings, never decided
 * where a finding is made: {@code verify} fails on any {@link #FAILURE}; {@code diff} shows risky changes as
 * failures and lets its {@code --fail-on} option decide which of them fail the command.
 */
public enum Severity {
    /** A trust failure (for {@code diff}: a change of rank 1 to 3), shown as an error. */
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
