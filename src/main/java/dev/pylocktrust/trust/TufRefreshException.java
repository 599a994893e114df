package dev.pylocktrust.trust;

/**
 * A TUF refresh did not produce a verified trusted root. The message is a short reason for users, e.g.
 * {@code 1.targets.json: not signed by enough trusted keys (threshold 1, valid signatures 0)}.
 */
public final class TufRefreshException extends Exception {
    private static final long serialVersionUID = 1L;

    public TufRefreshException(String message) {
        super(message);
    }

    public TufRefreshException(String message, Throwable cause) {
        super(message, cause);
    }
}
