package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Wheel and sdist filenames and project names, as indexes and attestation subjects spell them: bad input throws
 * only {@link InvalidSpecException}; "same distribution" is reflexive and symmetric (the input's first two lines);
 * a project name's normal form is valid, normalized and stable.
 */
class DistributionFilenameFuzzTest {

    @ParserFuzzTest
    void filename(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        DistributionFilename a;
        try {
            a = DistributionFilename.parse(lines[0]);
        } catch (InvalidSpecException e) {
            return;
        }
        assertThat(a.sameDistribution(a)).as("%s is itself", a).isTrue();
        assertThat(DistributionFilename.parse(a.filename())).as("reparsed %s", a).isEqualTo(a);
        if (lines.length > 1) {
            try {
                DistributionFilename b = DistributionFilename.parse(lines[1]);
                assertThat(b.sameDistribution(a)).as("%s and %s", a, b).isEqualTo(a.sameDistribution(b));
            } catch (InvalidSpecException e) {
                // the second line need not be a filename
            }
        }
    }

    @ParserFuzzTest
    void projectName(byte[] input) {
        PackageName name;
        try {
            name = PackageName.of(new String(input, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            return;
        }
        String normal = name.value();
        assertThat(PackageName.isNormalized(normal)).as("normal form of %s", name).isTrue();
        assertThat(PackageName.normalize(normal)).isEqualTo(normal);
        assertThat(PackageName.of(normal)).isEqualTo(name);
    }
}
