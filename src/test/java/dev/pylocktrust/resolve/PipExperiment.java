package dev.pylocktrust.resolve;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Manual experiment: compare with pip on a range of seeds, printing each disagreement. */
class PipExperiment {
    @Test
    @EnabledIfSystemProperty(named = "pip.experiment", matches = ".+")
    void run() throws Exception {
        java.util.List<Long> seeds = new java.util.ArrayList<>();
        for (String part : System.getProperty("pip.experiment").split(",")) {
            String[] range = part.split("-");
            for (long s = Long.parseLong(range[0]); s <= Long.parseLong(range[range.length - 1]); s++) {
                seeds.add(s);
            }
        }
        int agree = 0, bothFail = 0, weOnly = 0, pipOnly = 0, disagree = 0;
        try (LocalSimpleIndex index = new LocalSimpleIndex()) {
            for (long seed : seeds) {
                GraphGenerator.Graph g = GraphGenerator.differential(seed);
                index.serve(g);
                PipRunner.Outcome pip = PipRunner.resolve(index.url(), g.roots(), g.constraints(),
                        Path.of("target/pip-experiment"));
                Map<String, String> ours = null;
                String ourFailure = null;
                try {
                    ours = new Resolver(g.toFakeIndex(), ResolverOptions.DEFAULT)
                            .resolve(GeneratedGraphsTest.request(g), GeneratedGraphsTest.TARGET).asStrings();
                } catch (ResolutionException e) {
                    ourFailure = e.getMessage();
                }
                if (pip.succeeded() && ours != null) {
                    if (pip.versions().equals(ours)) {
                        agree++;
                    } else {
                        disagree++;
                        SolutionEnumerator en = new SolutionEnumerator(g, GeneratedGraphsTest.TARGET.markerEnvironment(),
                                GeneratedGraphsTest.TARGET.pythonVersion());
                        var max = en.maximal();
                        String cls = SolutionEnumerator.dominates(ours, pip.versions()) ? "OURS-DOMINATES"
                                : SolutionEnumerator.dominates(pip.versions(), ours) ? "PIP-DOMINATES" : "INCOMPARABLE";
                        System.out.println("DISAGREE " + cls + " ours-maximal=" + max.contains(ours) + " pip-maximal="
                                + max.contains(pip.versions()) + " maxima=" + max.size() + " of "
                                + en.solutions().size() + " complete=" + en.complete() + "\n" + g + "pip:  "
                                + pip.versions() + "\nours: " + ours + "\n");
                    }
                } else if (!pip.succeeded() && ours == null) {
                    bothFail++;
                } else if (ours != null) {
                    weOnly++;
                    System.out.println("WE-ONLY " + g + "ours: " + ours + "\npip: " + pip.failure() + "\n");
                } else {
                    pipOnly++;
                    System.out.println("PIP-ONLY " + g + "pip: " + pip.versions() + "\nours: " + ourFailure + "\n");
                }
            }
        }
        System.out.printf("agree %d, both fail %d, we only %d, pip only %d, disagree %d%n", agree, bothFail, weOnly,
                pipOnly, disagree);
    }
}
