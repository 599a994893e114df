package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The leaf certificate says what Fulcio would say for each identity, in the encodings Fulcio uses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityClaimsTest {

    private TestSigstore sigstore;

    @BeforeAll
    void setUp() {
        sigstore = TestSigstore.create(11, TestSigstoreVerificationTest.CLOCK);
    }

    @Test
    void gitHubCertificateCarriesEveryGitHubClaim() throws Exception {
        GitHubIdentity identity = TestIdentity.github("octo-org/demo", "release.yml").withRef("refs/tags/v2.1.0")
                .withSha("0123456789abcdef0123456789abcdef01234567").withRepositoryId("123456").withOwnerId("7890")
                .withRunner("self-hosted").withEventName("push").withVisibility("private");
        X509Certificate leaf = leafFor(identity);
        String config = "https://github.com/octo-org/demo/.github/workflows/release.yml@refs/tags/v2.1.0";
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(1, "https://token.actions.githubusercontent.com");
        expected.put(2, "push");
        expected.put(3, "0123456789abcdef0123456789abcdef01234567");
        expected.put(4, "release");
        expected.put(5, "octo-org/demo");
        expected.put(6, "refs/tags/v2.1.0");
        expected.put(8, "https://token.actions.githubusercontent.com");
        expected.put(9, config);
        expected.put(10, "0123456789abcdef0123456789abcdef01234567");
        expected.put(11, "self-hosted");
        expected.put(12, "https://github.com/octo-org/demo");
        expected.put(13, "0123456789abcdef0123456789abcdef01234567");
        expected.put(14, "refs/tags/v2.1.0");
        expected.put(15, "123456");
        expected.put(16, "https://github.com/octo-org");
        expected.put(17, "7890");
        expected.put(18, config);
        expected.put(19, "0123456789abcdef0123456789abcdef01234567");
        expected.put(20, "push");
        expected.put(21, "https://github.com/octo-org/demo/actions/runs/" + identity.runId() + "/attempts/1");
        expected.put(22, "private");
        assertThat(CertificateClaimsReader.extensions(leaf)).containsExactlyEntriesOf(expected);
        assertThat(CertificateClaimsReader.san(leaf)).isEqualTo("uri:" + config);
    }

    @Test
    void gitLabCertificateCarriesEveryGitLabClaim() throws Exception {
        GitLabIdentity identity = TestIdentity.gitlab("group/sub/demo", "ci/release.yml").withRef("refs/tags/v3")
                .withSha("89abcdef0123456789abcdef0123456789abcdef").withProjectId("555").withNamespaceId("666");
        X509Certificate leaf = leafFor(identity);
        String config = "https://gitlab.com/group/sub/demo//ci/release.yml@refs/tags/v3";
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(1, "https://gitlab.com");
        expected.put(8, "https://gitlab.com");
        expected.put(9, config);
        expected.put(10, "89abcdef0123456789abcdef0123456789abcdef");
        expected.put(11, "gitlab-hosted");
        expected.put(12, "https://gitlab.com/group/sub/demo");
        expected.put(13, "89abcdef0123456789abcdef0123456789abcdef");
        expected.put(14, "refs/tags/v3");
        expected.put(15, "555");
        expected.put(16, "https://gitlab.com/group/sub");
        expected.put(17, "666");
        expected.put(18, config);
        expected.put(19, "89abcdef0123456789abcdef0123456789abcdef");
        expected.put(20, "push");
        expected.put(21, "https://gitlab.com/group/sub/demo/-/jobs/" + identity.jobId());
        expected.put(22, "private");
        assertThat(CertificateClaimsReader.extensions(leaf)).containsExactlyEntriesOf(expected);
        assertThat(CertificateClaimsReader.san(leaf)).isEqualTo("uri:" + config);
    }

    @Test
    void googleCertificateNamesTheServiceAccountInAnEmailSan() throws Exception {
        X509Certificate leaf = leafFor(TestIdentity.google("release@demo.iam.gserviceaccount.com"));
        assertThat(CertificateClaimsReader.san(leaf)).isEqualTo("email:release@demo.iam.gserviceaccount.com");
        assertThat(CertificateClaimsReader.extensions(leaf))
                .containsExactly(entry(1, "https://accounts.google.com"), entry(8, "https://accounts.google.com"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "GitHub; sampleproject-4.0.0.tar.gz.publish.attestation.json",
        "GitLab; gitlab_oidc_project-0.0.3.tar.gz.publish.attestation.json",
        "Google; sampleproject-3.0.0.tar.gz.publish.attestation.json",
    })
    void certificatesCarryTheSameExtensionsAsRealFulcioCertificates(String kind, String fixture) throws Exception {
        TestIdentity identity = switch (kind) {
            case "GitHub" -> TestIdentity.github("pypa/sampleproject", "release.yml");
            case "GitLab" -> TestIdentity.gitlab("facutuesca/gitlab-oidc-project", ".gitlab-ci.yml");
            default -> TestIdentity.google("919436158236-compute@developer.gserviceaccount.com");
        };
        X509Certificate real = realCertificate(fixture);
        X509Certificate ours = leafFor(identity);
        assertThat(ours.getNonCriticalExtensionOIDs()).isEqualTo(real.getNonCriticalExtensionOIDs());
        assertThat(ours.getCriticalExtensionOIDs()).isEqualTo(real.getCriticalExtensionOIDs())
                .isEqualTo(Set.of("2.5.29.15", "2.5.29.17"));
        assertThat(ours.getKeyUsage()).isEqualTo(real.getKeyUsage());
        assertThat(ours.getExtendedKeyUsage()).isEqualTo(real.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        assertThat(ours.getSubjectX500Principal().getEncoded()).isEqualTo(real.getSubjectX500Principal().getEncoded());
        assertThat(ours.getSigAlgName()).isEqualTo(real.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(Duration.between(ours.getNotBefore().toInstant(), ours.getNotAfter().toInstant()))
                .isEqualTo(Duration.between(real.getNotBefore().toInstant(), real.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(((ECPublicKey) ours.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        if (kind.equals("GitLab") || kind.equals("GitHub")) {
            assertThat(CertificateClaimsReader.extensions(ours).keySet())
                    .isEqualTo(CertificateClaimsReader.extensions(real).keySet());
        }
    }

    @Test
    void leafIsIssuedByTheIntermediateAndValidForTenMinutesFromTheClock() throws Exception {
        X509Certificate leaf = leafFor(TestIdentity.github("octo-org/demo", "release.yml"));
        leaf.verify(sigstore.intermediateCertificate().getPublicKey());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(sigstore.intermediateCertificate().getSubjectX500Principal());
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(TestSigstoreVerificationTest.CLOCK.instant());
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(TestSigstoreVerificationTest.CLOCK.instant().plusSeconds(600));
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "environment {0}, emit extension {1}")
    @CsvSource(nullValues = "NONE", value = {
        "PyPI, true, PyPI, pypi",
        "PyPI, false, NONE, pypi",
        "'', true, NONE, ''",
        "NONE, true, NONE, NONE",
    })
    void gitHubDeploymentEnvironmentExtensionAndPublisher(String environment, boolean emit, String extension,
            String published) {
        GitHubIdentity identity = TestIdentity.github("octo-org/demo", "release.yml").withEnvironment(environment, emit);
        X509Certificate leaf = leafFor(identity);
        assertThat(CertificateClaimsReader.extension(leaf, FulcioClaims.DEPLOYMENT_ENVIRONMENT)).isEqualTo(extension);
        assertThat(identity.publisher()).containsExactly(entry("kind", "GitHub"), entry("repository", "octo-org/demo"),
                entry("workflow", "release.yml"), entry("environment", published));
    }

    @Test
    void gitLabEnvironmentIsKeptCaseSensitive() {
        GitLabIdentity identity = TestIdentity.gitlab("group/demo", ".gitlab-ci.yml").withEnvironment("Production");
        assertThat(CertificateClaimsReader.extension(leafFor(identity), FulcioClaims.DEPLOYMENT_ENVIRONMENT))
                .isEqualTo("Production");
        assertThat(identity.publisher()).containsExactly(entry("kind", "GitLab"), entry("repository", "group/demo"),
                entry("workflow_filepath", ".gitlab-ci.yml"), entry("environment", "Production"));
        assertThat(TestIdentity.gitlab("group/demo", ".gitlab-ci.yml").publisher()).containsEntry("environment", null);
        assertThat(TestIdentity.google("a@b.iam.gserviceaccount.com").publisher())
                .containsExactly(entry("kind", "Google"), entry("email", "a@b.iam.gserviceaccount.com"));
    }

    @Test
    void reusableWorkflowSignsWhileTheCallerIsTheBuildConfig() throws Exception {
        GitHubIdentity identity = TestIdentity.github("octo-org/demo", "release.yml")
                .withJobWorkflowRef("octo-org/shared/.github/workflows/publish.yml@refs/heads/main");
        X509Certificate leaf = leafFor(identity);
        String signer = "https://github.com/octo-org/shared/.github/workflows/publish.yml@refs/heads/main";
        assertThat(CertificateClaimsReader.san(leaf)).isEqualTo("uri:" + signer);
        assertThat(CertificateClaimsReader.extension(leaf, FulcioClaims.BUILD_SIGNER_URI)).isEqualTo(signer);
        assertThat(CertificateClaimsReader.extension(leaf, FulcioClaims.BUILD_CONFIG_URI))
                .isEqualTo("https://github.com/octo-org/demo/.github/workflows/release.yml@refs/tags/v1.0.0");
    }

    @Test
    void aCertificateWithoutIdsHasNeitherIdExtension() throws Exception {
        X509Certificate leaf = leafFor(TestIdentity.github("octo-org/demo", "release.yml").withoutIds());
        assertThat(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.15")).isNull();
        assertThat(leaf.getExtensionValue("1.3.6.1.4.1.57264.1.17")).isNull();
        assertThat(CertificateClaimsReader.extension(leaf, FulcioClaims.SOURCE_REPOSITORY_URI))
                .isEqualTo("https://github.com/octo-org/demo");
    }

    @Test
    void defaultIdsAndCommitsAreDerivedFromNamesDeterministically() {
        GitHubIdentity a = TestIdentity.github("octo-org/alpha", "release.yml");
        GitHubIdentity b = TestIdentity.github("octo-org/beta", "release.yml");
        assertThat(TestIdentity.github("octo-org/alpha", "other.yml")).extracting(GitHubIdentity::repositoryId,
                GitHubIdentity::ownerId, GitHubIdentity::sha).containsExactly(a.repositoryId(), a.ownerId(), a.sha());
        assertThat(a.repositoryId()).isNotEqualTo(b.repositoryId()).matches("[1-9][0-9]{8}");
        assertThat(a.ownerId()).isEqualTo(b.ownerId()).matches("[1-9][0-9]+");
        assertThat(a.sha()).isNotEqualTo(b.sha()).matches("[0-9a-f]{40}");
        assertThat(TestIdentity.gitlab("g/p", ".gitlab-ci.yml").projectId())
                .isEqualTo(TestIdentity.gitlab("g/p", "x.yml").projectId());
    }

    @Test
    void malformedRepositoriesAreRefused() {
        assertThatThrownBy(() -> TestIdentity.github("no-slash", "release.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub repository must be owner/repo, got 'no-slash'");
        assertThatThrownBy(() -> TestIdentity.gitlab("project", ".gitlab-ci.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab repository must be namespace/project, got 'project'");
    }

    private X509Certificate leafFor(TestIdentity identity) {
        return sigstore.mint(MintRequest.of("demo-1.0.tar.gz", "ab".repeat(32), identity)).leafCertificate();
    }

    private static X509Certificate realCertificate(String fixture) throws IOException {
        try (InputStream in = IdentityClaimsTest.class.getResourceAsStream("/fixtures/attestations/" + fixture)) {
            JsonNode attestation = AttestationDocuments.parse(in.readAllBytes());
            return TestCa.parse(Base64.getDecoder().decode(attestation.at("/verification_material/certificate").asText()));
        }
    }
}
