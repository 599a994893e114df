package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding Fulcio extensions agrees with the independent decoding recorded in the fixture manifest. */
class CertificateClaimsTest {
    /** manifest.json claim names (written by the corpus' Python verifier) to OIDs. */
    private static final Map<String, FulcioOid> NAMES = Map.ofEntries(
            Map.entry("issuer_v1", FulcioOid.ISSUER_LEGACY),
            Map.entry("gh_workflow_trigger_v1", FulcioOid.GITHUB_WORKFLOW_TRIGGER),
            Map.entry("gh_workflow_sha_v1", FulcioOid.GITHUB_WORKFLOW_SHA),
            Map.entry("gh_workflow_name_v1", FulcioOid.GITHUB_WORKFLOW_NAME),
            Map.entry("gh_workflow_repository_v1", FulcioOid.GITHUB_WORKFLOW_REPOSITORY),
            Map.entry("gh_workflow_ref_v1", FulcioOid.GITHUB_WORKFLOW_REF),
            Map.entry("issuer", FulcioOid.ISSUER),
            Map.entry("build_signer_uri", FulcioOid.BUILD_SIGNER_URI),
            Map.entry("build_signer_digest", FulcioOid.BUILD_SIGNER_DIGEST),
            Map.entry("runner_environment", FulcioOid.RUNNER_ENVIRONMENT),
            Map.entry("source_repository_uri", FulcioOid.SOURCE_REPOSITORY_URI),
            Map.entry("source_repository_digest", FulcioOid.SOURCE_REPOSITORY_DIGEST),
            Map.entry("source_repository_ref", FulcioOid.SOURCE_REPOSITORY_REF),
            Map.entry("source_repository_identifier", FulcioOid.SOURCE_REPOSITORY_IDENTIFIER),
            Map.entry("source_repository_owner_uri", FulcioOid.SOURCE_REPOSITORY_OWNER_URI),
            Map.entry("source_repository_owner_identifier", FulcioOid.SOURCE_REPOSITORY_OWNER_IDENTIFIER),
            Map.entry("build_config_uri", FulcioOid.BUILD_CONFIG_URI),
            Map.entry("build_config_digest", FulcioOid.BUILD_CONFIG_DIGEST),
            Map.entry("build_trigger", FulcioOid.BUILD_TRIGGER),
            Map.entry("run_invocation_uri", FulcioOid.RUN_INVOCATION_URI),
            Map.entry("source_repository_visibility_at_signing", FulcioOid.SOURCE_REPOSITORY_VISIBILITY));

    static Stream<Arguments> attestations() {
        return Manifest.attestations().stream().map(e -> Arguments.of(Manifest.name(e), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attestations")
    void claimsMatchTheManifest(String name, JsonNode facts) {
        var cert = Fixtures.attestation(name).verificationMaterial().x509Certificate();
        CertificateClaims claims = CertificateClaims.of(cert);

        Map<FulcioOid, String> expected = new EnumMap<>(FulcioOid.class);
        facts.path("cert").path("claims").fields().forEachRemaining(f ->
                expected.put(NAMES.get(f.getKey()), f.getValue().asText()));
        assertThat(claims.extensions()).isEqualTo(expected);
        String san = facts.path("cert").path("san").get(0).asText();
        assertThat(claims.subjectAlternativeName()).isEqualTo(san);
        assertThat(claims.sanType()).isEqualTo(san.startsWith("https://") ? CertificateClaims.SanType.URI
                : CertificateClaims.SanType.EMAIL);
        assertThat(claims.notBefore()).isEqualTo(OffsetDateTime.parse(facts.path("cert").path("not_before").asText())
                .toInstant());
    }

    @Test
    void typedAccessorsAndWorkflowPath() {
        var c = CertificateClaims.of(Fixtures.attestation("gitlab_oidc_project-0.0.3.tar.gz.publish.attestation.json")
                .verificationMaterial().x509Certificate());
        assertThat(c.issuer()).contains("https://gitlab.com");
        assertThat(c.sourceRepositoryRef()).contains("refs/heads/main");
        assertThat(c.runnerEnvironment()).contains("gitlab-hosted");
        assertThat(c.buildTrigger()).contains("push");
        assertThat(c.sourceRepositoryVisibility()).contains("private");
        assertThat(c.deploymentEnvironment()).isEmpty();
        assertThat(c.workflowPath()).contains(".gitlab-ci.yml");
        var gh = CertificateClaims.of(Fixtures.attestation("abi3info-2024.10.3-py3-none-any.whl.publish.attestation"
                + ".json").verificationMaterial().x509Certificate());
        assertThat(gh.workflowPath()).contains(".github/workflows/release.yml");
    }

    @Test
    void issuerFallsBackToTheLegacyExtension() {
        Map<FulcioOid, String> m = new EnumMap<>(FulcioOid.class);
        m.put(FulcioOid.ISSUER_LEGACY, "https://token.actions.githubusercontent.com");
        var c = new CertificateClaims("x", CertificateClaims.SanType.URI, m, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
        assertThat(c.issuer()).contains("https://token.actions.githubusercontent.com");
    }

    @Test
    void derUnwrapIsStrict() {
        assertThat(Der.utf8(Der.unwrap(new byte[] {0x0C, 0x02, 'h', 'i'}, Der.UTF8_STRING))).isEqualTo("hi");
        assertThatThrownBy(() -> Der.unwrap(new byte[] {0x13, 0x02, 'h', 'i'}, Der.UTF8_STRING))
                .hasMessage("expected DER tag 0x0c, found 0x13");
        assertThatThrownBy(() -> Der.unwrap(new byte[] {0x0C, 0x03, 'h', 'i'}, Der.UTF8_STRING))
                .hasMessage("DER length 3 does not match the 2 bytes present");
        assertThatThrownBy(() -> Der.unwrap(new byte[] {0x0C, (byte) 0x81, 0x02, 'h', 'i'}, Der.UTF8_STRING))
                .hasMessage("non-minimal DER length");
        assertThatThrownBy(() -> Der.utf8(new byte[] {(byte) 0xC3})).hasMessage("not valid UTF-8");
        byte[] longForm = new byte[3 + 200];
        longForm[0] = 0x04;
        longForm[1] = (byte) 0x81;
        longForm[2] = (byte) 200;
        assertThat(Der.unwrap(longForm, Der.OCTET_STRING)).hasSize(200);
    }
}
