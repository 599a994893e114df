package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;

/**
 * A release's dependencies cannot be known without building it: it has no wheel and its sdist's {@code PKG-INFO}
 * is older than Metadata-Version 2.2 or marks {@code Requires-Dist} as dynamic. pylock-trust never runs a build
 * backend, so resolution stops here and names the release. Exit code 2.
 */
public class MetadataUnavailableException extends UsageException {
    public MetadataUnavailableException(String message, String... hints) {
        super(message, hints);
    }
}
