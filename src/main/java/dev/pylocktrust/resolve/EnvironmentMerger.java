package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Merges per-target resolutions into lock entries with markers.
 *
 * <p>Targets are told apart by three marker variables: {@code python_version}, {@code sys_platform} and
 * {@code platform_machine}. Targets that agree on all three (say manylinux and musllinux on x86_64, or 3.13 and
 * 3.13t) are one marker environment: they must resolve to the same versions, else merging fails and says to lock
 * them separately. A package present everywhere (for the main requirements) gets no marker; otherwise its marker
 * is the shortest disjunction over the variables that vary that selects exactly its environments, joined with
 * {@code 'x' in extras} / {@code 'g' in dependency_groups} when only an extra or group of the project needs it.
 */
final class EnvironmentMerger {

    private enum Dim {
        SYS_PLATFORM("sys_platform"), PLATFORM_MACHINE("platform_machine"), PYTHON_VERSION("python_version");

        final String variable;

        Dim(String variable) {
            this.variable = variable;
        }

        String of(MarkerEnvironment env) {
            switch (this) {
                case SYS_PLATFORM:
                    return env.sysPlatform();
                case PLATFORM_MACHINE:
                    return env.platformMachine();
                default:
                    return env.pythonVersion();
            }
        }
    }

    /** A marker-distinguishable environment: values of the three variables. */
    private record EnvKey(List<String> values) {
        static EnvKey of(TargetEnvironment t) {
            MarkerEnvironment env = t.markerEnvironment();
            List<String> v = new ArrayList<>();
            for (Dim d : Dim.values()) {
                v.add(d.of(env));
            }
            return new EnvKey(List.copyOf(v));
        }

        String get(Dim d) {
            return values.get(d.ordinal());
        }

        /** {@code python_version == "3.12" and sys_platform == "linux" and ...} over {@code dims}. */
        String marker(List<Dim> dims) {
            return dims.stream().map(d -> d.variable + " == \"" + get(d) + "\"").collect(Collectors.joining(" and "));
        }
    }

    private EnvironmentMerger() {}

    static MergedResolution merge(Map<TargetEnvironment, Resolution> results) {
        List<TargetEnvironment> targets = new ArrayList<>(results.keySet());
        Map<EnvKey, List<TargetEnvironment>> groups = new LinkedHashMap<>();
        for (TargetEnvironment t : targets) {
            groups.computeIfAbsent(EnvKey.of(t), k -> new ArrayList<>()).add(t);
        }
        checkIndistinguishable(groups, results);
        List<EnvKey> keys = new ArrayList<>(groups.keySet());
        List<Dim> varying = new ArrayList<>();
        for (Dim d : Dim.values()) {
            if (keys.stream().map(k -> k.get(d)).distinct().count() > 1) {
                varying.add(d);
            }
        }
        // (name, version) -> env key -> package (one representative target per env key)
        Map<PackageName, Map<Version, Map<EnvKey, ResolvedPackage>>> entries = new TreeMap<>();
        Map<PackageName, Map<Version, List<TargetEnvironment>>> entryTargets = new TreeMap<>();
        for (Map.Entry<EnvKey, List<TargetEnvironment>> g : groups.entrySet()) {
            for (TargetEnvironment t : g.getValue()) {
                for (ResolvedPackage p : results.get(t).packages().values()) {
                    entries.computeIfAbsent(p.name(), n -> new TreeMap<>())
                            .computeIfAbsent(p.version(), v -> new LinkedHashMap<>()).putIfAbsent(g.getKey(), p);
                    entryTargets.computeIfAbsent(p.name(), n -> new TreeMap<>())
                            .computeIfAbsent(p.version(), v -> new ArrayList<>()).add(t);
                }
            }
        }
        List<MergedPackage> packages = new ArrayList<>();
        for (Map.Entry<PackageName, Map<Version, Map<EnvKey, ResolvedPackage>>> byName : entries.entrySet()) {
            for (Map.Entry<Version, Map<EnvKey, ResolvedPackage>> byVersion : byName.getValue().entrySet()) {
                Map<EnvKey, ResolvedPackage> where = byVersion.getValue();
                List<TargetEnvironment> entryTargetList = entryTargets.get(byName.getKey()).get(byVersion.getKey());
                packages.add(entry(where, entryTargetList, keys, varying, results));
            }
        }
        List<Marker> environments = keys.stream().map(k -> Marker.parse(k.marker(List.of(Dim.PYTHON_VERSION,
                Dim.SYS_PLATFORM, Dim.PLATFORM_MACHINE)))).toList();
        Version lowest = targets.stream().map(t -> Version.parse(t.pythonVersion().releasePart(0) + "."
                + t.pythonVersion().releasePart(1))).min(Comparator.naturalOrder()).orElseThrow();
        Set<ResolutionWarning> warnings = new LinkedHashSet<>();
        results.values().forEach(r -> warnings.addAll(r.warnings()));
        return new MergedResolution(targets, environments, SpecifierSet.parse(">=" + lowest), packages, results,
                List.copyOf(warnings));
    }

