package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to resolve: top-level requirements, constraints, and the versions of an existing lock.
 *
 * <p>Constraints follow pip's {@code -c} semantics: a constraint only narrows the versions of a package that
 * something else requires; it never adds a package. Like pip, a constraint may not request extras.
 *
 * @param requirements top-level requirements, in the order the user gave them (the order breaks ties)
 * @param constraints version constraints ({@code -c FILE})
 * @param locked versions from an existing lock, kept when they still fit unless {@code upgrade} says otherwise
 * @param upgrade which locked versions may move
 */
public record ResolutionRequest(
        List<RootRequirement> requirements,
        List<Requirement> constraints,
        Map<PackageName, Version> locked,
        UpgradePolicy upgrade) {

    public ResolutionRequest {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints);
        locked = Map.copyOf(locked);
        Objects.requireNonNull(upgrade, "upgrade");
        for (Requirement c : constraints) {
            if (!c.extras().isEmpty()) {
                throw new UsageException("constraint '" + c + "' requests extras; a constraint can only restrict"
                        + " versions", "write the constraint without [" + String.join(",", c.extras()) + "]");
            }
        }
    }

    /** Main requirements only, no constraints, no lock. */
    public static ResolutionRequest of(List<Requirement> requirements) {
        return new ResolutionRequest(requirements.stream().map(RootRequirement::main).toList(), List.of(), Map.of(),
                UpgradePolicy.KEEP_LOCKED);
    }

    /** Parses main requirements ({@code "requests>=2.31", "django~=5.0"}). */
    public static ResolutionRequest of(String... requirements) {
        return of(java.util.Arrays.stream(requirements).map(Requirement::parse).toList());
    }

    public ResolutionRequest withConstraints(List<Requirement> newConstraints) {
        return new ResolutionRequest(requirements, newConstraints, locked, upgrade);
    }

    public ResolutionRequest withLocked(Map<PackageName, Version> newLocked, UpgradePolicy newUpgrade) {
        return new ResolutionRequest(requirements, constraints, newLocked, newUpgrade);
    }

    /** The locked version the resolver should prefer for {@code name}, or null. */
    Version preferred(PackageName name) {
        return upgrade.mayUpgrade(name) ? null : locked.get(name);
    }
}
