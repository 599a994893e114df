package dev.pylocktrust.lock;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole {@code pylock.toml}. Packages are in file order as read; {@link LockfileWriter} writes them in canonical
 * order ({@link LockfileWriter#canonical}).
 *
 * @param lockVersion as read ({@code "1.0"}); the writer always writes {@link #LOCK_VERSION}
 * @param createdBy the tool that wrote the file; the writer always writes {@link #CREATED_BY}
 * @param requiresPython Python version specifier for the whole file
 * @param environments markers for the environments the lock supports
 * @param extras supported extras (normalized); absent and an explicit empty list differ (PEP 751)
 * @param dependencyGroups supported dependency groups; absent and explicit empty differ
 * @param defaultGroups groups installed by default; absent and explicit empty differ
 * @param packages every package that may be installed
 * @param tool other tools' {@code [tool.*]} tables, without ours
 * @param policy our {@code [tool.pylock-trust]} policy ({@link TrustPolicy#EMPTY} when absent)
 * @param extra top-level keys PEP 751 does not define, kept so a round trip loses nothing
 */
public record Lockfile(
        String lockVersion,
        String createdBy,
        Optional<String> requiresPython,
        Optional<List<String>> environments,
        Optional<List<String>> extras,
        Optional<List<String>> dependencyGroups,
        Optional<List<String>> defaultGroups,
        List<LockedPackage> packages,
        RawTable tool,
        TrustPolicy policy,
        RawTable extra) {

    /** The lock-version this tool writes. */
    public static final String LOCK_VERSION = "1.0";
    /** The created-by value this tool writes. */
    public static final String CREATED_BY = "pylock-trust";

    /** Top-level keys PEP 751 defines. */
    static final Set<String> KEYS = Set.of("lock-version", "environments", "requires-python", "extras",
            "dependency-groups", "default-groups", "created-by", "packages", "tool");

    public Lockfile {
        Objects.requireNonNull(lockVersion, "lockVersion");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(requiresPython, "requiresPython");
        environments = copy(environments, "environments");
        extras = copy(extras, "extras");
        dependencyGroups = copy(dependencyGroups, "dependencyGroups");
        defaultGroups = copy(defaultGroups, "defaultGroups");
        packages = List.copyOf(packages);
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(extra, "extra");
        requiresPython.ifPresent(SpecifierSet::parse); // throws InvalidSpecException, an IllegalArgumentException
        environments.ifPresent(list -> list.forEach(Marker::parse));
        if (createdBy.isEmpty()) {
            throw new IllegalArgumentException("created-by must not be empty");
        }
        extras.ifPresent(list -> list.forEach(e -> {
            if (!PackageName.isNormalized(e)) {
                throw new IllegalArgumentException("extra name is not normalized: " + e);
            }
        }));
        if (tool.containsKey(PylockTrustTables.TOOL_NAME)) {
            throw new IllegalArgumentException("our own tool table goes in policy, not in tool");
        }
        for (String key : extra.entries().keySet()) {
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("extra must not contain the PEP 751 key '" + key + "'");
            }
        }
    }

    private static Optional<List<String>> copy(Optional<List<String>> list, String what) {
        return Objects.requireNonNull(list, what).map(List::copyOf);
    }

    /** A new lock written by this tool: no environments/extras/groups keys, no other tools' data. */
    public static Lockfile of(Optional<String> requiresPython, List<LockedPackage> packages, TrustPolicy policy) {
        return new Lockfile(LOCK_VERSION, CREATED_BY, requiresPython, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), packages, RawTable.EMPTY, policy, RawTable.EMPTY);
    }

    /** Every entry with this (normalized) name; PEP 751 allows several, told apart by marker. */
    public List<LockedPackage> packagesNamed(String normalizedName) {
        return packages.stream().filter(p -> p.name().equals(normalizedName)).toList();
    }

    public Lockfile withPackages(List<LockedPackage> newPackages) {
        return new Lockfile(lockVersion, createdBy, requiresPython, environments, extras, dependencyGroups,
                defaultGroups, newPackages, tool, policy, extra);
    }

    public Lockfile withPolicy(TrustPolicy newPolicy) {
        return new Lockfile(lockVersion, createdBy, requiresPython, environments, extras, dependencyGroups,
                defaultGroups, packages, tool, newPolicy, extra);
    }
}