    private static void checkIndistinguishable(Map<EnvKey, List<TargetEnvironment>> groups,
            Map<TargetEnvironment, Resolution> results) {
        for (List<TargetEnvironment> group : groups.values()) {
            TargetEnvironment first = group.get(0);
            Map<PackageName, Version> expected = results.get(first).versions();
            for (TargetEnvironment other : group.subList(1, group.size())) {
                Map<PackageName, Version> actual = results.get(other).versions();
                if (!expected.equals(actual)) {
                    Set<PackageName> names = new TreeSet<>(expected.keySet());
                    names.addAll(actual.keySet());
                    PackageName differing = names.stream()
                            .filter(n -> !java.util.Objects.equals(expected.get(n), actual.get(n))).findFirst()
                            .orElseThrow();
                    throw new ResolutionException("targets " + first + " and " + other + " cannot be told apart by"
                            + " environment markers (same python_version, sys_platform and platform_machine) but need"
                            + " different versions of " + differing + " (" + describe(expected.get(differing))
                            + " vs " + describe(actual.get(differing)) + ")",
                            "lock these targets in separate lock files (pylock.<name>.toml)");
                }
            }
        }
    }

    private static String describe(Version v) {
        return v == null ? "not needed" : v.toString();
    }

    private static MergedPackage entry(Map<EnvKey, ResolvedPackage> where, List<TargetEnvironment> entryTargets,
            List<EnvKey> allKeys, List<Dim> varying, Map<TargetEnvironment, Resolution> results) {
        ResolvedPackage any = where.values().iterator().next();
        // Group environments by the origin condition that reaches the package there.
        Map<String, List<EnvKey>> byOrigin = new LinkedHashMap<>();
        for (Map.Entry<EnvKey, ResolvedPackage> e : where.entrySet()) {
            byOrigin.computeIfAbsent(originCondition(e.getValue().origins()), c -> new ArrayList<>()).add(e.getKey());
        }
        List<String> disjuncts = new ArrayList<>();
        boolean unconditional = false;
        for (Map.Entry<String, List<EnvKey>> e : byOrigin.entrySet()) {
            String env = envCondition(e.getValue(), allKeys, varying);
            String origin = e.getKey();
            if (env.isEmpty() && origin.isEmpty()) {
                unconditional = true;
            } else if (env.isEmpty()) {
                disjuncts.add(origin);
            } else if (origin.isEmpty()) {
                disjuncts.add(env);
            } else {
                disjuncts.add("(" + env + ") and (" + origin + ")");
            }
        }
        java.util.Optional<Marker> marker = unconditional ? java.util.Optional.empty()
                : java.util.Optional.of(Marker.parse(disjuncts.size() == 1 ? disjuncts.get(0)
                        : disjuncts.stream().map(d -> "(" + d + ")").collect(Collectors.joining(" or "))));
        Map<String, DistFile> files = new TreeMap<>();
        Map<PackageName, Set<Version>> deps = new TreeMap<>();
        for (TargetEnvironment t : entryTargets) {
            Resolution r = results.get(t);
            ResolvedPackage p = r.packages().get(any.name());
            p.files().forEach(f -> files.putIfAbsent(f.name(), f));
            for (PackageName d : p.dependencies()) {
                deps.computeIfAbsent(d, n -> new TreeSet<>()).add(r.packages().get(d).version());
            }
        }
        List<MergedPackage.Dependency> dependencies = new ArrayList<>();
        deps.forEach((n, vs) -> vs.forEach(v -> dependencies.add(new MergedPackage.Dependency(n, v))));
        return new MergedPackage(any.name(), any.version(), marker, any.release(), List.copyOf(files.values()),
                any.requiresPython(), dependencies, entryTargets);
    }

    /** Empty when the main requirements reach the package; else which extras / groups need it. */
    private static String originCondition(Set<Origin> origins) {
        if (origins.isEmpty() || origins.contains(Origin.MAIN)) {
            return "";
        }
        return origins.stream().map(o -> o instanceof Origin.Extra e ? "\"" + e.name() + "\" in extras"
                : "\"" + ((Origin.Group) o).name() + "\" in dependency_groups").sorted()
                .collect(Collectors.joining(" or "));
    }

    /** The shortest condition on the varying variables that holds for exactly {@code selected}; empty for all. */
    private static String envCondition(List<EnvKey> selected, List<EnvKey> all, List<Dim> varying) {
        if (selected.size() == all.size()) {
            return "";
        }
        for (int size = 1; size <= varying.size(); size++) {
            for (List<Dim> dims : subsets(varying, size)) {
                Set<List<String>> chosen = selected.stream().map(k -> project(k, dims))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                boolean exact = all.stream().allMatch(k -> chosen.contains(project(k, dims)) == selected.contains(k));
                if (exact) {
                    List<String> parts = new ArrayList<>();
                    for (List<String> values : chosen) {
                        List<String> conj = new ArrayList<>();
                        for (int i = 0; i < dims.size(); i++) {
                            conj.add(dims.get(i).variable + " == \"" + values.get(i) + "\"");
                        }
                        String c = String.join(" and ", conj);
                        parts.add(chosen.size() > 1 && conj.size() > 1 ? "(" + c + ")" : c);
                    }
                    return String.join(" or ", parts);
                }
            }
        }
        throw new IllegalStateException("environments " + selected + " cannot be selected among " + all);
    }

    private static List<String> project(EnvKey k, List<Dim> dims) {
        return dims.stream().map(k::get).toList();
    }

    private static List<List<Dim>> subsets(List<Dim> dims, int size) {
        List<List<Dim>> out = new ArrayList<>();
        collect(dims, size, 0, new ArrayList<>(), out);
        return out;
    }

    private static void collect(List<Dim> dims, int size, int start, List<Dim> current, List<List<Dim>> out) {
        if (current.size() == size) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = start; i < dims.size(); i++) {
            current.add(dims.get(i));
            collect(dims, size, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }
}
