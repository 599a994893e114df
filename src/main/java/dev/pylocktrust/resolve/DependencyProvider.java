package dev.pylocktrust.resolve;

import dev.pylocktrust.python.SpecifierSet;
import java.util.List;

/**
 * What the PubGrub solver asks about packages: how many versions each has, which one to try, and what a version
 * depends on. Implementations hold the policy (pre-releases, yanked files, locked versions, target environment);
 * the solver holds the logic.
 */
interface DependencyProvider {

    /** The number of versions {@code key} has (loads the package's version list on first use). */
    int universeSize(PackageKey key);

    /** Facts about {@code key} known before any version is chosen (the user's constraints); called once per key. */
    List<Incompatibility> initialIncompatibilities(PackageKey key);

    /**
     * The version to try for {@code key} among {@code allowed}, given the requirements currently in force on it
     * ({@code active}: dependency incompatibilities whose parent is selected).
     */
    Choice choose(PackageKey key, VersionSet allowed, List<Incompatibility> active);

    /** What version {@code index} of {@code key} depends on, or why it cannot be used. */
    Dependencies dependencies(PackageKey key, int index);

    /** The position of {@code key} among the user's requirements (ties between choices go to the earlier), or -1. */
    int requestedOrder(PackageKey key);

    /** The provider's answer to {@link #choose}. */
    sealed interface Choice permits Chosen, NoneAvailable {}

    record Chosen(int index) implements Choice {}

    /** Nothing in the allowed set can be used; {@code detail} says why listed versions were passed over. */
    record NoneAvailable(String detail) implements Choice {}

    /** The provider's answer to {@link #dependencies}. */
    sealed interface Dependencies permits Known, Unusable {}

    record Known(List<Dependency> dependencies) implements Dependencies {}

    /** This version cannot be selected (e.g. its metadata's Requires-Python excludes the target). */
    record Unusable(String reason) implements Dependencies {}

    /**
     * One dependency: {@code child} in {@code versions}, printed as {@code label}.
     *
     * @param specifier as written (for ordering and pre-release rules)
     * @param origin where a root requirement came from; null for a package's own dependencies
     */
    record Dependency(PackageKey child, VersionSet versions, String label, SpecifierSet specifier, Origin origin) {}
}
