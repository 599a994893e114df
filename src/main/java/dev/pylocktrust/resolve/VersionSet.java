package dev.pylocktrust.resolve;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A set of states of one package, over the versions the index lists for it (indices {@code 0..size-1}, ascending by
 * version) plus one extra state, "not selected" (index {@code size}).
 *
 * <p>This makes PubGrub's terms plain sets: a positive term {@code foo >=2} is the versions {@code >=2}; a negative
 * term {@code not foo >=2} is every other version <em>plus</em> "not selected". Intersection, union, complement,
 * "satisfies" (subset) and "contradicts" (disjoint) are then bit operations, exact by construction: membership
 * of each listed version was decided by {@link dev.pylocktrust.python.SpecifierSet#matches}, never by range
 * arithmetic on PEP 440's irregular ordering (local versions, post-releases, pre-release exclusions).
 */
final class VersionSet {
    private final int size;
    private final long[] words;

    private VersionSet(int size, long[] words) {
        this.size = size;
        this.words = words;
    }

    private static long[] newWords(int size) {
        return new long[(size + 1 + 63) >>> 6];
    }

    /** The empty set (a term that is never true). */
    static VersionSet empty(int size) {
        return new VersionSet(size, newWords(size));
    }

    /** Every listed version, "not selected" excluded: the positive term "any version". */
    static VersionSet allVersions(int size) {
        return of(size, i -> true);
    }

    /** Only "not selected": the negative term "not any version". */
    static VersionSet notSelected(int size) {
        long[] w = newWords(size);
        w[size >>> 6] |= 1L << (size & 63);
        return new VersionSet(size, w);
    }

    static VersionSet single(int size, int index) {
        checkIndex(size, index);
        long[] w = newWords(size);
        w[index >>> 6] |= 1L << (index & 63);
        return new VersionSet(size, w);
    }

    /** The listed versions whose index satisfies {@code member}; "not selected" excluded. */
    static VersionSet of(int size, IntPredicate member) {
        long[] w = newWords(size);
        for (int i = 0; i < size; i++) {
            if (member.test(i)) {
                w[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new VersionSet(size, w);
    }

    private static void checkIndex(int size, int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("version index " + index + " outside 0.." + (size - 1));
        }
    }

    int size() {
        return size;
    }

    boolean contains(int index) {
        checkIndex(size, index);
        return (words[index >>> 6] & (1L << (index & 63))) != 0;
    }

    /** Whether "not selected" is in the set, i.e. the term is negative. */
    boolean includesNotSelected() {
        return (words[size >>> 6] & (1L << (size & 63))) != 0;
    }

    boolean isPositive() {
        return !includesNotSelected();
    }

    boolean isEmpty() {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Every state, including "not selected": a term that is always true. */
    boolean isFull() {
        return complement().isEmpty();
    }

    VersionSet and(VersionSet o) {
        check(o);
        long[] w = new long[words.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = words[i] & o.words[i];
        }
        return new VersionSet(size, w);
    }

    VersionSet or(VersionSet o) {
        check(o);
        long[] w = new long[words.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = words[i] | o.words[i];
        }
        return new VersionSet(size, w);
    }

    VersionSet minus(VersionSet o) {
        return and(o.complement());
    }

    /** The complement over every state (versions and "not selected"): the negated term. */
    VersionSet complement() {
        long[] w = new long[words.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = ~words[i];
        }
        int bits = size + 1;
        int rest = bits & 63;
        if (rest != 0) {
            w[w.length - 1] &= (1L << rest) - 1;
        }
        return new VersionSet(size, w);
    }

    /** Only the versions (drops "not selected"). */
    VersionSet versionsOnly() {
        return and(allVersions(size));
    }

    boolean subsetOf(VersionSet o) {
        check(o);
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & ~o.words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    boolean disjoint(VersionSet o) {
        check(o);
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & o.words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Number of versions in the set ("not selected" not counted). */
    int versionCount() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (contains(i)) {
                n++;
            }
        }
        return n;
    }

    /** The highest version index in the set satisfying {@code filter}, or -1. */
    int highest(IntPredicate filter) {
        for (int i = size - 1; i >= 0; i--) {
            if (contains(i) && filter.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private void check(VersionSet o) {
        if (o.size != size) {
            throw new IllegalArgumentException("version sets over different universes: " + size + " vs " + o.size);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionSet v && v.size == size && Arrays.equals(words, v.words);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (contains(i)) {
                sb.append(sb.length() > 1 ? "," : "").append(i);
            }
        }
        if (includesNotSelected()) {
            sb.append(sb.length() > 1 ? "," : "").append("none");
        }
        return sb.append('}').toString();
    }
}
