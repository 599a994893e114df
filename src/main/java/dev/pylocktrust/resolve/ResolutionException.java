package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;
import java.util.List;

/**
 * The requirements cannot be satisfied (or the search gave up). The message is the derivation chain in plain
 * words, one sentence per line, ending in the conclusion; it is meant to be printed as is. Exit code 2.
 */
public class ResolutionException extends UsageException {
    public ResolutionException(String message, String... hints) {
        super(message, hints);
    }

    /** One line per sentence of the derivation chain (its names and versions are validated, never raw input). */
    @Override
    public List<String> messageLines() {
        return List.of(getMessage().split("\n", -1));
    }
}
