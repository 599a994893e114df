package dev.pylocktrust.testkit;

import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.Provenance;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The production verification path ({@code dev.pylocktrust.attest}: provenance parsing, {@code ProvenanceVerifier},
 * {@code AttestationVerifier} with sigstore-java inside) applied to minted documents, exactly as {@code inspect}
 * and {@code verify} apply it to what PyPI serves.
 */
final class ProductionPath {

    private final ProvenanceVerifier verifier;

    private ProductionPath(TrustRoot trustRoot) {
        this.verifier = new ProvenanceVerifier(trustRoot);
    }

    /** Trusting exactly {@code trustedRootJson} (e.g. {@link TestSigstore#trustedRootJson()}). */
    static ProductionPath trusting(byte[] trustedRootJson) {
        return new ProductionPath(TrustRoot.fromBytes(trustedRootJson, "test Sigstore root", Optional.empty()));
    }

    /** Trusting the root in a file, loaded as {@code --trusted-root FILE} loads it. */
    static ProductionPath trusting(Path trustedRootFile) {
        return new ProductionPath(TrustRoot.fromFile(trustedRootFile));
    }

    /** Trusting the Sigstore production root embedded in the jar (the default). */
    static ProductionPath embeddedProduction() {
        return new ProductionPath(TrustRoot.embeddedProduction());
    }

    /** The verdict on {@code minted}'s own provenance, for the file and digest it was minted for, at {@code now}. */
    AttestationResult verify(Minted minted, Instant now) {
        return verify(minted.provenanceJson(), new Distribution(minted.filename(), minted.request().sha256Hex()), now);
    }

    /** The verdict on the single attestation of a single-bundle provenance document. */
    AttestationResult verify(byte[] provenanceJson, Distribution distribution, Instant now) {
        ProvenanceResult result = verifyAll(provenanceJson, distribution, now);
        if (result.results().size() != 1) {
            throw new AssertionError("expected one attestation, got " + result.results().size());
        }
        return result.results().get(0).result();
    }

    ProvenanceResult verifyAll(byte[] provenanceJson, Distribution distribution, Instant now) {
        return verifier.verify(Provenance.parse(provenanceJson), distribution, now);
    }
}
