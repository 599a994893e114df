package dev.pylocktrust;

import java.util.List;

/**
 * Base of every error a user can meet. The message is written for the user (what failed, where); hints say what to
 * do next. The exit code is part of the contract documented in the README, so each subclass fixes its own.
 */
public abstract class PylockTrustException extends RuntimeException {
    private final List<String> hints;

    protected PylockTrustException(String message, List<String> hints, Throwable cause) {
        super(message, cause);
        this.hints = List.copyOf(hints);
    }

    /** The process exit code this error maps to (see {@link ExitCode}). */
    public abstract int exitCode();

    /** Next steps for the user, one sentence each; may be empty. */
    public List<String> hints() {
        return hints;
    }
}
