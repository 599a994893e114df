package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Specifier;
import dev.pylocktrust.resolve.DependencyProvider.Chosen;
import dev.pylocktrust.resolve.DependencyProvider.Dependency;
import dev.pylocktrust.resolve.DependencyProvider.Known;
import dev.pylocktrust.resolve.DependencyProvider.NoneAvailable;
import dev.pylocktrust.resolve.DependencyProvider.Unusable;
import dev.pylocktrust.resolve.Incompatibility.Cause;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PubGrub algorithm (Natalie Weizenbaum, 2018): unit propagation over incompatibilities, conflict-driven clause
 * learning with backjumping, and lazy addition of each chosen version's dependencies.
 *
 * <p>Decision order (which package gets a version next) follows pip's resolver so that both pick the same versions
 * when several solutions exist: packages with an {@code ==} requirement first, then packages involved in the latest
 * conflict, then by depth from the user's requirements, then in the order the user listed them, then packages with
 * any version specifier, then by name. Within a package, the provider picks (highest allowed version by default).
 *
 * <p>Not thread-safe; one solver per resolution.
 */
final class PubGrubSolver {
    private final DependencyProvider provider;
    private final int maxSteps;
    private final PartialSolution solution = new PartialSolution();
    private final Map<PackageKey, List<Incompatibility>> byPackage = new HashMap<>();
    /** Dependency incompatibilities by child: who requires this package, for pip-like ordering and pre-releases. */
    private final Map<PackageKey, List<Incompatibility>> requiredBy = new HashMap<>();
    /** Dependency incompatibilities by (parent, child, child set), to merge the parent versions of equal edges. */
    private final Map<EdgeKey, Incompatibility> edges = new HashMap<>();
    private final Set<PackageKey> known = new HashSet<>();
    private final Set<String> dependenciesAdded = new HashSet<>();
    private final Map<PackageKey, Double> depths = new HashMap<>();
    private Set<PackageKey> conflictCauses = Set.of();
    private int steps;
    private int decisions;
    private int conflicts;

    private record EdgeKey(PackageKey parent, PackageKey child, VersionSet childSet) {}

    /** Thrown when no solution exists; carries the incompatibility whose derivation graph is the proof. */
    static final class NoSolution extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Incompatibility incompatibility;

        NoSolution(Incompatibility incompatibility) {
            super("no solution", null, false, false);
            this.incompatibility = incompatibility;
        }

