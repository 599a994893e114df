package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * PEP 440 specifier sets: bad input throws only {@link InvalidSpecException}; a parsed set prints to a string that
 * parses back equal; and matching it against any version (the input's further lines) never throws and gives the
 * same answer for the reparsed set.
 */
class SpecifierFuzzTest {

    @ParserFuzzTest
    void specifierSet(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 4);
        SpecifierSet set;
        try {
            set = SpecifierSet.parse(lines[0]);
        } catch (InvalidSpecException e) {
            return;
        }
        SpecifierSet reparsed = SpecifierSet.parse(set.toString());
        assertThat(reparsed).as("reparsed %s", set).isEqualTo(set);
        for (int i = 1; i < Math.min(lines.length, 3); i++) {
            Version.tryParse(lines[i]).ifPresent(v -> {
                for (boolean pre : new boolean[] {false, true}) {
                    assertThat(reparsed.contains(v, pre)).as("%s contains %s", set, v).isEqualTo(set.contains(v, pre));
                }
            });
        }
    }
}
