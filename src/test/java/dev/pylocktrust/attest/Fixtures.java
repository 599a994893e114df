package dev.pylocktrust.attest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Access to the real fixture corpus on the test classpath ({@code src/test/resources/fixtures}). */
final class Fixtures {
    /** A fixed "now" for every test: after every fixture was signed. */
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static final class Roots {
        static final TrustRoot STAGING = TrustRoot.fromBytes(bytes("trust/staging.trusted_root.json"),
                "Sigstore staging root (test fixture)", java.util.Optional.empty());
    }

    private Fixtures() {}

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Attestation attestation(String name) {
        return Attestation.parse(bytes("attestations/" + name));
    }

    static Provenance provenance(String name) {
        return Provenance.parse(bytes("provenance/" + name));
    }

    static Distribution dist(String filename) {
        return Distribution.of(filename, bytes("dists/" + filename));
    }

    static TrustRoot production() {
        return TrustRoot.embeddedProduction();
    }

    static TrustRoot staging() {
        return Roots.STAGING;
    }
}
