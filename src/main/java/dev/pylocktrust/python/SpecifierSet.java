package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A comma-separated conjunction of {@link Specifier}s ({@code >=1.0,<2,!=1.5.*}). The empty set matches every
 * version.
 *
 * <p>Pre-releases (including dev releases) are excluded unless the caller allows them or one clause names a
 * pre-release ({@code >=2.0b1}); {@link #filter(Collection)} also returns them when nothing else matches (PEP 440's
 * "only if no final release satisfies" rule).
 */
public final class SpecifierSet {
    /** Far above any real {@code Requires-Python} or requirement, far below what would make matching costly. */
    static final int MAX_LENGTH = 4096;
    static final int MAX_CLAUSES = 128;
    private static final String WHAT = "specifier set";
    private static final SpecifierSet EMPTY = new SpecifierSet(List.of());

    private final List<Specifier> specifiers;

    private SpecifierSet(List<Specifier> specifiers) {
        this.specifiers = List.copyOf(specifiers);
    }

    /** The set that matches every version. */
    public static SpecifierSet empty() {
        return EMPTY;
    }

    /** A set of already-parsed clauses. */
    public static SpecifierSet of(Collection<Specifier> specifiers) {
        return specifiers.isEmpty() ? EMPTY : new SpecifierSet(new ArrayList<>(specifiers));
    }

    /**
     * Parses {@code >=1.0, <2}. Whitespace around clauses is ignored; empty clauses (a trailing comma) are skipped,
     * as packaging does; an all-blank string is the empty set.
     *
     * @throws InvalidSpecException naming the clause that failed
     */
    public static SpecifierSet parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSpecException(WHAT, text, "is longer than " + MAX_LENGTH + " characters");
        }
        List<Specifier> list = new ArrayList<>();
        for (String clause : text.split(",", -1)) {
            if (Inputs.stripPythonSpace(clause).isEmpty()) {
                continue;
            }
            if (list.size() == MAX_CLAUSES) {
                throw new InvalidSpecException(WHAT, text, "has more than " + MAX_CLAUSES + " clauses");
            }
            list.add(Inputs.parsePart(WHAT, text, "clause", Inputs.stripPythonSpace(clause), Specifier::parse));
        }
        return of(list);
    }

    public List<Specifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /** Whether any clause names a pre-release ({@link Specifier#impliesPrereleases()}). */
    public boolean impliesPrereleases() {
        return specifiers.stream().anyMatch(Specifier::impliesPrereleases);
    }

    /** Every clause matches (no pre-release policy). */
    public boolean matches(Version candidate) {
        Objects.requireNonNull(candidate, "candidate");
        return specifiers.stream().allMatch(s -> s.matches(candidate));
    }

    /**
     * Whether {@code candidate} satisfies every clause; a pre-release only if {@code allowPrereleases} or a clause
     * names a pre-release.
     */
    public boolean contains(Version candidate, boolean allowPrereleases) {
        if (candidate.isPrerelease() && !allowPrereleases && !impliesPrereleases()) {
            return false;
        }
        return matches(candidate);
    }

    /**
     * Matches a version string as written ({@code ===} compares it verbatim; other clauses never match a
     * non-PEP 440 string; the empty set matches anything).
     */
    public boolean contains(String candidate, boolean allowPrereleases) {
        Objects.requireNonNull(candidate, "candidate");
        Optional<Version> parsed = Version.tryParse(candidate);
        if (parsed.isPresent() && parsed.get().isPrerelease() && !allowPrereleases && !impliesPrereleases()) {
            return false;
        }
        return specifiers.stream().allMatch(s -> s.matches(candidate));
    }

    /**
     * The matching versions, in input order, with PEP 440's default pre-release handling: final releases only,
     * unless a clause names a pre-release (then all matches) or no final release matches (then the matching
     * pre-releases).
     */
    public List<Version> filter(Collection<Version> candidates) {
        return filter(candidates, Function.identity());
    }

    /** {@link #filter(Collection)} for any item that carries a version (a file, a release). */
    public <T> List<T> filter(Collection<T> candidates, Function<? super T, Version> versionOf) {
        List<T> matching = candidates.stream().filter(c -> matches(versionOf.apply(c))).collect(Collectors.toList());
        if (impliesPrereleases()) {
            return List.copyOf(matching);
        }
        List<T> finals = matching.stream().filter(c -> !versionOf.apply(c).isPrerelease())
                .collect(Collectors.toList());
        return List.copyOf(finals.isEmpty() ? matching : finals);
    }

    /** The matching versions, in input order; pre-releases only if allowed or named by a clause. */
    public List<Version> filter(Collection<Version> candidates, boolean allowPrereleases) {
        return candidates.stream().filter(v -> contains(v, allowPrereleases)).collect(Collectors.toUnmodifiableList());
    }

    /** Both sets' clauses together. */
    public SpecifierSet and(SpecifierSet other) {
        List<Specifier> all = new ArrayList<>(specifiers);
        all.addAll(other.specifiers);
        return of(all);
    }

    /** Equal if the same clauses, in any order ({@code >=1,<2} equals {@code <2, >=1.0}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet && new HashSet<>(specifiers)
                .equals(new HashSet<>(((SpecifierSet) o).specifiers));
    }

    @Override
    public int hashCode() {
        return new HashSet<>(specifiers).hashCode();
    }

    /** The distinct clauses sorted by text and joined with {@code ,} ({@code !=1.0.1,>=1.0.0}); empty for the empty set. */
    @Override
    public String toString() {
        return new LinkedHashSet<>(specifiers).stream().map(Specifier::toString).sorted()
                .collect(Collectors.joining(","));
    }
}
