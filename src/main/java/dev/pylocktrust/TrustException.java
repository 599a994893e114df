package dev.pylocktrust;

import java.util.List;

/** A trust decision failed closed: bad attestation, identity change, missing provenance, hash change. Exit code 1. */
public class TrustException extends PylockTrustException {
    public TrustException(String message, String... hints) {
        super(message, List.of(hints), null);
    }

    public TrustException(String message, Throwable cause, String... hints) {
        super(message, List.of(hints), cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.TRUST_FAILURE;
    }
}
