package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Version;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to resolve: top-level requirements, constraints, and the versions of an existing lock.
 *
 * <p>Constraints follow pip's {@code -c} semantics: a constraint only narrows the versions of a package that
 * something else requires; it never adds a package. Like pip, a constraint may not request extras.
 *
 * @param requirements top-level requirements, in the order the user gave them (the order breaks ties)
 * @param constraints version constraints ({@code -c FILE})
 * @param locked versions from an existing lock, kept (for the targets their markers select) when they still fit,
 *     unless {@code upgrade} releases them
 * @param upgrade which locked versions may move
 */
public record ResolutionRequest(
        List<RootRequirement> requirements,
        List<Requirement> constraints,
        List<LockedVersion> locked,
        UpgradePolicy upgrade) {

    public ResolutionRequest {
        requirements = List.copyOf(requirements);
        constraints = List.copyOf(constraints);
        locked = List.copyOf(locked);
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
        return new ResolutionRequest(requirements.stream().map(RootRequirement::main).toList(), List.of(), List.of(),
                UpgradePolicy.KEEP_LOCKED);
    }

    /** Parses main requirements ({@code "requests>=2.31", "django~=5.0"}). */
    public static ResolutionRequest of(String... requirements) {
        return of(java.util.Arrays.stream(requirements).map(Requirement::parse).toList());
    }

    public ResolutionRequest withConstraints(List<Requirement> newConstraints) {
        return new ResolutionRequest(requirements, newConstraints, locked, upgrade);
    }

    /** Top-level requirements from any source (e.g. {@link Pyproject#requirements}). */
    public static ResolutionRequest ofRoots(List<RootRequirement> requirements) {
        return new ResolutionRequest(requirements, List.of(), List.of(), UpgradePolicy.KEEP_LOCKED);
    }

    public ResolutionRequest withLocked(List<LockedVersion> newLocked, UpgradePolicy newUpgrade) {
        return new ResolutionRequest(requirements, constraints, newLocked, newUpgrade);
    }

    /**
     * The locked version to prefer per package on a target: entries whose marker holds there (with the requested
     * extras and groups as {@code extras} / {@code dependency_groups}), minus packages the upgrade policy releases.
     */
    Map<PackageName, Version> preferences(MarkerEnvironment target) {
        Set<String> extras = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (RootRequirement r : requirements) {
            if (r.origin() instanceof Origin.Extra e) {
                extras.add(e.name());
            } else if (r.origin() instanceof Origin.Group g) {
                groups.add(g.name());
            }
        }
        MarkerEnvironment env = target.withExtras(extras).withDependencyGroups(groups);
        Map<PackageName, Version> out = new HashMap<>();
        for (LockedVersion l : locked) {
            if (!upgrade.mayUpgrade(l.name()) && l.marker().map(m -> m.evaluate(env)).orElse(true)) {
                out.merge(l.name(), l.version(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return out;
    }
}
