package dev.pylocktrust.policy;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.ProblemListException;
import dev.pylocktrust.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every hash a lock records for a file is a promise about its bytes, and installers accept a file when any one of
 * them matches (pip does): an extra algorithm is an alternative file. So every recorded hash must be checked against
 * the same file; one that cannot be checked fails closed. Pure.
 *
 * <p>What counts as a check: the file's bytes ({@code verify --wheelhouse}). The sha256 is also bound by the file's
 * attestation; another algorithm is not, so an index that lists the same digest as the lock confirms nothing (a
 * hostile index and a hostile lock edit can agree): only the bytes can. An index that lists another digest
 * contradicts the lock, which is a failure all the same.
 */
public final class HashRule {
    private HashRule() {}

    /** What is wrong with one recorded hash. */
    public sealed interface Problem {
        String algorithm();

        /** The observed bytes (or the index's listing) have another digest. */
        record Changed(String algorithm, String locked, String observed) implements Problem {}

        /** Nothing observed can confirm this algorithm (the index does not list it, the JDK cannot compute it). */
        record Unverifiable(String algorithm) implements Problem {}
    }

    /** Where the observed digests come from. */
    public enum Source {
        /** Computed from the file's bytes: a match confirms the hash. */
        BYTES,
        /** The index's listing of the file (found there by its attested sha256): only a mismatch means anything. */
        LISTING,
        /** Another lock's record of the same file ({@code diff}): any difference is a change. */
        LOCK
    }

    /**
     * @param locked the lock's hashes for the file (algorithm names lower case)
     * @param observed the digests known for the same file, by lower-case algorithm
     * @param source where {@code observed} comes from
     * @return one problem per recorded hash that does not hold, in the lock's order
     */
    public static List<Problem> check(Map<String, String> locked, Map<String, String> observed, Source source) {
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(source, "source");
        List<Problem> out = new ArrayList<>();
        for (Map.Entry<String, String> e : locked.entrySet()) {
            String algorithm = Ascii.toLowerCase(e.getKey());
            Optional<String> seen = Optional.ofNullable(observed.get(algorithm));
            if (seen.isPresent() && !Ascii.equalsIgnoreCase(seen.get(), e.getValue())) {
                out.add(new Problem.Changed(algorithm, e.getValue(), seen.get()));
            } else if (seen.isEmpty() || source == Source.LISTING && !algorithm.equals("sha256")) {
                out.add(new Problem.Unverifiable(algorithm));
            }
        }
        return out;
    }

    /**
     * The trust failure for a recorded hash that what was observed contradicts.
     *
     * @param label {@code name version}
     * @param observedBy where the other digest comes from, e.g. {@code the index lists}
     */
    public static Finding changed(String name, String label, String filename, Problem.Changed c, String observedBy,
                                  Optional<SourceLocation> at) {
        return Finding.of(FindingCode.HASH_CHANGED, name, Optional.of(filename), label + ": the lock has "
                        + c.algorithm() + " " + c.locked() + " for " + filename + ", but " + observedBy + " "
                        + c.observed(), "an installer accepts a file when any one of its hashes matches, so this "
                        + c.algorithm() + " stands for other bytes than the verified file",
                "do not install it; restore the lock's hashes from version control, or lock again and review the "
                        + "change", at);
    }

    /**
     * The input error for recorded hashes that nothing can check (exit 2: failing closed).
     *
     * @param what one line per hash, e.g. {@code pylock.toml:12: foo: foo-1.0.tar.gz: sha512}
     * @param how what would check them
     */
    public static UsageException unverifiable(List<String> what, String how) {
        return new ProblemListException("the lock records hashes that cannot be checked:", what,
                "an installer accepts a file when any one of its hashes matches, so every hash must be checked; "
                        + "remove hashes other than sha256 (sha256 is enough), or " + how);
    }
}
