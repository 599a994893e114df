package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The publisher policies over certificate claims, as a table. */
class PublisherPolicyTest {
    private static final String REPO = "https://github.com/octo/pkg";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private static CertificateClaims gh(String issuer, String repoUri, String buildConfig, String ref, String sha,
                                       String environment) {
        Map<FulcioOid, String> m = new EnumMap<>(FulcioOid.class);
        put(m, FulcioOid.ISSUER, issuer);
        put(m, FulcioOid.SOURCE_REPOSITORY_URI, repoUri);
        put(m, FulcioOid.BUILD_CONFIG_URI, buildConfig);
        put(m, FulcioOid.SOURCE_REPOSITORY_REF, ref);
        put(m, FulcioOid.SOURCE_REPOSITORY_DIGEST, sha);
        put(m, FulcioOid.DEPLOYMENT_ENVIRONMENT, environment);
        put(m, FulcioOid.SOURCE_REPOSITORY_IDENTIFIER, "123");
        put(m, FulcioOid.SOURCE_REPOSITORY_OWNER_IDENTIFIER, "456");
        return new CertificateClaims(buildConfig == null ? "x" : buildConfig, CertificateClaims.SanType.URI, m,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(600));
    }

    private static void put(Map<FulcioOid, String> m, FulcioOid oid, String v) {
        if (v != null) {
            m.put(oid, v);
        }
    }

    private static final String GHI = PublisherPolicy.GITHUB_ISSUER;
    private static final String WF = REPO + "/.github/workflows/release.yml";

    static Stream<Arguments> github() {
        return Stream.of(
                Arguments.of(gh(GHI, REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, null), null),
                Arguments.of(gh(GHI, REPO, WF + "@" + SHA, "refs/tags/v1", SHA, null), null),
                Arguments.of(gh(GHI, REPO, WF + "@refs/tags/v1", "refs/tags/v1", null, null), null),
                Arguments.of(gh(GHI, "https://github.com/Octo/Pkg", "https://github.com/Octo/Pkg/.github/workflows/"
                        + "release.yml@refs/tags/v1", "refs/tags/v1", SHA, null), null),
                Arguments.of(gh("https://gitlab.com", REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, null),
                        "certificate issuer is https://gitlab.com, expected https://token.actions.githubusercontent.com"),
                Arguments.of(gh(null, REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, null),
                        "certificate issuer is (absent), expected https://token.actions.githubusercontent.com"),
                Arguments.of(gh(GHI, "https://github.com/octo/pkg2", WF + "@refs/tags/v1", "refs/tags/v1", SHA, null),
                        "certificate source repository URI is https://github.com/octo/pkg2, expected "
                                + "https://github.com/octo/pkg"),
                Arguments.of(gh(GHI, REPO, WF + "@refs/tags/v2", "refs/tags/v1", SHA, null),
                        "certificate build config URI is " + WF + "@refs/tags/v2, expected " + WF
                                + "@refs/tags/v1 or @" + SHA),
                Arguments.of(gh(GHI, REPO, REPO + "/.github/workflows/Release.yml@refs/tags/v1", "refs/tags/v1", SHA,
                        null), "certificate build config URI is " + REPO + "/.github/workflows/Release.yml"
                        + "@refs/tags/v1, expected " + WF + "@refs/tags/v1 or @" + SHA),
                Arguments.of(gh(GHI, REPO, "https://github.com/octo/other/.github/workflows/release.yml@refs/tags/v1",
                        "refs/tags/v1", SHA, null), "certificate build config URI is https://github.com/octo/other/"
                        + ".github/workflows/release.yml@refs/tags/v1, expected " + WF + "@refs/tags/v1 or @" + SHA),
                Arguments.of(gh(GHI, REPO, WF + "@refs/tags/v1", null, null, null),
                        "certificate lacks the source repository ref and/or digest needed to check the build config "
                                + "URI"),
                Arguments.of(gh(GHI, REPO, null, "refs/tags/v1", SHA, null),
                        "certificate build config URI is (absent), expected " + WF + "@refs/tags/v1 or @" + SHA));
    }

    @ParameterizedTest
    @MethodSource("github")
    void gitHub(CertificateClaims claims, String mismatch) {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", null), claims);
        if (mismatch == null) {
            assertThat(outcome).isInstanceOfSatisfying(PublisherPolicy.Outcome.Match.class, m -> {
                assertThat(m.identity().certifiedKeys()).containsExactly("kind", "repository", "workflow");
                assertThat(m.identity().repositoryId()).contains("123");
                assertThat(m.identity().ownerId()).contains("456");
            });
        } else {
            assertThat(outcome).isEqualTo(new PublisherPolicy.Outcome.Mismatch("the certificate does not match the "
                    + "publisher GitHub octo/pkg (release.yml): " + mismatch));
        }
    }

