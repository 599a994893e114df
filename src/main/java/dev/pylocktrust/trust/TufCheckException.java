package dev.pylocktrust.trust;

import java.util.Objects;

/**
 * TUF metadata, a target or the cache failed a {@link TufCheck}. The message is one line for users: it names the file
 * and what is wrong, with no attacker-controlled text other than numbers and parsed times.
 */
public final class TufCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TufCheck check;

    TufCheckException(TufCheck check, String message) {
        super(message);
        this.check = Objects.requireNonNull(check, "check");
    }

    /** The check that failed. */
    public TufCheck check() {
        return check;
    }
}
