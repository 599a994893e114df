package dev.pylocktrust.resolve;

import java.util.Objects;

/**
 * A PubGrub term: a statement about one package that a selection makes true or false ({@code foo >=2} is true when
 * foo 2.1 is selected; {@code not foo >=2} is true when foo 1.0 is selected or foo is not selected at all).
 *
 * @param key the package
 * @param set the states that make the term true (see {@link VersionSet}); a term is positive unless the set
 *     includes "not selected"
 * @param label how to print {@link #versions()} when it is exactly what a requirement wrote (e.g. {@code >=2}),
 *     else null and the versions are printed from the set
 */
record Term(PackageKey key, VersionSet set, String label) {

    Term {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(set, "set");
    }

    static Term positive(PackageKey key, VersionSet versions, String label) {
        return new Term(key, versions.versionsOnly(), label);
    }

    static Term negative(PackageKey key, VersionSet versions, String label) {
        return new Term(key, versions.versionsOnly().complement(), label);
    }

    boolean isPositive() {
        return set.isPositive();
    }

    /** The versions V such that this term reads "key in V" (positive) or "key not in V" (negative). */
    VersionSet versions() {
        return isPositive() ? set : set.complement().versionsOnly();
    }

    Term negate() {
        return new Term(key, set.complement(), label);
    }

    Term intersect(Term o) {
        return combine(o, set.and(o.set));
    }

    Term union(Term o) {
        return combine(o, set.or(o.set));
    }

    private Term combine(Term o, VersionSet result) {
        String l = result.equals(set) ? label : result.equals(o.set) ? o.label : null;
        return new Term(key, result, l);
    }

    /** Whether every state in {@code states} makes this term true. */
    boolean satisfiedBy(VersionSet states) {
        return states.subsetOf(set);
    }

    /** Whether no state in {@code states} makes this term true. */
    boolean contradictedBy(VersionSet states) {
        return states.disjoint(set);
    }

    @Override
    public String toString() {
        return (isPositive() ? "" : "not ") + key + " " + (label != null ? label : versions().toString());
    }
}
