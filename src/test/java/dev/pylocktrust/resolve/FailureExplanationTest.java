package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failures explain themselves: the derivation chain in words, exact text (PubGrub's report examples included). */
class FailureExplanationTest {

    @Test
    void conflictWithUserRequirementIsExplained() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0: b<1
                a 2.1: b<1
                b 0.5
                b 1.5
                """);
        assertThat(ResolverScenarioTest.failure(index, "a>=2", "b>=1.5")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because a>=2.0 depends on b<1 and you require b>=1.5, a>=2.0 cannot be used.
                So, because you require a>=2, your requirements cannot be satisfied.""");
    }

    @Test
    void transitiveConflictIsExplainedAsAChain() {
        // PubGrub's "linear error reporting" example.
        FakeIndex index = FakeIndex.of("""
                foo 1.0: bar>=2.0,<3.0
                bar 2.0: baz>=3.0,<4.0
                baz 1.0
                baz 3.0
                """);
        assertThat(ResolverScenarioTest.failure(index, "foo>=1.0,<2.0", "baz>=1.0,<2.0")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because every version of foo depends on bar>=2.0,<3.0 which depends on baz>=3.0,<4.0, every version \
                of foo requires baz>=3.0,<4.0.
                So, because you require both baz>=1.0,<2.0 and foo>=1.0,<2.0, your requirements cannot be \
                satisfied.""");
    }

    @Test
    void branchingFailureRefersBackToNumberedLines() {
        // PubGrub's "branching error reporting" example.
        FakeIndex index = FakeIndex.of("""
                foo 1.0: a>=1.0,<2.0, b>=1.0,<2.0
                foo 1.1: x>=1.0,<2.0, y>=1.0,<2.0
                a 1.0: b>=2.0,<3.0
                b 1.0
                b 2.0
                x 1.0: y>=2.0,<3.0
                y 1.0
                y 2.0
                """);
        assertThat(ResolverScenarioTest.failure(index, "foo>=1.0,<2.0")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because foo 1.0 depends on a>=1.0,<2.0 which depends on b>=2.0,<3.0, foo 1.0 requires b>=2.0,<3.0.
                And because foo 1.0 depends on b>=1.0,<2.0, foo 1.0 cannot be used. (1)

                Because foo 1.1 depends on x>=1.0,<2.0 which depends on y>=2.0,<3.0, foo 1.1 requires y>=2.0,<3.0.
                And because foo 1.1 depends on y>=1.0,<2.0, foo 1.1 cannot be used.
                And because foo 1.0 cannot be used (1), no version of foo can be used.
                So, because you require foo>=1.0,<2.0, your requirements cannot be satisfied.""");
    }

    @Test
    void missingProjectIsNamed() {
        FakeIndex index = FakeIndex.of("a 1.0: nothere>=1");
        assertThat(ResolverScenarioTest.failure(index, "a")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because every version of a depends on nothere>=1 (not on the index) and you require a, your \
                requirements cannot be satisfied.""");
        assertThat(ResolverScenarioTest.failure(index, "nothere")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because you require nothere (not on the index), your requirements cannot be satisfied.""");
    }

    @Test
    void dependencyThatNoVersionMatchesIsNamed() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b[x]
                b 1.0 [extra x: c>=2]
                c 1.0
                """);
        assertThat(ResolverScenarioTest.failure(index, "a")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because every version of a depends on b[x] which depends on c>=2 (no version of c matches), no \
                version of a can be used.
                So, because you require a, your requirements cannot be satisfied.""");
    }

    @Test
    void incompatibleWheelsAreExplained() {
        FakeIndex index = FakeIndex.of("a 1.0 [files a-1.0-cp312-cp312-win_amd64.whl]");
        assertThat(ResolverScenarioTest.failure(index, "a")).isEqualTo(ResolverScenarioTest.HEADER + """
                Because no version of a can be used (1.0 has no wheel for 3.12-manylinux_2_28_x86_64 and no sdist) \
                and you require a, your requirements cannot be satisfied.""");
    }
}
