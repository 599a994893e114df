package dev.pylocktrust;

import java.util.List;

/** Bad arguments, or an input file that cannot be read or parsed. Exit code 2. */
public class UsageException extends PylockTrustException {
    public UsageException(String message, String... hints) {
        super(message, List.of(hints), null);
    }

    public UsageException(String message, Throwable cause, String... hints) {
        super(message, List.of(hints), cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.USAGE;
    }
}