        Incompatibility incompatibility() {
            return incompatibility;
        }
    }

    /** Thrown when the step budget is spent. */
    static final class TooComplex extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooComplex(int steps) {
            super("gave up after " + steps + " steps", null, false, false);
        }
    }

    /** Counters for reports and benchmarks. */
    record Stats(int decisions, int conflicts, int steps) {}

    PubGrubSolver(DependencyProvider provider, int maxSteps) {
        this.provider = provider;
        this.maxSteps = maxSteps;
    }

    /**
     * Solves, returning the selected version index of every selected package (the root included).
     *
     * @throws NoSolution if none exists
     * @throws TooComplex if the step budget runs out
     */
    Map<PackageKey, Integer> solve() {
        ensureKnown(PackageKey.ROOT);
        addIncompatibility(new Incompatibility(
                List.of(Term.negative(PackageKey.ROOT, VersionSet.single(1, 0), null)), new Incompatibility.Root()));
        PackageKey next = PackageKey.ROOT;
        while (next != null) {
            propagate(next);
            next = decide();
        }
        return Map.copyOf(solution.decisions());
    }

    Stats stats() {
        return new Stats(decisions, conflicts, steps);
    }

    private void step() {
        if (++steps > maxSteps) {
            throw new TooComplex(maxSteps);
        }
    }

    private void ensureKnown(PackageKey key) {
        if (known.add(key)) {
            provider.universeSize(key);
            provider.initialIncompatibilities(key).forEach(this::addIncompatibility);
        }
    }

    private void addIncompatibility(Incompatibility incompat) {
        for (Term t : incompat.terms()) {
            byPackage.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(incompat);
        }
    }

    private void removeFromIndex(Incompatibility incompat) {
        for (Term t : incompat.terms()) {
            List<Incompatibility> list = byPackage.get(t.key());
            if (list != null) {
                list.remove(incompat);
            }
        }
    }

    // ---- unit propagation -------------------------------------------------------------------------------------

    private void propagate(PackageKey start) {
        Deque<PackageKey> changed = new ArrayDeque<>();
        Set<PackageKey> queued = new LinkedHashSet<>();
        changed.add(start);
        queued.add(start);
        while (!changed.isEmpty()) {
            PackageKey pkg = changed.poll();
            queued.remove(pkg);
            List<Incompatibility> list = new ArrayList<>(byPackage.getOrDefault(pkg, List.of()));
            for (int i = list.size() - 1; i >= 0; i--) {
                Incompatibility incompat = list.get(i);
                PartialSolution.Relation rel = solution.relation(incompat);
                if (rel == PartialSolution.Relation.SATISFIED) {
                    Incompatibility root = resolveConflict(incompat);
                    Term term = solution.unsatisfiedTerm(root);
                    solution.derive(term.negate(), root);
                    changed.clear();
                    queued.clear();
                    changed.add(term.key());
                    queued.add(term.key());
                    break;
                }
                if (rel == PartialSolution.Relation.ALMOST_SATISFIED) {
                    Term term = solution.unsatisfiedTerm(incompat);
                    solution.derive(term.negate(), incompat);
                    if (queued.add(term.key())) {
                        changed.add(term.key());
                    }
                }
            }
        }
    }

    // ---- conflict resolution ----------------------------------------------------------------------------------

    private Incompatibility resolveConflict(Incompatibility conflict) {
        conflicts++;
        step();
        Set<PackageKey> causes = new HashSet<>();
        conflict.terms().forEach(t -> causes.add(t.key()));
        Incompatibility incompat = conflict;
        boolean derived = false;
        while (true) {
            if (incompat.isFailure()) {
                throw new NoSolution(incompat);
            }
            PartialSolution.Satisfier s = solution.findSatisfier(incompat);
            PartialSolution.Assignment satisfier = s.satisfier();
            if (satisfier.isDecision() || s.previousLevel() < satisfier.level()) {
                if (derived) {
                    addIncompatibility(incompat);
                }
                incompat.terms().forEach(t -> causes.add(t.key()));
                causes.remove(PackageKey.ROOT);
                conflictCauses = Set.copyOf(causes);
                solution.backtrack(s.previousLevel());
                return incompat;
            }
            incompat = Incompatibility.priorCause(incompat, satisfier.cause(), satisfier.key());
            derived = true;
        }
    }

    // ---- decision making --------------------------------------------------------------------------------------

    private PackageKey decide() {
        List<PackageKey> pending = solution.undecidedRequired();
        if (pending.isEmpty()) {
            return null;
        }
        step();
        Map<PackageKey, Priority> priorities = new HashMap<>();
        for (PackageKey key : pending) {
            priorities.put(key, priority(key));
        }
        PackageKey key = pending.stream().min(Comparator.comparing(priorities::get)).orElseThrow();
        VersionSet allowed = solution.accumulated(key);
        DependencyProvider.Choice choice = provider.choose(key, allowed, active(key));
        if (choice instanceof NoneAvailable none) {
            addIncompatibility(new Incompatibility(List.of(Term.positive(key, allowed, null)),
                    new Incompatibility.NoVersions(none.detail())));
            return key;
        }
        int version = ((Chosen) choice).index();
        if (!allowed.contains(version)) {
            throw new IllegalStateException("provider chose version " + version + " of " + key + " outside " + allowed);
        }
        int size = allowed.size();
        if (!dependenciesAdded.add(key.identifier() + "#" + version)) {
            solution.decide(key, version, size);
            decisions++;
            return key;
        }
        DependencyProvider.Dependencies deps = provider.dependencies(key, version);
        if (deps instanceof Unusable unusable) {
            addIncompatibility(new Incompatibility(List.of(Term.positive(key, VersionSet.single(size, version), null)),
                    new Incompatibility.Unavailable(unusable.reason())));
            return key;
        }
        boolean conflict = false;
        List<Dependency> list = new ArrayList<>(((Known) deps).dependencies());
        if (key.isRoot()) {
            // Propagation visits newest first; adding the user's requirements in reverse derives them in the
            // user's order, so a conflict pivots on the later one and explanations read in the order given.
            java.util.Collections.reverse(list);
        }
        for (Dependency dep : list) {
            Incompatibility incompat = addDependency(key, version, size, dep);
            conflict |= wouldConflict(incompat, key);
        }
        if (!conflict) {
            solution.decide(key, version, size);
            decisions++;
        }
        return key;
    }

    private Incompatibility addDependency(PackageKey parent, int version, int size, Dependency dep) {
        ensureKnown(dep.child());
        EdgeKey edge = new EdgeKey(parent, dep.child(), dep.versions());
        Incompatibility previous = edges.get(edge);
        VersionSet parentSet = VersionSet.single(size, version);
        if (previous != null) {
            parentSet = parentSet.or(previous.term(parent).set());
            removeFromIndex(previous);
            requiredBy.get(dep.child()).remove(previous);
        }
        Cause cause = new Incompatibility.Dependency(parent, dep.child(), dep.specifier(), dep.origin());
        Incompatibility incompat = new Incompatibility(List.of(Term.positive(parent, parentSet, null),
                Term.negative(dep.child(), dep.versions(), dep.label())), cause);
        edges.put(edge, incompat);
        addIncompatibility(incompat);
        requiredBy.computeIfAbsent(dep.child(), k -> new ArrayList<>()).add(incompat);
        return incompat;
    }

    /** Whether selecting the parent would immediately satisfy this new dependency incompatibility. */
    private boolean wouldConflict(Incompatibility incompat, PackageKey parent) {
        return solution.satisfiedExcept(incompat, parent);
    }

    /** Dependency incompatibilities on {@code key} whose parent is selected at a version they cover. */
    private List<Incompatibility> active(PackageKey key) {
        List<Incompatibility> out = new ArrayList<>();
        for (Incompatibility incompat : requiredBy.getOrDefault(key, List.of())) {
            Incompatibility.Dependency dep = (Incompatibility.Dependency) incompat.cause();
            int parentVersion = solution.decision(dep.parent());
            if (parentVersion >= 0 && incompat.term(dep.parent()).set().contains(parentVersion)) {
                out.add(incompat);
            }
        }
        return out;
    }

    // ---- pip-like priority ------------------------------------------------------------------------------------

    /** Lower sorts first. */
    private record Priority(boolean notPinned, boolean notConflictCause, double depth, int requestedOrder,
            boolean free, String identifier) implements Comparable<Priority> {
        private static final Comparator<Priority> ORDER = Comparator.comparing(Priority::notPinned)
                .thenComparing(Priority::notConflictCause)
                .thenComparingDouble(Priority::depth)
                .thenComparingInt(Priority::requestedOrder)
                .thenComparing(Priority::free)
                .thenComparing(Priority::identifier);

        @Override
        public int compareTo(Priority o) {
            return ORDER.compare(this, o);
        }
    }

    private Priority priority(PackageKey key) {
        boolean pinned = false;
        boolean unfree = false;
        double depth = Double.POSITIVE_INFINITY;
        for (Incompatibility incompat : active(key)) {
            Incompatibility.Dependency dep = (Incompatibility.Dependency) incompat.cause();
            for (Specifier s : dep.specifier().specifiers()) {
                unfree = true;
                pinned |= s.operator() == Specifier.Operator.EQUAL || s.operator() == Specifier.Operator.ARBITRARY;
            }
            double parentDepth = dep.parent().isRoot() ? 0 : depths.getOrDefault(dep.parent(),
                    Double.POSITIVE_INFINITY);
            depth = Math.min(depth, parentDepth + 1);
        }
        int order = provider.requestedOrder(key);
        if (order >= 0) {
            depth = 1;
        }
        depths.put(key, depth);
        return new Priority(!pinned, !conflictCauses.contains(key), depth, order < 0 ? Integer.MAX_VALUE : order,
                !unfree, key.identifier());
    }
}
