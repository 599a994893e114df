package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PEP 508 requirements and environment markers: bad input throws only {@link InvalidSpecException}; what parses
 * prints to a string that parses back equal; and evaluating a marker never throws and gives the same answer for the
 * reparsed marker, in a few target environments.
 */
class RequirementFuzzTest {
    private static final List<MarkerEnvironment> ENVIRONMENTS = List.of(MarkerEnvironment.linuxX86_64("3.12.4"),
            MarkerEnvironment.windowsAmd64("3.9.13"), MarkerEnvironment.macosArm64("3.13.0"));

    @ParserFuzzTest
    void requirement(byte[] input) {
        Requirement r;
        try {
            r = Requirement.parse(new String(input, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            return;
        }
        Requirement reparsed = Requirement.parse(r.toString());
        assertThat(reparsed).as("reparsed %s", r).isEqualTo(r);
        for (MarkerEnvironment env : ENVIRONMENTS) {
            assertThat(reparsed.appliesTo(env)).as("%s in %s", r, env).isEqualTo(r.appliesTo(env));
        }
    }

    @ParserFuzzTest
    void marker(byte[] input) {
        Marker m;
        try {
            m = Marker.parse(new String(input, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            return;
        }
        Marker reparsed = Marker.parse(m.toString());
        assertThat(reparsed).as("reparsed %s", m).isEqualTo(m);
        for (MarkerEnvironment env : ENVIRONMENTS) {
            assertThat(reparsed.evaluate(env)).as("%s in %s", m, env).isEqualTo(m.evaluate(env));
        }
    }
}
