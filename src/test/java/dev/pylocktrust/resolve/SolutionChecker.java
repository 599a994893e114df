package dev.pylocktrust.resolve;

import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.MarkerVariable;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Specifier;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a solution against a generated graph from first principles (no resolver code): every applicable
 * requirement (top level, of each selected release, of each requested extra) and constraint is met, every selected
 * package is needed, Requires-Python holds, and the PEP 440 / PEP 592 rules hold for every requirement on a selected
 * pre-release or yanked release: a pre-release only if the requirement names one, only pre-releases satisfy it, the
 * package has no final release, or the user's own requirements name a pre-release of it; a yanked release only if
 * the requirement or one of the user's pins it ({@code ==v}, {@code ===v}).
 */
final class SolutionChecker {
    private SolutionChecker() {}

    /** The problems found (empty when the solution is valid). */
    static List<String> check(GraphGenerator.Graph graph, MarkerEnvironment env, Version python,
            Map<String, String> solution) {
        List<String> problems = new ArrayList<>();
        Map<PackageName, Map<Version, GraphGenerator.Release>> byName = new HashMap<>();
        for (GraphGenerator.Release r : graph.releases()) {
            byName.computeIfAbsent(PackageName.of(r.name()), n -> new HashMap<>()).put(Version.parse(r.version()), r);
        }
        Map<PackageName, Version> chosen = new HashMap<>();
        solution.forEach((n, v) -> chosen.put(PackageName.of(n), Version.parse(v)));
        Map<PackageName, List<Requirement>> active = new HashMap<>();
        Set<String> visited = new HashSet<>();
        Deque<Requirement> queue = new ArrayDeque<>();
        for (String root : graph.roots()) {
            Requirement r = Requirement.parse(root);
            if (r.appliesTo(env)) {
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            Requirement r = queue.poll();
            Version v = chosen.get(r.name());
            if (v == null) {
                problems.add("required " + r + " but " + r.name() + " is not selected");
                continue;
            }
            if (!r.specifier().matches(v)) {
                problems.add(r.name() + " " + v + " does not satisfy " + r);
            }
            active.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r);
            GraphGenerator.Release release = byName.getOrDefault(r.name(), Map.of()).get(v);
            if (release == null) {
                problems.add(r.name() + " " + v + " does not exist");
                continue;
            }
            List<String> contexts = new ArrayList<>();
            contexts.add("");
            contexts.addAll(r.extras());
            for (String extra : contexts) {
                if (!visited.add(r.name() + "[" + extra + "]")) {
                    continue;
                }
                MarkerEnvironment e = extra.isEmpty() ? env : env.withExtras(Set.of(extra));
                for (String dep : release.requiresDist()) {
                    Requirement d = Requirement.parse(dep);
                    boolean forExtra = d.marker().map(m -> m.variables().contains(MarkerVariable.EXTRA)).orElse(false);
                    if (forExtra == !extra.isEmpty() && d.appliesTo(e)) {
                        queue.add(d);
                    }
                }
            }
        }
        for (Map.Entry<PackageName, Version> c : chosen.entrySet()) {
            PackageName name = c.getKey();
            Version v = c.getValue();
            if (!active.containsKey(name)) {
                problems.add(name + " " + v + " is selected but nothing requires it");
                continue;
            }
            GraphGenerator.Release release = byName.getOrDefault(name, Map.of()).get(v);
            if (release == null) {
                continue;
            }
            SpecifierSet all = SpecifierSet.empty();
            for (Requirement r : active.get(name)) {
                all = all.and(r.specifier());
            }
            for (String constraint : graph.constraints()) {
                Requirement k = Requirement.parse(constraint);
                if (k.name().equals(name) && k.appliesTo(env)) {
                    all = all.and(k.specifier());
                    if (!k.specifier().matches(v)) {
                        problems.add(name + " " + v + " violates constraint " + k);
                    }
                }
            }
            if (release.requiresPython() != null && !SpecifierSet.parse(release.requiresPython()).matches(python)) {
                problems.add(name + " " + v + " requires Python " + release.requiresPython());
            }
            List<Requirement> user = new ArrayList<>();
            graph.roots().stream().map(Requirement::parse).filter(r -> r.name().equals(name) && r.appliesTo(env))
                    .forEach(user::add);
            graph.constraints().stream().map(Requirement::parse).filter(r -> r.name().equals(name) && r.appliesTo(env))
                    .forEach(user::add);
            for (Requirement r : active.get(name)) {
                if (release.yanked() != null && !pinsExactly(r, v) && user.stream().noneMatch(u -> pinsExactly(u, v))) {
                    problems.add(name + " " + v + " is yanked and " + r + " does not pin it");
                }
                if (v.isPrerelease() && !admitsPrereleases(r, byName.get(name), python)
                        && user.stream().noneMatch(u -> u.specifier().impliesPrereleases())) {
                    problems.add(name + " " + v + " is a pre-release that " + r + " does not admit");
                }
            }
        }
        return problems;
    }

    private static boolean pinsExactly(Requirement r, Version v) {
        for (Specifier s : r.specifier().specifiers()) {
            if ((s.operator() == Specifier.Operator.ARBITRARY
                    || (s.operator() == Specifier.Operator.EQUAL && !s.isWildcard())) && s.matches(v)) {
                return true;
            }
        }
        return false;
    }

    /** Names a pre-release, or no usable final release satisfies it (or the package has none). */
    private static boolean admitsPrereleases(Requirement r, Map<Version, GraphGenerator.Release> releases,
            Version python) {
        if (r.specifier().impliesPrereleases()) {
            return true;
        }
        boolean anyFinal = false;
        for (Map.Entry<Version, GraphGenerator.Release> e : releases.entrySet()) {
            boolean usable = e.getValue().requiresPython() == null
                    || SpecifierSet.parse(e.getValue().requiresPython()).matches(python);
            if (usable && !e.getKey().isPrerelease()) {
                anyFinal = true;
                if (r.specifier().matches(e.getKey())) {
                    return false;
                }
            }
        }
        return true;
    }
}
