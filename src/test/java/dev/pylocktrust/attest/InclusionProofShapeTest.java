package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.VerificationOptions;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The inclusion proof is bound to the index and tree size it claims. Each case here is a mutant the mutation suite
 * found sigstore-java 2.0.0 accepting (the backstop assertions pin that, so an upgrade that fixes it shows up).
 */
class InclusionProofShapeTest {
    private static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation.json";
    private static final String REKOR_V2 =
            "variants/pypi_attestations-0.0.19.tar.gz.publish.staging-rekor-v2+rfc3161-timestamp.attestation.json";
    private static final String DIST = "pypi_attestations-0.0.19.tar.gz";

    private static AttestationResult.Rejected rejected(Attestation a, TrustRoot root) {
        AttestationResult r = new AttestationVerifier(root).verify(a, Optional.empty(),
                Optional.of(Fixtures.dist(DIST)), Fixtures.NOW);
        assertThat(r).isInstanceOf(AttestationResult.Rejected.class);
        return (AttestationResult.Rejected) r;
    }

    private static void sigstoreJavaAloneAccepts(Attestation a, TrustRoot root) {
        assertThatCode(() -> root.keylessVerifier().verify(HexFormat.of().parseHex(Fixtures.dist(DIST).sha256Hex()),
                SigstoreBundles.toBundle(a), VerificationOptions.empty())).doesNotThrowAnyException();
    }

    @Test
    void aLeafIndexOutsideTheTree() {
        // 31550401 is the last leaf of the tree of size 31550402; 31550403 walks the same path in sigstore-java.
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> ((ObjectNode) e.get("inclusionProof"))
                .put("logIndex", "31550403")).attestation();
        sigstoreJavaAloneAccepts(a, Fixtures.production());
        var r = rejected(a, Fixtures.production());
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).isEqualTo("the inclusion proof's log index 31550403 is not a leaf of its tree of "
                + "size 31550402");
    }

    @Test
    void aTreeSizeOtherThanTheOneTheProofIsFor() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> ((ObjectNode) e.get("inclusionProof"))
                .put("treeSize", "31550401")).attestation();
        sigstoreJavaAloneAccepts(a, Fixtures.production());
        var r = rejected(a, Fixtures.production());
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).isEqualTo("the inclusion proof's log index 31550401 is not a leaf of its tree of "
                + "size 31550401");
    }

    @Test
    void aProofWithAHashTooMany() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> {
            ArrayNode hashes = (ArrayNode) e.path("inclusionProof").path("hashes");
            hashes.add(hashes.get(0).asText());
        }).attestation();
        var r = rejected(a, Fixtures.production());
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).isEqualTo("the inclusion proof has 14 hashes; a proof for leaf 31550401 of a tree "
                + "of size 31550402 has 13");
    }

    @Test
    void aRekorV2EntryWhoseLogIndexIsNotTheProvenOne() {
        // Nothing signs a Rekor v2 entry's logIndex: before this check the verified result reported 27305.
        Attestation a = Tamper.of(REKOR_V2).editEntry(e -> e.put("logIndex", "27305")).attestation();
        sigstoreJavaAloneAccepts(a, Fixtures.staging());
        var r = rejected(a, Fixtures.staging());
        assertThat(r.reason()).isEqualTo(RejectionReason.TRANSPARENCY_LOG);
        assertThat(r.message()).isEqualTo("the Rekor v2 entry's logIndex 27305 is not the index its inclusion proof "
                + "proves (27301)");
    }

    @Test
    void aRekorV2LeafIndexOutsideTheTree() {
        Attestation a = Tamper.of(REKOR_V2).editEntry(e -> {
            e.put("logIndex", "27311");
            ((ObjectNode) e.get("inclusionProof")).put("logIndex", "27311");
        }).attestation();
        sigstoreJavaAloneAccepts(a, Fixtures.staging());
        var r = rejected(a, Fixtures.staging());
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).isEqualTo("the inclusion proof's log index 27311 is not a leaf of its tree of size "
                + "27302");
    }

    @Test
    void aCheckpointSignatureLineThatIsNotBase64() {
        // sigstore-java throws an unchecked IllegalArgumentException here, which was reported as verification_failed.
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> {
            ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
            cp.put("envelope", cp.get("envelope").asText().replace(" wNI9aj", " wNI9a\u0002"));
        }).attestation();
        var r = rejected(a, Fixtures.production());
        assertThat(r.reason()).isEqualTo(RejectionReason.CHECKPOINT);
        assertThat(r.message()).startsWith("the checkpoint's signature line \"\u2014 rekor.sigstore.dev wNI9a\u0002");
    }

    @Test
    void pathLengthIsRfc6962s() {
        for (int size = 1; size <= 200; size++) {
            for (int index = 0; index < size; index++) {
                assertThat(InclusionProofShape.pathLength(index, size)).as("leaf %d of %d", index, size)
                        .isEqualTo(auditPathLength(index, size));
            }
        }
        assertThat(InclusionProofShape.pathLength(31550401, 31550402)).isEqualTo(13);
    }

    /** RFC 6962 section 2.1.1: PATH(m, D[n]) for n > 1 is PATH of the subtree holding m plus one node. */
    private static int auditPathLength(long m, long n) {
        if (n == 1) {
            return 0;
        }
        long k = Long.highestOneBit(n - 1);
        return 1 + (m < k ? auditPathLength(m, k) : auditPathLength(m - k, n - k));
    }
}
