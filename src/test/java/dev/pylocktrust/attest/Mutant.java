package dev.pylocktrust.attest;

import java.util.function.Supplier;

/**
 * One mutated document, built on demand: what was changed (for the report), what the production path must make of
 * it, and the distribution and trusted root it is verified against (usually the seed's own).
 *
 * @param mutationClass the row of the report, e.g. {@code byte: signature}
 * @param description the exact change, enough to rebuild the mutant by hand
 * @param expectation what the verdict must be
 * @param document builds the mutated document bytes
 * @param distribution the file the document is verified for
 * @param root the trusted root it is verified under
 */
record Mutant(String mutationClass, String description, Expectation expectation, Supplier<byte[]> document,
              Distribution distribution, TrustRoot root) {

    /** What a mutant's verdict must be. Whatever the expectation, an accepted mutant never proves more than its seed. */
    enum Expectation {
        /** Changes bytes that a signature, a digest or an identity check covers: must be rejected. */
        REJECTED,
        /** Changes only the spelling of the same content: must verify with exactly the seed's result. */
        NEUTRAL,
        /** May or may not be the same content (e.g. an encoding variant one consumer tolerates): rejected or exact. */
        REJECTED_OR_IDENTICAL,
        /**
         * May leave the certified identity unchanged (an ignored key, a repository name's case, an identity key only
         * the index asserts): rejected, or verified proving nothing the seed does not.
         */
        REJECTED_OR_EQUIVALENT
    }
}
