package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Version;
import dev.pylocktrust.resolve.Incompatibility.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Words for terms and incompatibilities in failure explanations: {@code b>=1.5} as the requirement wrote it,
 * {@code a 2.0} for one version, {@code a>=2.0,<=2.4} for a run of listed versions, {@code every version of a}.
 */
final class TermFormatter {
    private final Function<PackageKey, List<Version>> universe;

    /** @param universe the listed versions of a package, ascending (the index space of its version sets) */
    TermFormatter(Function<PackageKey, List<Version>> universe) {
        this.universe = universe;
    }

    /** {@code name} plus the versions of {@code t} ({@code a 1.0}, {@code b>=1.5}, {@code every version of a}). */
    String term(Term t) {
        String versions = versions(t.key(), t.versions(), t.label());
        if (versions.isEmpty()) {
            return "every version of " + t.key();
        }
        return t.key() + versions;
    }

    /** A package requirement: {@code b>=1.5}, {@code b} for any version. */
    String requirement(Term t) {
        return t.key() + versions(t.key(), t.versions(), t.label());
    }

    /** A dependency's requirement, saying so when nothing on the index can satisfy it. */
    private String required(Term child) {
        String required = requirement(child);
        if (universe.apply(child.key()).isEmpty()) {
            return required + " (not on the index)";
        }
        boolean explained = child.label() != null && child.label().endsWith(")");
        return child.versions().isEmpty() && !explained ? required + " (no version of " + child.key() + " matches)"
                : required;
    }

    /**
     * The versions part, with its leading separator: {@code >=1.5} (attached) or {@code  1.0} (spaced); empty for
     * every version.
     */
    String versions(PackageKey key, VersionSet set, String label) {
        if (label != null) {
            return label;
        }
        List<Version> all = universe.apply(key);
        if (set.versionCount() == all.size()) {
            return "";
        }
        if (set.versionCount() == 0) {
            return " (no version)";
        }
        List<String> pieces = new ArrayList<>();
        boolean spaced = false;
        int i = 0;
        int n = all.size();
        while (i < n) {
            if (!set.contains(i)) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && set.contains(j + 1)) {
                j++;
            }
            if (i == j) {
                pieces.add(all.get(i).toString());
                spaced = true;
            } else if (i == 0) {
                pieces.add("<=" + all.get(j));
            } else if (j == n - 1) {
                pieces.add(">=" + all.get(i));
            } else {
                pieces.add(">=" + all.get(i) + ",<=" + all.get(j));
            }
            i = j + 1;
        }
        String joined = pieces.size() == 1 ? pieces.get(0)
                : String.join(", ", pieces.subList(0, pieces.size() - 1)) + " or " + pieces.get(pieces.size() - 1);
        return spaced || pieces.size() > 1 ? " " + joined : joined;
    }

    /** One incompatibility as a clause ("a 2.0 depends on b<1", "a>=2.0 cannot be used"). */
    String describe(Incompatibility incompat) {
        Cause cause = incompat.cause();
        List<Term> terms = incompat.terms();
        if (cause instanceof Incompatibility.Dependency dep) {
            Term parent = incompat.term(dep.parent());
            Term child = incompat.term(dep.child());
            String required = required(child);
            if (dep.parent().isRoot()) {
                return dep.origin().requirer() + " " + required;
            }
            return term(parent) + " depends on " + required;
        }
        if (cause instanceof Incompatibility.NoVersions none) {
            Term t = terms.get(0);
            if (universe.apply(t.key()).isEmpty()) {
                return "the index has no release of " + t.key().base();
            }
            String versions = versions(t.key(), t.versions(), t.label());
            String head = versions.isEmpty() ? "no version of " + t.key() + " can be used"
                    : t.versions().versionCount() == 1 ? t.key() + versions + " cannot be used"
                    : "no usable version of " + t.key() + " matches " + versions.strip();
            return none.detail().isEmpty() ? head : head + " (" + none.detail() + ")";
        }
        if (cause instanceof Incompatibility.Unavailable unavailable) {
            return term(terms.get(0)) + " " + unavailable.reason();
        }
        if (cause instanceof Incompatibility.Constraint constraint) {
            return "your constraint " + constraint.constraint() + " excludes " + term(terms.get(0));
        }
        if (cause instanceof Incompatibility.Root) {
            return "the root must be selected";
        }
        return describeDerived(terms);
    }

    /**
     * Two incompatibilities joined with "and", shortened where that reads better: two requirements of the same
     * origin ("you require both a and b"), or a chain ("a depends on b which depends on c").
     */
    String describeBoth(Incompatibility x, Incompatibility y) {
        if (x.cause() instanceof Incompatibility.Root) {
            return describe(y);
        }
        if (y.cause() instanceof Incompatibility.Root) {
            return describe(x);
        }
        if (x.cause() instanceof Incompatibility.Dependency dx && y.cause() instanceof Incompatibility.Dependency dy) {
            if (dx.parent().isRoot() && dy.parent().isRoot() && dx.origin().equals(dy.origin())) {
                return dx.origin().requirer() + " both " + requirement(x.term(dx.child())) + " and "
                        + requirement(y.term(dy.child()));
            }
            String chain = chain(x, dx, y, dy);
            if (chain == null) {
                chain = chain(y, dy, x, dx);
            }
            if (chain != null) {
                return chain;
            }
        }
        return describe(x) + " and " + describe(y);
    }

    /** "P depends on Q which depends on R" when every version of Q that P allows depends on R; else null. */
    private String chain(Incompatibility first, Incompatibility.Dependency d1, Incompatibility second,
            Incompatibility.Dependency d2) {
        if (d1.parent().isRoot() || !d1.child().equals(d2.parent())) {
            return null;
        }
        Term allowed = first.term(d1.child());
        Term depender = second.term(d2.parent());
        if (!allowed.versions().subsetOf(depender.versions())) {
            return null;
        }
        return describe(first) + " which depends on " + required(second.term(d2.child()));
    }

    private String describeDerived(List<Term> terms) {
        if (terms.isEmpty() || (terms.size() == 1 && terms.get(0).key().isRoot())) {
            return "your requirements cannot be satisfied";
        }
        List<Term> positive = terms.stream().filter(Term::isPositive).toList();
        List<Term> negative = terms.stream().filter(t -> !t.isPositive()).toList();
        if (terms.size() == 1) {
            Term t = terms.get(0);
            if (t.isPositive()) {
                String v = versions(t.key(), t.versions(), t.label());
                return v.isEmpty() ? "no version of " + t.key() + " can be used" : t.key() + v + " cannot be used";
            }
            return requirement(t) + " is required";
        }
        if (positive.size() == 1) {
            return term(positive.get(0)) + " requires " + joinRequirements(negative, " or ");
        }
        if (negative.isEmpty()) {
            return joinTerms(positive, " and ") + " are incompatible";
        }
        if (positive.isEmpty()) {
            return joinRequirements(negative, " or ") + " is required";
        }
        return joinTerms(positive, " and ") + " together require " + joinRequirements(negative, " or ");
    }

    private String joinTerms(List<Term> terms, String last) {
        return join(terms.stream().map(this::term).toList(), last);
    }

    private String joinRequirements(List<Term> terms, String last) {
        return join(terms.stream().map(this::requirement).toList(), last);
    }

    private static String join(List<String> parts, String last) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + last + parts.get(parts.size() - 1);
    }
}
