package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.util.Optional;

/**
 * PEP 740 provenance and attestation documents: bad input throws only {@link MalformedAttestationException}; what
 * parses goes through the verifier, which answers with a value (never an exception, never its catch-all). The
 * mutation suite ({@link AttestationMutationTest}) checks what the answers are.
 */
class ProvenanceFuzzTest {
    private static final ProvenanceVerifier VERIFIER = new ProvenanceVerifier(Fixtures.production());
    private static final Distribution DIST = new Distribution("sampleproject-4.0.0.tar.gz",
            "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b");

    @ParserFuzzTest
    void provenance(byte[] input) {
        Provenance p;
        try {
            p = Provenance.parse(input);
        } catch (MalformedAttestationException e) {
            return;
        }
        ProvenanceResult result = VERIFIER.verify(p, Optional.of(DIST), Fixtures.NOW);
        assertThat(result.rejected()).allSatisfy(item -> assertThat(((AttestationResult.Rejected) item.result())
                .message()).doesNotStartWith(AttestationVerifier.UNEXPECTED_FAILURE));
    }

    @ParserFuzzTest
    void document(byte[] input) {
        try {
            AttestationDocument.parse(input);
        } catch (MalformedAttestationException e) {
            // the documented error
        }
    }
}