    @Test
    void gitHubEnvironmentIsIndexAssertedWithoutTheDeploymentEnvironmentExtension() {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                gh(GHI, REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, null));
        var id = ((PublisherPolicy.Outcome.Match) outcome).identity();
        assertThat(id.certifiedKeys()).containsExactly("kind", "repository", "workflow");
        assertThat(id.indexAssertedKeys()).containsExactly("environment");
    }

    @Test
    void gitHubEnvironmentIsCertifiedByTheDeploymentEnvironmentExtension() {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                gh(GHI, REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, "PyPI"));
        var id = ((PublisherPolicy.Outcome.Match) outcome).identity();
        assertThat(id.certifiedKeys()).containsExactly("environment", "kind", "repository", "workflow");
        assertThat(id.indexAssertedKeys()).isEmpty();
    }

    @Test
    void gitHubEnvironmentContradictedByTheCertificate() {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                gh(GHI, REPO, WF + "@refs/tags/v1", "refs/tags/v1", SHA, "staging"));
        assertThat(outcome).isEqualTo(new PublisherPolicy.Outcome.Mismatch("the certificate does not match the "
                + "publisher GitHub octo/pkg (release.yml, environment pypi): certificate deployment environment is "
                + "staging, expected pypi"));
    }

    @Test
    void gitLabNeedsBothRefAndDigestAndTheDoubleSlash() {
        String repo = "https://gitlab.com/group/proj";
        var publisher = GitLabPublisher.of("group/proj", ".gitlab-ci.yml", null);
        var ok = gh(PublisherPolicy.GITLAB_ISSUER, repo, repo + "//.gitlab-ci.yml@refs/heads/main",
                "refs/heads/main", SHA, null);
        assertThat(PublisherPolicy.check(publisher, ok)).isInstanceOfSatisfying(PublisherPolicy.Outcome.Match.class,
                m -> assertThat(m.identity().certifiedKeys()).containsExactly("kind", "repository",
                        "workflow_filepath"));
        var noSha = gh(PublisherPolicy.GITLAB_ISSUER, repo, repo + "//.gitlab-ci.yml@refs/heads/main",
                "refs/heads/main", null, null);
        assertThat(mismatch(publisher, noSha)).endsWith(": certificate lacks the source repository ref and/or digest "
                + "needed to check the build config URI");
        var singleSlash = gh(PublisherPolicy.GITLAB_ISSUER, repo, repo + "/.gitlab-ci.yml@refs/heads/main",
                "refs/heads/main", SHA, null);
        assertThat(mismatch(publisher, singleSlash)).endsWith(": certificate build config URI is " + repo
                + "/.gitlab-ci.yml@refs/heads/main, expected " + repo + "//.gitlab-ci.yml@refs/heads/main or @" + SHA);
        var env = gh(PublisherPolicy.GITLAB_ISSUER, repo, repo + "//.gitlab-ci.yml@refs/heads/main",
                "refs/heads/main", SHA, "Prod");
        assertThat(mismatch(GitLabPublisher.of("group/proj", ".gitlab-ci.yml", "prod"), env))
                .as("GitLab environments compare exactly")
                .endsWith(": certificate deployment environment is Prod, expected prod");
    }

    private static String mismatch(Publisher publisher, CertificateClaims claims) {
        var outcome = PublisherPolicy.check(publisher, claims);
        assertThat(outcome).isInstanceOf(PublisherPolicy.Outcome.Mismatch.class);
        return ((PublisherPolicy.Outcome.Mismatch) outcome).message();
    }

    @Test
    void googleNeedsTheEmailSanAndGoogleIssuer() {
        Map<FulcioOid, String> m = new EnumMap<>(FulcioOid.class);
        m.put(FulcioOid.ISSUER, PublisherPolicy.GOOGLE_ISSUER);
        var claims = new CertificateClaims("ci@p.iam.gserviceaccount.com", CertificateClaims.SanType.EMAIL, m,
                Instant.EPOCH, Instant.EPOCH);
        assertThat(PublisherPolicy.check(GooglePublisher.of("ci@p.iam.gserviceaccount.com"), claims))
                .isInstanceOf(PublisherPolicy.Outcome.Match.class);
        assertThat(PublisherPolicy.check(GooglePublisher.of("other@p.iam.gserviceaccount.com"), claims))
                .isEqualTo(new PublisherPolicy.Outcome.Mismatch("the certificate does not match the publisher Google "
                        + "other@p.iam.gserviceaccount.com: certificate subject is ci@p.iam.gserviceaccount.com, "
                        + "expected e-mail other@p.iam.gserviceaccount.com"));
        var uriSan = new CertificateClaims("ci@p.iam.gserviceaccount.com", CertificateClaims.SanType.URI, m,
                Instant.EPOCH, Instant.EPOCH);
        assertThat(PublisherPolicy.check(GooglePublisher.of("ci@p.iam.gserviceaccount.com"), uriSan))
                .as("the SAN must be an e-mail name").isInstanceOf(PublisherPolicy.Outcome.Mismatch.class);
    }
}
