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

    /**
     * The message as printed for a person, one line each. One line, unless a subclass composes its message of
     * several lines itself (a resolver's derivation chain): a line break inside a message usually comes from quoted
     * text (a path, an index answer) and is then shown escaped, so that it cannot start a line of its own.
     */
    public List<String> messageLines() {
        return List.of(getMessage());
    }

    /** Next steps for the user, one sentence each; may be empty. */
    public List<String> hints() {
        return hints;
    }
}
