package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Identities told apart by {@link Publisher#sameIdentity}, the first spelling kept. */
class IdentitySetTest {
    private static final Publisher LOWER = GitHubPublisher.of("pypa/sampleproject", "release.yml", "pypi");
    private static final Publisher UPPER = GitHubPublisher.of("PyPA/SampleProject", "release.yml", "PyPI");
    private static final Publisher OTHER = GitHubPublisher.of("pypa/sampleproject", "Release.yml", "pypi");

    @Test
    void anIdentityIsKeptOnceInTheSpellingFirstAdded() {
        IdentitySet set = new IdentitySet();

        assertThat(set.add(LOWER)).isZero();
        assertThat(set.add(OTHER)).isEqualTo(1);
        assertThat(set.add(UPPER)).isZero();

        assertThat(set.toList()).containsExactly(LOWER, OTHER);
        assertThat(set.find(UPPER)).containsSame(LOWER);
    }

    @Test
    void lookupsFollowTheIdentityRuleNotEquals() {
        IdentitySet set = IdentitySet.of(List.of(UPPER));

        assertThat(set.contains(LOWER)).isTrue();
        assertThat(set.indexOf(LOWER)).hasValue(0);
        assertThat(set.contains(OTHER)).isFalse();
        assertThat(set.indexOf(OTHER)).isEmpty();
        assertThat(set.find(OTHER)).isEmpty();
    }

    @Test
    void ofKeepsOrderOfFirstSight() {
        IdentitySet set = IdentitySet.of(List.of(OTHER, LOWER, UPPER, OTHER));

        assertThat(set.size()).isEqualTo(2);
        assertThat(set).containsExactly(OTHER, LOWER);
    }
}
