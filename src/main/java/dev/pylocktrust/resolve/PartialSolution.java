package dev.pylocktrust.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PubGrub's partial solution: the ordered list of decisions (one version chosen for a package) and derivations
 * (terms implied by incompatibilities), each with its decision level. The root's decision has level 0; each later
 * decision opens the next level.
 */
final class PartialSolution {

    /**
     * One assignment.
     *
     * @param accumulated the intersection of this package's assignments up to and including this one
     * @param cause the incompatibility it was derived from; null for a decision
     */
    record Assignment(int index, Term term, int level, Incompatibility cause, VersionSet accumulated) {
        boolean isDecision() {
            return cause == null;
        }

        PackageKey key() {
            return term.key();
        }
    }

    /** How an incompatibility relates to the partial solution. */
    enum Relation { SATISFIED, ALMOST_SATISFIED, CONTRADICTED, INCONCLUSIVE }

    private final List<Assignment> assignments = new ArrayList<>();
    private final Map<PackageKey, List<Assignment>> byPackage = new HashMap<>();
    private final Map<PackageKey, Integer> decisions = new LinkedHashMap<>();
    private int level;

    int level() {
        return level;
    }

    /** Selects version {@code index} of {@code key}: a decision, opening a new level (except the root's). */
    void decide(PackageKey key, int index, int universeSize) {
        if (!key.isRoot()) {
            level++;
        }
        decisions.put(key, index);
        add(Term.positive(key, VersionSet.single(universeSize, index), null), null);
    }

    /** Adds {@code term}, implied by {@code cause}. */
    void derive(Term term, Incompatibility cause) {
        add(term, cause);
    }

    private void add(Term term, Incompatibility cause) {
        List<Assignment> list = byPackage.computeIfAbsent(term.key(), k -> new ArrayList<>());
        VersionSet acc = list.isEmpty() ? term.set() : list.get(list.size() - 1).accumulated().and(term.set());
        Assignment a = new Assignment(assignments.size(), term, level, cause, acc);
        assignments.add(a);
        list.add(a);
    }

    /** The intersection of every assignment on {@code key}, or null if there is none (anything goes). */
    VersionSet accumulated(PackageKey key) {
        List<Assignment> list = byPackage.get(key);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1).accumulated();
    }

    /** The decided version index of {@code key}, or -1. */
    int decision(PackageKey key) {
        Integer i = decisions.get(key);
        return i == null ? -1 : i;
    }

    Map<PackageKey, Integer> decisions() {
        return decisions;
    }

    /** Packages with a positive derivation and no decision yet: those that still need a version. */
    List<PackageKey> undecidedRequired() {
        List<PackageKey> out = new ArrayList<>();
        for (Map.Entry<PackageKey, List<Assignment>> e : byPackage.entrySet()) {
            List<Assignment> list = e.getValue();
            if (!list.isEmpty() && !decisions.containsKey(e.getKey())
                    && list.get(list.size() - 1).accumulated().isPositive()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The states {@code key} may still take: the intersection of its assignments, or every state (the full set of
     * {@code like}'s universe) when it has none.
     */
    private VersionSet statesOf(Term like) {
        VersionSet acc = accumulated(like.key());
        return acc != null ? acc : VersionSet.empty(like.set().size()).complement();
    }

    /** Relation of {@code incompat} to the current assignments; see {@link #unsatisfiedTerm}. */
    Relation relation(Incompatibility incompat) {
        int inconclusive = 0;
        for (Term t : incompat.terms()) {
            VersionSet states = statesOf(t);
            if (t.contradictedBy(states)) {
                return Relation.CONTRADICTED;
            }
            if (!t.satisfiedBy(states)) {
                inconclusive++;
            }
        }
        return inconclusive == 0 ? Relation.SATISFIED
                : inconclusive == 1 ? Relation.ALMOST_SATISFIED : Relation.INCONCLUSIVE;
    }

    /** Whether every term except {@code except}'s is satisfied. */
    boolean satisfiedExcept(Incompatibility incompat, PackageKey except) {
        for (Term t : incompat.terms()) {
            if (!t.key().equals(except) && !t.satisfiedBy(statesOf(t))) {
                return false;
            }
        }
        return true;
    }

    /** For an almost satisfied incompatibility, the one term that is not yet satisfied. */
    Term unsatisfiedTerm(Incompatibility incompat) {
        for (Term t : incompat.terms()) {
            if (!t.satisfiedBy(statesOf(t))) {
                return t;
            }
        }
        throw new IllegalStateException("incompatibility is satisfied: " + incompat);
    }

    /** The result of searching for the assignment that completes the satisfaction of an incompatibility. */
    record Satisfier(Assignment satisfier, Term term, int previousLevel) {}

    /**
     * Finds the earliest assignment after which {@code incompat} is satisfied (the satisfier), and the decision level
     * of the earliest assignment before it that, together with the satisfier, still satisfies it (0 if none).
     */
    Satisfier findSatisfier(Incompatibility incompat) {
        Assignment satisfier = null;
        Term satisfierTerm = null;
        Map<PackageKey, Assignment> earliest = new HashMap<>();
        for (Term t : incompat.terms()) {
            if (t.set().isFull()) {
                continue; // always true: satisfied before any assignment
            }
            Assignment a = earliestSatisfying(t);
            earliest.put(t.key(), a);
            if (satisfier == null || a.index() > satisfier.index()) {
                satisfier = a;
                satisfierTerm = t;
            }
        }
        int previousIndex = -1;
        for (Map.Entry<PackageKey, Assignment> e : earliest.entrySet()) {
            if (!e.getKey().equals(satisfier.key())) {
                previousIndex = Math.max(previousIndex, e.getValue().index());
            }
        }
        if (!satisfier.term().set().subsetOf(satisfierTerm.set())) {
            // The satisfier needs an earlier assignment on its own package to satisfy the term.
            for (Assignment a : byPackage.get(satisfier.key())) {
                if (a.index() >= satisfier.index()) {
                    break;
                }
                if (a.accumulated().and(satisfier.term().set()).subsetOf(satisfierTerm.set())) {
                    previousIndex = Math.max(previousIndex, a.index());
                    break;
                }
            }
        }
        int previousLevel = previousIndex < 0 ? 0 : assignments.get(previousIndex).level();
        return new Satisfier(satisfier, satisfierTerm, previousLevel);
    }

    private Assignment earliestSatisfying(Term t) {
        List<Assignment> list = byPackage.get(t.key());
        if (list != null) {
            for (Assignment a : list) {
                if (t.satisfiedBy(a.accumulated())) {
                    return a;
                }
            }
        }
        throw new IllegalStateException("term " + t + " is not satisfied by the partial solution");
    }

    /** Removes every assignment above decision level {@code target}. */
    void backtrack(int target) {
        while (!assignments.isEmpty() && assignments.get(assignments.size() - 1).level() > target) {
            Assignment a = assignments.remove(assignments.size() - 1);
            List<Assignment> list = byPackage.get(a.key());
            list.remove(list.size() - 1);
            if (list.isEmpty()) {
                byPackage.remove(a.key());
            }
            if (a.isDecision()) {
                decisions.remove(a.key());
            }
        }
        level = target;
    }
}
