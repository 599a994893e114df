package dev.pylocktrust.python;

import java.util.Objects;

/**
 * The pre-release segment of a {@link Version}: a normalized label ({@code a}, {@code b} or {@code rc}) and its
 * number ({@code 1.0a1} has {@code ("a", 1)}; the spellings {@code alpha}, {@code beta}, {@code c}, {@code pre},
 * {@code preview} normalize to these three).
 */
public record PreRelease(String label, long number) implements Comparable<PreRelease> {
    public PreRelease {
        Objects.requireNonNull(label, "label");
        if (rank(label) < 0) {
            throw new IllegalArgumentException("pre-release label must be a, b or rc, not '" + label + "'");
        }
        if (number < 0) {
            throw new IllegalArgumentException("pre-release number must not be negative: " + number);
        }
    }

    /** Position in the ordering a &lt; b &lt; rc (0, 1, 2). */
    public int rank() {
        return rank(label);
    }

    private static int rank(String label) {
        switch (label) {
            case "a":
                return 0;
            case "b":
                return 1;
            case "rc":
                return 2;
            default:
                return -1;
        }
    }

    /** Maps any PEP 440 spelling (case-insensitive) to its normalized label, or null if it is not one. */
    static String normalizeLabel(String spelling) {
        switch (spelling.toLowerCase(java.util.Locale.ROOT)) {
            case "a":
            case "alpha":
                return "a";
            case "b":
            case "beta":
                return "b";
            case "c":
            case "rc":
            case "pre":
            case "preview":
                return "rc";
            default:
                return null;
        }
    }

    @Override
    public int compareTo(PreRelease other) {
        int c = Integer.compare(rank(), other.rank());
        return c != 0 ? c : Long.compare(number, other.number);
    }

    @Override
    public String toString() {
        return label + number;
    }
}
