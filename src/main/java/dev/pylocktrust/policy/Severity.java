package dev.pylocktrust.policy;

/**
 * How bad a finding is. The order matters: most severe first. Exit codes are derived from findings, never decided
 * where a finding is made: {@code lock} and {@code verify} fail on any {@link #FAILURE}; {@code diff} shows a change
 * as a failure exactly when it fails the command at the chosen {@code --fail-on} level.
 */
public enum Severity {
    /** A trust failure (for {@code diff}: a change that fails the command), shown as an error. */
    FAILURE("error"),
    /** Something a reviewer must look at, but not a failure by itself. */
    WARNING("warning"),
    /** Routine information. */
    NOTICE("notice");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /**
     * The one spelling of this severity in every report and format: {@code error}, {@code warning} or
     * {@code notice} (also the GitHub workflow command).
     */
    public String label() {
        return label;
    }
}
