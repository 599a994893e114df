package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The packages to install on one target environment, one version each, satisfying every requirement.
 *
 * @param target the environment resolved for
 * @param packages by name, sorted
 * @param warnings things the user should know (a yanked release chosen because it is pinned, an extra a package
 *     does not provide), in the order met
 * @param stats how much work the search took
 */
public record Resolution(
        TargetEnvironment target,
        SortedMap<PackageName, ResolvedPackage> packages,
        List<ResolutionWarning> warnings,
        Stats stats) {

    /** Work done: versions chosen, conflicts met, and steps (decisions plus conflicts; bounded by the options). */
    public record Stats(int decisions, int conflicts, int steps) {}

    public Resolution {
        Objects.requireNonNull(target, "target");
        packages = Collections.unmodifiableSortedMap(new TreeMap<>(packages));
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(stats, "stats");
    }

    public Optional<ResolvedPackage> get(PackageName name) {
        return Optional.ofNullable(packages.get(name));
    }

    /** Name to version, sorted by name (handy in tests and reports). */
    public SortedMap<PackageName, Version> versions() {
        return packages.values().stream().collect(Collectors.toMap(ResolvedPackage::name, ResolvedPackage::version,
                (a, b) -> a, TreeMap::new));
    }

    /** {@code name==version} lines, sorted. */
    public String pins() {
        return packages.values().stream().map(p -> p.name() + "==" + p.version()).collect(Collectors.joining("\n"));
    }

    /** The versions as a plain map (for comparisons), e.g. {@code {a=1.0, b=2.0}}. */
    public Map<String, String> asStrings() {
        return packages.values().stream().collect(Collectors.toMap(p -> p.name().value(),
                p -> p.version().toString(), (a, b) -> a, TreeMap::new));
    }
}
