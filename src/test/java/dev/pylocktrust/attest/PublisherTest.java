package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lockfile's identity rules for publishers. */
class PublisherTest {

    private static Publisher table(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Publisher.fromTable(m);
    }

    static Stream<Arguments> identities() {
        Publisher gh = GitHubPublisher.of("pypa/sampleproject", "release.yml", "pypi");
        Publisher gl = GitLabPublisher.of("group/sub/project", ".gitlab-ci.yml", "Release");
        Publisher google = GooglePublisher.of("ci@proj.iam.gserviceaccount.com");
        return Stream.of(
                Arguments.of(gh, GitHubPublisher.of("PyPA/SampleProject", "release.yml", "PyPI"), true,
                        "GitHub repository and environment ignore case"),
                Arguments.of(gh, GitHubPublisher.of("pypa/sampleproject", "Release.yml", "pypi"), false,
                        "workflow is exact"),
                Arguments.of(gh, GitHubPublisher.of("pypa/sampleproject", "release.yml", null), false,
                        "environment set vs none"),
                Arguments.of(GitHubPublisher.of("a/b", "r.yml", ""), GitHubPublisher.of("a/b", "r.yml", null), true,
                        "empty and null environment are the same"),
                Arguments.of(gh, GitHubPublisher.of("pypa/other", "release.yml", "pypi"), false, "other repository"),
                Arguments.of(gl, GitLabPublisher.of("Group/Sub/Project", ".gitlab-ci.yml", "Release"), true,
                        "GitLab repository ignores case"),
                Arguments.of(gl, GitLabPublisher.of("group/sub/project", ".gitlab-ci.yml", "release"), false,
                        "GitLab environment is exact"),
                Arguments.of(gl, GitLabPublisher.of("group/sub/project", "ci/.gitlab-ci.yml", "Release"), false,
                        "GitLab workflow_filepath is exact"),
                Arguments.of(google, GooglePublisher.of("ci@proj.iam.gserviceaccount.com"), true, "same e-mail"),
                Arguments.of(google, GooglePublisher.of("other@proj.iam.gserviceaccount.com"), false, "other e-mail"),
                Arguments.of(gh, gl, false, "different kinds"),
                Arguments.of(table("kind", "CircleCI", "project", "p", "claims", "{}"),
                        table("kind", "CircleCI", "project", "p"), true, "unknown: claims ignored"),
                Arguments.of(table("kind", "CircleCI", "project", "p"), table("kind", "CircleCI", "project", "P"),
                        false, "unknown: values exact"),
                Arguments.of(table("kind", "CircleCI", "project", "p"), table("kind", "Circleci", "project", "p"),
                        false, "unknown: kind exact"),
                Arguments.of(new GitHubPublisher("a/b", "r.yml", java.util.Optional.empty(),
                                new TreeMap<>(Map.of("x", "1"))), GitHubPublisher.of("a/b", "r.yml", null), true,
                        "extra keys are not part of the identity"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("identities")
    void sameIdentity(Publisher a, Publisher b, boolean same, String why) {
        assertThat(a.sameIdentity(b)).isEqualTo(same);
        assertThat(b.sameIdentity(a)).as("symmetric").isEqualTo(same);
    }

    @Test
    void identityTablesAreFlatSortedAndOmitAnEmptyEnvironment() {
        assertThat(GitHubPublisher.of("pypa/sampleproject", "release.yml", "").toIdentityTable())
                .containsExactly(Map.entry("kind", "GitHub"), Map.entry("repository", "pypa/sampleproject"),
                        Map.entry("workflow", "release.yml"));
        assertThat(GitLabPublisher.of("g/p", ".gitlab-ci.yml", "prod").toIdentityTable())
                .containsExactly(Map.entry("environment", "prod"), Map.entry("kind", "GitLab"),
                        Map.entry("repository", "g/p"), Map.entry("workflow_filepath", ".gitlab-ci.yml"));
        assertThat(GooglePublisher.of("a@b.c").toIdentityTable())
                .containsExactly(Map.entry("email", "a@b.c"), Map.entry("kind", "Google"));
    }

    @Test
    void fromTableRoundTripsEveryKind() {
        for (Publisher p : new Publisher[] {
            GitHubPublisher.of("python-attrs/attrs", "pypi-package.yml", "release-pypi"),
            GitLabPublisher.of("g/p", "ci/release.yml", null), GooglePublisher.of("a@b.c"),
            table("kind", "CircleCI", "project", "p", "vcs", "github")}) {
            Publisher back = Publisher.fromTable(p.toIdentityTable());
            assertThat(back).isEqualTo(p);
            assertThat(back.toIdentityTable()).isEqualTo(p.toIdentityTable());
        }
    }

    @Test
    void fromTableKeepsNonStringValuesAsText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "Future");
        m.put("id", 42L);
        assertThat(Publisher.fromTable(m).toIdentityTable()).containsEntry("id", "42");
    }

    @Test
    void fromTableNamesWhatIsMissing() {
        assertThatThrownBy(() -> table("repository", "a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing \"kind\" (a string naming the publisher type)");
        assertThatThrownBy(() -> table("kind", "GitHub", "repository", "a/b"))
                .hasMessage("missing \"workflow\"");
        assertThatThrownBy(() -> table("kind", "GitHub", "repository", "a/b/c", "workflow", "r.yml"))
                .hasMessage("invalid \"repository\" 'a/b/c': must be 'owner/repo'");
        assertThatThrownBy(() -> table("kind", "Google"))
                .hasMessage("missing \"email\"");
    }

    @Test
    void describe() {
        assertThat(GitHubPublisher.of("pypa/sampleproject", "release.yml", "pypi").describe())
                .isEqualTo("GitHub pypa/sampleproject (release.yml, environment pypi)");
        assertThat(GitLabPublisher.of("g/p", ".gitlab-ci.yml", null).describe())
                .isEqualTo("GitLab g/p (.gitlab-ci.yml)");
        assertThat(GooglePublisher.of("a@b.c").describe()).isEqualTo("Google a@b.c");
        assertThat(table("kind", "CircleCI", "project", "p").describe()).isEqualTo("CircleCI (project=p)");
    }
}
