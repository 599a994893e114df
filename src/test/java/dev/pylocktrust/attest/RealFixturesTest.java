package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real attestation and provenance in the corpus verifies with the right root and fails with the other. */
class RealFixturesTest {

    static Stream<Arguments> attestations() {
        return Manifest.attestations().stream().map(e -> Arguments.of(Manifest.name(e), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attestations")
    void verifiesWithItsOwnRootAndAgreesWithTheManifest(String name, JsonNode facts) {
        TrustRoot root = Manifest.staging(facts) ? Fixtures.staging() : Fixtures.production();
        var result = new AttestationVerifier(root).verify(Fixtures.attestation(name), Optional.empty(),
                Manifest.distribution(facts), Fixtures.NOW);

        assertThat(result).isInstanceOf(AttestationResult.Verified.class);
        VerifiedAttestation v = ((AttestationResult.Verified) result).attestation();
        assertThat(v.predicateType()).isEqualTo(facts.path("predicateType").asText());
        assertThat(v.subject().name()).isEqualTo(facts.path("subject_name").asText());
        assertThat(v.subject().sha256()).contains(facts.path("subject_sha256").asText());
        assertThat(v.claims().subjectAlternativeName()).isEqualTo(facts.path("cert").path("san").get(0).asText());
        assertThat(v.claims().issuer()).contains(facts.path("cert").path("claims").path("issuer").asText());
        assertThat(v.logIndex()).isEqualTo(facts.path("tlog").path("log_index").asLong());
        long integrated = facts.path("tlog").path("integrated_time").asLong();
        if (integrated == 0) { // Rekor v2: the signed time comes from the RFC 3161 timestamp
            assertThat(v.integratedTime()).isEmpty();
            assertThat(v.timestampTimes()).hasSize(1);
            assertThat(v.signedTime()).isBetween(v.claims().notBefore(), v.claims().notAfter());
        } else {
            assertThat(v.integratedTime()).contains(Instant.ofEpochSecond(integrated));
        }
        assertThat(v.identity()).as("a bare attestation has no asserted publisher").isEmpty();
        assertThat(v.distributionChecked()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attestations")
    void failsWithTheOtherRoot(String name, JsonNode facts) {
        TrustRoot other = Manifest.staging(facts) ? Fixtures.production() : Fixtures.staging();
        var result = new AttestationVerifier(other).verify(Fixtures.attestation(name), Optional.empty(),
                Manifest.distribution(facts), Fixtures.NOW);

        assertThat(result).isInstanceOfSatisfying(AttestationResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.CERTIFICATE_CHAIN);
            assertThat(r.message()).contains("was not issued by a Fulcio CA of the " + other.label());
        });
    }

    static Stream<Arguments> provenances() {
        return Stream.of(
                Arguments.of("abi3info-2024.10.3-py3-none-any.whl.provenance.json", 1,
                        "GitHub woodruffw/abi3info (release.yml)", List.of("kind", "repository", "workflow")),
                Arguments.of("gitlab_oidc_project-0.0.3.tar.gz.provenance.json", 1,
                        "GitLab facutuesca/gitlab-oidc-project (.gitlab-ci.yml)",
                        List.of("kind", "repository", "workflow_filepath")),
                Arguments.of("pep740_sampleproject-1.0.0.tar.gz.provenance.json", 1,
                        "GitLab pep740-example/sampleproject (.gitlab-ci.yml)",
                        List.of("kind", "repository", "workflow_filepath")),
                Arguments.of("pypi_attestation_models-0.0.4a2.tar.gz.provenance.json", 1,
                        "GitHub trailofbits/pypi-attestation-models (release.yml)",
                        List.of("kind", "repository", "workflow")),
                Arguments.of("pypi_attestations-0.0.16.tar.gz.provenance.json", 1,
                        "GitHub trailofbits/pypi-attestations (release.yml)", List.of("kind", "repository", "workflow")),
                Arguments.of("pypi_attestations-0.0.19.tar.gz.provenance.json", 1,
                        "GitHub trailofbits/pypi-attestations (release.yml)", List.of("kind", "repository", "workflow")),
                Arguments.of("sampleproject-3.0.0.tar.gz.provenance.json", 1,
                        "Google 919436158236-compute@developer.gserviceaccount.com", List.of("email", "kind")),
                Arguments.of("sampleproject-4.0.0-py3-none-any.whl.provenance.json", 1,
                        "GitHub pypa/sampleproject (release.yml)", List.of("kind", "repository", "workflow")),
                Arguments.of("sampleproject-4.0.0.tar.gz.provenance.json", 1,
                        "GitHub pypa/sampleproject (release.yml)", List.of("kind", "repository", "workflow")),
                Arguments.of("variants/pypi_attestations-0.0.19.tar.gz.publish+slsa.provenance.json", 2,
                        "GitHub trailofbits/pypi-attestations (release.yml)", List.of("kind", "repository", "workflow")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provenances")
    void provenanceVerifiesAndYieldsItsPublisher(String name, int attestations, String identity,
                                                 List<String> certifiedKeys) {
        Provenance p = Fixtures.provenance(name);
        String subject = name.replace("variants/", "").replace(".provenance.json", "").replace(".publish+slsa", "");
        JsonNode facts = Manifest.attestations().stream()
                .filter(e -> e.path("subject_name").asText().equals(subject)).findFirst().orElseThrow();
        var result = new ProvenanceVerifier(Fixtures.production()).verify(p, Manifest.distribution(facts),
                Fixtures.NOW);

        assertThat(result.results()).hasSize(attestations);
        assertThat(result.allVerified()).as(result.rejected().toString()).isTrue();
        assertThat(result.verifiedIdentities()).singleElement().satisfies(id -> {
            assertThat(id.publisher().describe()).isEqualTo(identity);
            assertThat(id.certifiedKeys()).containsExactlyElementsOf(certifiedKeys);
            assertThat(id.indexAssertedKeys()).isEmpty();
            assertThat(id.publisher().sameIdentity(p.attestationBundles().get(0).publisher())).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provenances")
    void provenanceFailsWithTheStagingRoot(String name, int attestations, String identity, List<String> keys) {
        var result = new ProvenanceVerifier(Fixtures.staging()).verifyUnbound(Fixtures.provenance(name),
                Optional.empty(), Fixtures.NOW);

        assertThat(result.allVerified()).isFalse();
        assertThat(result.verifiedIdentities()).isEmpty();
        assertThat(result.rejected()).allSatisfy(item -> assertThat(((AttestationResult.Rejected) item.result())
                .reason()).isEqualTo(RejectionReason.CERTIFICATE_CHAIN));
    }
}
