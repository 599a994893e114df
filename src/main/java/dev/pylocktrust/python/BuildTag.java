package dev.pylocktrust.python;

import java.util.Comparator;
import java.util.Objects;

/**
 * A wheel's optional build tag ({@code foo-1.0-2abc-py3-none-any.whl} has {@code (2, "abc")}): a number, then any
 * suffix. Used as a tie-breaker between wheels of the same version, and part of the PEP 740 filename comparison.
 */
public record BuildTag(long number, String suffix) implements Comparable<BuildTag> {
    private static final Comparator<BuildTag> ORDER =
            Comparator.comparingLong(BuildTag::number).thenComparing(BuildTag::suffix);

    public BuildTag {
        Objects.requireNonNull(suffix, "suffix");
        if (number < 0) {
            throw new IllegalArgumentException("build number must not be negative: " + number);
        }
    }

    @Override
    public int compareTo(BuildTag o) {
        return ORDER.compare(this, o);
    }

    /** The tag as a filename writes it, with the number normalized ({@code 007a} becomes {@code 7a}). */
    @Override
    public String toString() {
        return number + suffix;
    }
}
