package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.VerificationOptions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Backstop on sigstore-java 2.0.0: the failure messages {@link SigstoreFailures} classifies, produced by calling
 * sigstore-java directly on converted bundles (bypassing pylock-trust's own pre-checks). If an upgrade rewords them,
 * this fails instead of reasons silently degrading.
 */
class SigstoreFailuresTest {
    private static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation.json";
    private static final String SLSA = "pypi_attestations-0.0.19.tar.gz.slsa.attestation.json";
    private static final byte[] DIGEST =
            HexFormat.of().parseHex("9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3");

    private static Throwable sigstoreFailure(Attestation a) {
        return catchThrowable(() -> Fixtures.production().keylessVerifier().verify(DIGEST, SigstoreBundles.toBundle(a),
                VerificationOptions.empty()));
    }

    private static AttestationResult.Rejected classify(Throwable t) {
        return SigstoreFailures.classify(t, "root", "");
    }

    @Test
    void untouchedVerifies() {
        assertThat(sigstoreFailure(Fixtures.attestation(PUBLISH))).isNull();
    }

    @Test
    void swappedLogEntryIsCaughtOnlyThroughThePayloadHash() {
        // sigstore-java 2.0.0 never compares a Rekor v1 entry's certificate with the bundle's: LogEntryChecks does.
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).entryFrom(SLSA).attestation());
        assertThat(t).isInstanceOf(KeylessVerificationException.class)
                .hasMessage("Digest of DSSE payload in bundle does not match DSSE payload digest in log entry");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.LOG_ENTRY_MISMATCH);
    }

    @Test
    void signature() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).signatureFrom(SLSA).attestation());
        assertThat(t).hasMessage("DSSE signature was not valid");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.SIGNATURE);
    }

    @Test
    void signedEntryTimestamp() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).editEntry(e -> e.put("logIndex", "1")).attestation());
        assertThat(t).hasMessage("Transparency log entry could not be verified");
        assertThat(t.getCause()).hasMessage("Entry SET was not valid");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.SIGNED_ENTRY_TIMESTAMP);
    }

    @Test
    void inclusionProof() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).editEntry(e -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                e.get("inclusionProof")).put("logIndex", "3")).attestation());
        assertThat(t.getCause()).hasMessage("Inclusion proof verification failed");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
    }

    @Test
    void missingInclusionProofFailsInTheBundleReader() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).editEntry(e -> e.remove("inclusionProof")).attestation());
        assertThat(t).hasMessage("Could not find an inclusion proof");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
    }

    @Test
    void missingSignedEntryTimestampFailsInTheBundleBuilderWithAnUncheckedException() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).editEntry(e -> e.remove("inclusionPromise")).attestation());
        assertThat(t).isInstanceOf(IllegalStateException.class)
                .hasMessage("No timestamp verification (set, timestamp) was provided");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.SIGNED_ENTRY_TIMESTAMP);
    }

    @Test
    void checkpoint() {
        Throwable t = sigstoreFailure(Tamper.of(PUBLISH).editEntry(e -> {
            var cp = (com.fasterxml.jackson.databind.node.ObjectNode) e.path("inclusionProof").path("checkpoint");
            cp.put("envelope", cp.get("envelope").asText().replace("rekor.sigstore.dev - ", "rekor.sigstore.dev -- "));
        }).attestation());
        assertThat(t.getCause()).hasMessage("Checkpoint signature was invalid");
        assertThat(classify(t).reason()).isEqualTo(RejectionReason.CHECKPOINT);
    }

    @Test
    void unknownExceptionsAreVerificationFailedWithTheirMessage() {
        var r = classify(new KeylessVerificationException("something new"));
        assertThat(r.reason()).isEqualTo(RejectionReason.VERIFICATION_FAILED);
        assertThat(r.message()).isEqualTo("Sigstore verification failed: something new");
    }
}
