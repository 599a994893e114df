package dev.pylocktrust.attest;

import java.time.Instant;

/**
 * A genuine document that the mutation suite mutates, with what the production path needs to verify it.
 *
 * @param name for the report, e.g. {@code real provenance/sampleproject-4.0.0.tar.gz.provenance.json}
 * @param mode how the production code verifies a document of this shape
 * @param document the bytes exactly as served
 * @param distribution the file the document is about
 * @param root the trusted root it verifies under
 * @param now when it is verified
 */
record MutationSeed(String name, Mode mode, byte[] document, Distribution distribution, TrustRoot root, Instant now) {

    /** How the production code verifies a document of this shape. */
    enum Mode {
        /** A provenance object, as {@code lock} and {@code verify} verify what the index serves. */
        PROVENANCE,
        /** A bare attestation without a publisher, as {@code inspect} verifies a file. */
        ATTESTATION
    }
}
