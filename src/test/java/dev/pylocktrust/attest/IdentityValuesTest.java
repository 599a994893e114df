package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Identity values compare with ASCII rules: case-insensitive only where the forge is, and a look-alike letter (dotless
 * i, Kelvin sign, long s) is never its ASCII twin, in the lockfile's identity equality and against certificate claims,
 * whatever the default locale.
 */
class IdentityValuesTest {
    private static final String DOTLESS = "pyp\u0131";
    private static final String KELVIN = "ac\u212Ame/widget";
    private static final String LONG_S = "acme/\u017Fdk";

    @Test
    void caseFoldsOnlyWhereTheForgeDoes() {
        assertThat(IdentityValues.same("GitHub", "repository", "Acme/Widget", "acme/widget")).isTrue();
        assertThat(IdentityValues.same("GitLab", "repository", "Group/Proj", "group/proj")).isTrue();
        assertThat(IdentityValues.same("GitHub", "environment", "PyPI", "pypi")).isTrue();
        assertThat(IdentityValues.same("GitLab", "environment", "Prod", "prod")).isFalse();
        assertThat(IdentityValues.same("GitHub", "workflow", "Release.yml", "release.yml")).isFalse();
        assertThat(IdentityValues.same("GitLab", "workflow_filepath", "CI.yml", "ci.yml")).isFalse();
        assertThat(IdentityValues.same("Google", "email", "Me@example.com", "me@example.com")).isFalse();
        assertThat(IdentityValues.same("Other", "repository", "A/B", "a/b")).isFalse();
    }

    @Test
    void lookAlikesAreNeverTheirAsciiTwins() {
        assertThat(IdentityValues.same("GitHub", "environment", DOTLESS, "pypi")).isFalse();
        assertThat(IdentityValues.same("GitHub", "environment", "PYP\u0130", "pypi")).isFalse();
        assertThat(IdentityValues.same("GitHub", "repository", KELVIN, "acKme/widget")).isFalse();
        assertThat(IdentityValues.same("GitHub", "repository", LONG_S, "acme/sdk")).isFalse();
        assertThat(IdentityValues.same("GitHub", "repository", "https://github.com/" + KELVIN,
                "https://github.com/ackme/widget")).isFalse();
    }

    @Test
    void sameIdentityUsesTheRule() {
        assertThat(GitHubPublisher.of("acme/widget", "release.yml", DOTLESS)
                .sameIdentity(GitHubPublisher.of("acme/widget", "release.yml", "pypi"))).isFalse();
        assertThat(GitHubPublisher.of("acme/widget", "release.yml", "PyPI")
                .sameIdentity(GitHubPublisher.of("Acme/Widget", "release.yml", "pypi"))).isTrue();
        assertThat(GitLabPublisher.of("group/proj", ".gitlab-ci.yml", "\u017Ftaging")
                .sameIdentity(GitLabPublisher.of("group/proj", ".gitlab-ci.yml", "staging"))).isFalse();
        assertThat(GooglePublisher.of("\u212Aey@example.com").sameIdentity(GooglePublisher.of("key@example.com")))
                .isFalse();
    }

    @Test
    void aCertificateEnvironmentWithADotlessIDoesNotMatchAndIsFlagged() {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                claims("https://github.com/octo/pkg", DOTLESS));
        assertThat(outcome).isEqualTo(new PublisherPolicy.Outcome.Mismatch("the certificate does not match the "
                + "publisher GitHub octo/pkg (release.yml, environment pypi): certificate deployment environment is "
                + DOTLESS + " [non-ASCII: U+0131], expected pypi"));
    }

    @Test
    void aCertificateRepositoryWithAKelvinSignDoesNotMatch() {
        var outcome = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", null),
                claims("https://github.com/octo/p\u212Ag", null));
        assertThat(outcome).isInstanceOfSatisfying(PublisherPolicy.Outcome.Mismatch.class, m ->
                assertThat(m.message()).contains("certificate source repository URI is https://github.com/octo/p\u212Ag"
                        + " [non-ASCII: U+212A], expected https://github.com/octo/pkg"));
    }

    @Test
    void underATurkishDefaultLocaleTheRulesAreTheSame() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(IdentityValues.same("GitHub", "repository", "ICONS/PKG", "icons/pkg")).isTrue();
            assertThat(IdentityValues.same("GitHub", "environment", "PYPI", "pypi")).isTrue();
            assertThat(IdentityValues.same("GitHub", "environment", DOTLESS, "pypi")).isFalse();
            var ok = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                    claims("https://github.com/OCTO/PKG", "PYPI"));
            assertThat(ok).isInstanceOf(PublisherPolicy.Outcome.Match.class);
            var dotless = PublisherPolicy.check(GitHubPublisher.of("octo/pkg", "release.yml", "pypi"),
                    claims("https://github.com/octo/pkg", DOTLESS));
            assertThat(dotless).isInstanceOf(PublisherPolicy.Outcome.Mismatch.class);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void descriptionsFlagNonAsciiValues() {
        assertThat(GitHubPublisher.of("acme/widget", "release.yml", DOTLESS).describe())
                .isEqualTo("GitHub acme/widget (release.yml, environment " + DOTLESS + ") [non-ASCII: U+0131]");
        assertThat(GitHubPublisher.of("acme/widget", "release.yml", "pypi").describe())
                .isEqualTo("GitHub acme/widget (release.yml, environment pypi)");
        assertThat(IdentityValues.nonAsciiNote("\u0430\u0431\u0432\u0433\u0434")).isEqualTo(
                " [non-ASCII: U+0430, U+0431, U+0432, U+0433, ...]");
    }

    /** GitHub claims for {@code repoUri} with {@code release.yml} at a tag, and an optional deployment environment. */
    private static CertificateClaims claims(String repoUri, String environment) {
        Map<FulcioOid, String> m = new EnumMap<>(FulcioOid.class);
        m.put(FulcioOid.ISSUER, PublisherPolicy.GITHUB_ISSUER);
        m.put(FulcioOid.SOURCE_REPOSITORY_URI, repoUri);
        String buildConfig = repoUri + "/.github/workflows/release.yml@refs/tags/v1";
        m.put(FulcioOid.BUILD_CONFIG_URI, buildConfig);
        m.put(FulcioOid.SOURCE_REPOSITORY_REF, "refs/tags/v1");
        if (environment != null) {
            m.put(FulcioOid.DEPLOYMENT_ENVIRONMENT, environment);
        }
        return new CertificateClaims(buildConfig, CertificateClaims.SanType.URI, m, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(600));
    }
}
