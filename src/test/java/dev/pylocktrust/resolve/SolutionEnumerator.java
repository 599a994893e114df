package dev.pylocktrust.resolve;

import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.MarkerVariable;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every valid solution of a small generated graph, by exhaustive search (no resolver code), and the "best" ones
 * under highest-version preference: those no other solution dominates (at least as high on every package both
 * select, higher on one).
 */
final class SolutionEnumerator {
    private static final int LIMIT = 200_000;

    private final GraphGenerator.Graph graph;
    private final MarkerEnvironment env;
    private final Version python;
    private final Map<PackageName, List<GraphGenerator.Release>> byName = new HashMap<>();
    private final List<Map<String, String>> solutions = new ArrayList<>();
    private int visited;

    SolutionEnumerator(GraphGenerator.Graph graph, MarkerEnvironment env, Version python) {
        this.graph = graph;
        this.env = env;
        this.python = python;
        for (GraphGenerator.Release r : graph.releases()) {
            byName.computeIfAbsent(PackageName.of(r.name()), n -> new ArrayList<>()).add(r);
        }
        byName.values().forEach(l -> l.sort(Comparator.comparing((GraphGenerator.Release r) ->
                Version.parse(r.version())).reversed()));
    }

    /** All valid solutions (stops at a large limit; {@link #complete()} says whether it was reached). */
    List<Map<String, String>> solutions() {
        if (visited == 0) {
            search(new LinkedHashMap<>());
        }
        return solutions;
    }

    boolean complete() {
        return visited < LIMIT;
    }

    /** The solutions no other solution dominates. */
    List<Map<String, String>> maximal() {
        List<Map<String, String>> all = solutions();
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> s : all) {
            if (all.stream().noneMatch(t -> dominates(t, s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether {@code a} is at least as high as {@code b} on every package both select, and higher on one. */
    static boolean dominates(Map<String, String> a, Map<String, String> b) {
        boolean higher = false;
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other == null) {
                continue;
            }
            int c = Version.parse(e.getValue()).compareTo(Version.parse(other));
            if (c < 0) {
                return false;
            }
            higher |= c > 0;
        }
        return higher;
    }

    private void search(Map<PackageName, Version> chosen) {
        if (++visited > LIMIT) {
            return;
        }
        Map<PackageName, SpecifierSet> active = new HashMap<>();
        PackageName open = closure(chosen, active);
        if (open == null) {
            if (active.keySet().equals(chosen.keySet())) {
                Map<String, String> s = new TreeMap<>();
                chosen.forEach((n, v) -> s.put(n.value(), v.toString()));
                if (SolutionChecker.check(graph, env, python, s).isEmpty()) {
                    solutions.add(s);
                }
            }
            return;
        }
        for (GraphGenerator.Release r : byName.getOrDefault(open, List.of())) {
            Version v = Version.parse(r.version());
            if (!active.get(open).matches(v)) {
                continue;
            }
            chosen.put(open, v);
            search(chosen);
            chosen.remove(open);
        }
    }

    /**
     * Collects the requirements in force given {@code chosen} (into {@code active}, per package); returns a
     * required package not yet chosen, or null. Returns null too (with {@code active} marking a violation) when a
     * chosen version breaks a requirement.
     */
    private PackageName closure(Map<PackageName, Version> chosen, Map<PackageName, SpecifierSet> active) {
        Deque<Requirement> queue = new ArrayDeque<>();
        graph.roots().stream().map(Requirement::parse).filter(r -> r.appliesTo(env)).forEach(queue::add);
        for (String c : graph.constraints()) {
            Requirement k = Requirement.parse(c);
            Version v = chosen.get(k.name());
            if (v != null && !k.specifier().matches(v)) {
                active.put(PackageName.of("violated-constraint"), SpecifierSet.empty());
                return null;
            }
        }
        Set<String> seen = new HashSet<>();
        PackageName open = null;
        while (!queue.isEmpty()) {
            Requirement r = queue.poll();
            active.merge(r.name(), r.specifier(), SpecifierSet::and);
            Version v = chosen.get(r.name());
            if (v == null) {
                if (open == null) {
                    open = r.name();
                }
                continue;
            }
            if (!r.specifier().matches(v)) {
                active.put(PackageName.of("violated-requirement"), SpecifierSet.empty());
                return null;
            }
            GraphGenerator.Release release = byName.get(r.name()).stream()
                    .filter(x -> Version.parse(x.version()).equals(v)).findFirst().orElseThrow();
            List<String> contexts = new ArrayList<>();
            contexts.add("");
            contexts.addAll(r.extras());
            for (String extra : contexts) {
                if (!seen.add(r.name() + "[" + extra + "]")) {
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
        return open;
    }
}
