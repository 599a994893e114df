package dev.pylocktrust;

import java.util.List;

/** The index or another remote could not be reached or answered badly. Never turns into a pass. Exit code 3. */
public class NetworkException extends PylockTrustException {
    public NetworkException(String message, String... hints) {
        super(message, List.of(hints), null);
    }

    public NetworkException(String message, Throwable cause, String... hints) {
        super(message, List.of(hints), cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.NETWORK;
    }
}
