package dev.pylocktrust.testkit.index;

/**
 * Makes the provenance document served for a file. The index layer treats provenance as opaque JSON, so index
 * tests use {@link FakeProvenance}; end-to-end tests plug in the test Sigstore, which mints real attestations.
 */
@FunctionalInterface
public interface ProvenanceMinter {
    /** The provenance JSON for the file with this name and sha256 (lower-case hex), published by {@code identity}. */
    byte[] provenanceFor(String filename, String sha256Hex, IdentitySpec identity);
}
