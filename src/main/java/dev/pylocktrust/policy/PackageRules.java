package dev.pylocktrust.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What the lock's policy ({@code [tool.pylock-trust]}) and the command line say about one package.
 *
 * @param requiredBy why attestations are required for it ({@code require-attestations}, {@code
 *     --require-attestations}), or empty when they are not
 * @param allowUnattested the package is in {@code allow-unattested}: files without attestations (and sources that
 *     carry none) are allowed, with a warning. Files that are attested must still be attested by a locked identity.
 */
public record PackageRules(Optional<String> requiredBy, boolean allowUnattested) {
    public static final PackageRules NONE = new PackageRules(Optional.empty(), false);

    public PackageRules {
        Objects.requireNonNull(requiredBy, "requiredBy");
        if (requiredBy.isPresent() && allowUnattested) {
            throw new IllegalArgumentException("a package is either required to be attested or allowed without");
        }
    }

    public boolean required() {
        return requiredBy.isPresent();
    }
}
