package dev.pylocktrust.resolve;

import dev.pylocktrust.python.SpecifierSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of terms that must not all be true: PubGrub's clause. Either an external fact (a dependency, a version
 * that cannot be used, a constraint) or derived from two others during conflict resolution, which is what makes
 * failures explainable: the derivation graph of the final incompatibility is the proof printed to the user.
 */
final class Incompatibility {
    private final List<Term> terms;
    private final Cause cause;

    Incompatibility(List<Term> terms, Cause cause) {
        this.terms = List.copyOf(terms);
        this.cause = Objects.requireNonNull(cause, "cause");
        long distinct = this.terms.stream().map(Term::key).distinct().count();
        if (distinct != this.terms.size()) {
            throw new IllegalArgumentException("two terms for one package: " + terms);
        }
    }

    /** Why an incompatibility holds. */
    sealed interface Cause permits Root, Dependency, NoVersions, Unavailable, Constraint, Derived {}

    /** {@code {not root}}: the root must be selected. */
    record Root() implements Cause {}

    /**
     * {@code {parent in P, not child in S}}: the parent's versions P depend on the child in S.
     *
     * @param specifier the requirement's specifier as written (for pip-like ordering and pre-release rules)
     * @param origin for the root's requirements, where they came from; else null
     */
    record Dependency(PackageKey parent, PackageKey child, SpecifierSet specifier, Origin origin) implements Cause {}

    /** {@code {p in S}}: no usable version of p in S; {@code detail} says why listed ones cannot be used. */
    record NoVersions(String detail) implements Cause {}

    /** {@code {p in S}}: these versions cannot be used, for {@code reason} (e.g. their Requires-Python). */
    record Unavailable(String reason) implements Cause {}

    /** {@code {p in S}}: the user's constraint excludes S. */
    record Constraint(String constraint) implements Cause {}

    /** Derived by resolution from two incompatibilities. */
    record Derived(Incompatibility cause1, Incompatibility cause2) implements Cause {}

    List<Term> terms() {
        return terms;
    }

    Cause cause() {
        return cause;
    }

    boolean isDerived() {
        return cause instanceof Derived;
    }

    Term term(PackageKey key) {
        for (Term t : terms) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        return null;
    }

    /** The root-only incompatibility {@code {root}} (or no terms at all): version solving failed. */
    boolean isFailure() {
        return terms.isEmpty() || (terms.size() == 1 && terms.get(0).key().isRoot() && terms.get(0).isPositive());
    }

    /**
     * Generalized resolution (PubGrub's "prior cause"): from {@code {t1, q}} and {@code {t2, r}} on pivot package p,
     * derive {@code {q ∩ r, t1 ∪ t2}}, dropping {@code t1 ∪ t2} when it is always true.
     */
    static Incompatibility priorCause(Incompatibility incompat, Incompatibility satisfierCause, PackageKey pivot) {
        Map<PackageKey, Term> merged = new LinkedHashMap<>();
        for (Term t : incompat.terms) {
            if (!t.key().equals(pivot)) {
                merged.put(t.key(), t);
            }
        }
        for (Term t : satisfierCause.terms) {
            if (!t.key().equals(pivot)) {
                merged.merge(t.key(), t, Term::intersect);
            }
        }
        merged.put(pivot, incompat.term(pivot).union(satisfierCause.term(pivot)));
        // A term that is always true adds nothing to a conjunction.
        merged.values().removeIf(t -> t.set().isFull());
        return new Incompatibility(normalizeDerived(new ArrayList<>(merged.values())),
                new Derived(incompat, satisfierCause));
    }

    /** A derived incompatibility with several terms drops a positive root term (it is always satisfied). */
    private static List<Term> normalizeDerived(List<Term> terms) {
        if (terms.size() > 1) {
            terms.removeIf(t -> t.key().isRoot() && t.isPositive());
        }
        return Collections.unmodifiableList(terms);
    }

    @Override
    public String toString() {
        return terms + " (" + cause.getClass().getSimpleName() + ")";
    }
}
