package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PEP 440 versions: bad input throws only {@link InvalidSpecException}; a parsed version prints to strings (its own
 * and the canonical one) that parse back equal; and the ordering is total, antisymmetric, transitive and consistent
 * with equals on the versions of an input (one per line, up to three).
 */
class VersionFuzzTest {

    @ParserFuzzTest
    void version(byte[] input) {
        Version v;
        try {
            v = Version.parse(new String(input, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            return;
        }
        assertThat(Version.parse(v.toString())).as("reparsed %s", v).isEqualTo(v);
        assertThat(Version.parse(v.toCanonicalString())).as("canonical form of %s", v).isEqualTo(v);
    }

    @ParserFuzzTest
    void ordering(byte[] input) {
        List<Version> versions = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", 4)) {
            if (versions.size() < 3) {
                Version.tryParse(line).ifPresent(versions::add);
            }
        }
        for (Version a : versions) {
            for (Version b : versions) {
                int ab = Integer.signum(a.compareTo(b));
                assertThat(ab).as("antisymmetry of %s and %s", a, b).isEqualTo(-Integer.signum(b.compareTo(a)));
                assertThat(ab == 0).as("compareTo consistent with equals for %s and %s", a, b).isEqualTo(a.equals(b));
                if (a.equals(b)) {
                    assertThat(a.hashCode()).as("hash of %s and %s", a, b).isEqualTo(b.hashCode());
                }
                for (Version c : versions) {
                    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
                        assertThat(a.compareTo(c)).as("transitivity of %s <= %s <= %s", a, b, c).isNotPositive();
                    }
                }
            }
        }
    }
}
