package dev.pylocktrust;

/**
 * The exit codes every command uses. Documented in the README's table (a test keeps it in step with these constants)
 * and in {@code --help}.
 */
public final class ExitCode {
    /** Everything checked passed. */
    public static final int OK = 0;
    /** A trust failure: verification failed, identity mismatch, missing attestation, hash mismatch. */
    public static final int TRUST_FAILURE = 1;
    /** Usage or input error: bad arguments, unreadable or malformed file. */
    public static final int USAGE = 2;
    /** The index or the network failed; nothing was decided. */
    public static final int NETWORK = 3;
    /** A bug in pylock-trust; please report it. */
    public static final int INTERNAL = 70;

    private ExitCode() {}
}
