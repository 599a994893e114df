package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.TargetEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every resolution of 500 generated graphs satisfies every requirement (checked from first principles by
 * {@link SolutionChecker}); every failure is explained in words. The comparison with pip is
 * {@code PipDifferentialIT}.
 */
class GeneratedGraphsTest {
    static final TargetEnvironment TARGET = TargetEnvironment.parse("3.11.7-manylinux_2_28_x86_64");

    static ResolutionRequest request(GraphGenerator.Graph g) {
        return ResolutionRequest.of(g.roots().stream().map(Requirement::parse).toList())
                .withConstraints(g.constraints().stream().map(Requirement::parse).toList());
    }

    @Test
    void everySolutionSatisfiesEveryRequirement() {
        int solved = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (long seed = 1; seed <= 500; seed++) {
            GraphGenerator.Graph g = GraphGenerator.differential(seed);
            try {
                Resolution r = new Resolver(g.toFakeIndex(), ResolverOptions.DEFAULT).resolve(request(g), TARGET);
                List<String> p = SolutionChecker.check(g, TARGET.markerEnvironment(), TARGET.pythonVersion(),
                        r.asStrings());
                if (!p.isEmpty()) {
                    problems.add(g + "solution " + r.asStrings() + "\nproblems: " + p);
                }
                solved++;
            } catch (ResolutionException e) {
                assertThat(e.getMessage()).as(g.toString()).startsWith("cannot resolve the requirements for")
                        .contains("Because ").doesNotContain("null");
                failed++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(solved).isGreaterThan(200);
        assertThat(failed).isGreaterThan(10);
    }
}
