package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import java.util.Objects;
import java.util.Set;

/**
 * Which locked versions may move when re-resolving against an existing lock: none ({@link #KEEP_LOCKED}, the
 * default: locked versions are kept whenever they still satisfy the requirements), all ({@code --upgrade}) or the
 * named packages ({@code --upgrade-package NAME}).
 */
public record UpgradePolicy(boolean all, Set<PackageName> packages) {

    /** Keep every locked version that still fits. */
    public static final UpgradePolicy KEEP_LOCKED = new UpgradePolicy(false, Set.of());
    /** Ignore locked versions: highest compatible versions everywhere. */
    public static final UpgradePolicy ALL = new UpgradePolicy(true, Set.of());

    public UpgradePolicy {
        packages = Set.copyOf(Objects.requireNonNull(packages, "packages"));
    }

    /** Upgrade only these packages. */
    public static UpgradePolicy only(Set<PackageName> packages) {
        return new UpgradePolicy(false, packages);
    }

    /** Whether the locked version of {@code name} may move to a newer one. */
    public boolean mayUpgrade(PackageName name) {
        return all || packages.contains(name);
    }
}
