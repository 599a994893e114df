package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * A version an existing lock records ({@code [[packages]]} name, version and marker). When re-resolving, the resolver
 * prefers it for the targets its marker selects, as long as it still satisfies the requirements and
 * {@link UpgradePolicy} does not release it.
 */
public record LockedVersion(PackageName name, Version version, Optional<Marker> marker) {

    public LockedVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(marker, "marker");
    }

    /** A version locked for every environment. */
    public static LockedVersion of(String name, String version) {
        return new LockedVersion(PackageName.of(name), Version.parse(version), Optional.empty());
    }
}
