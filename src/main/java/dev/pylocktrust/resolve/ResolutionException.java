package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;

/**
 * The requirements cannot be satisfied (or the search gave up). The message is the derivation chain in plain
 * words, one sentence per line, ending in the conclusion; it is meant to be printed as is. Exit code 2.
 */
public class ResolutionException extends UsageException {
    public ResolutionException(String message, String... hints) {
        super(message, hints);
    }
}
