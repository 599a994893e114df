package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierSetTest {

    private static List<Version> versions(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(Version::parse).collect(Collectors.toList());
    }

    /** PEP 440 default: finals only, pre-releases if a clause names one or if nothing else matches. */
    @ParameterizedTest(name = "{0} filters [{1}] to [{2}]")
    @CsvSource(delimiter = '|', value = {
        ">=1.0.dev1|1.0 2.0a1|1.0 2.0a1",
        ">=1.2.3|1.2 1.5a1|1.5a1",
        ">=1.2.3|1.3 1.5a1|1.3",
        ">=1.2.3|1.2 1.2.3 1.3 1.4|1.2.3 1.3 1.4",
        ">=1.0|2.0a1|2.0a1",
        "!=2.0a1|1.0a2 1.0 2.0a1|1.0",
        "==2.0a1|2.0a1|2.0a1",
        ">2.0a1|2.0a1 3.0a2 3.0|3.0a2 3.0",
        "<2.0a1|1.0a2 1.0 2.0a1|1.0a2 1.0",
        "~=2.0a1|1.0 2.0a1 3.0a2 3.0|2.0a1",
        "|1.3 1.5a1|1.3",
        "|1.5a1|1.5a1",
        ">=1.0,<=2.0|1.0 1.5a1|1.0",
        ">=1.0,<=2.0dev|1.0 1.5a1|1.0 1.5a1",
        ">=1.0,===1.5|1.0 1.5 2.0|1.5",
        ">=2.0,===1.5|1.0 1.5 2.0|",
        "!=1.0,!=2.0|1.0 2.0 3.0|3.0",
        ">=1.0,!=2.0|1.0 2.0 3.0|1.0 3.0",
        "==1.*,>=1.0|0.9 1.0 1.5 2.0|1.0 1.5",
        "===1.0|1.0 1.0.0 2.0|1.0",
        "===1.0|1.0 1.0+downstream1|1.0",
        ">=1.0,<2|2.0.dev1 1.9 1.9.1rc1 1.0 0.9|1.9 1.0",
        "<1|1.0a1 0.9rc1|0.9rc1",
    })
    void filterWithDefaultPrereleaseHandling(String spec, String input, String expected) {
        SpecifierSet set = SpecifierSet.parse(spec == null ? "" : spec);
        assertThat(set.filter(versions(input))).containsExactlyElementsOf(versions(expected));
    }

    @ParameterizedTest(name = "{0} filters [{1}] (allow={2}) to [{3}]")
    @CsvSource(delimiter = '|', value = {
        ">=1.0.dev1|1.0 2.0a1|false|1.0 2.0a1",
        ">=1.0|1.0 2.0a1|false|1.0",
        ">=1.0|1.0 2.0a1|true|1.0 2.0a1",
        ">=1.0|2.0a1|false|",
        ">=1.0,<=2.0dev|1.0 1.5a1|false|1.0 1.5a1",
        "|1.0 1.5a1|true|1.0 1.5a1",
    })
    void filterWithExplicitPrereleasePolicy(String spec, String input, boolean allow, String expected) {
        SpecifierSet set = SpecifierSet.parse(spec == null ? "" : spec);
        assertThat(set.filter(versions(input), allow)).containsExactlyElementsOf(versions(expected));
    }

    @Test
    void filterByKeepsItemsCarryingVersions() {
        record File(String name, Version version) {}
        List<File> files = List.of(new File("a", Version.parse("1.0")), new File("b", Version.parse("2.0rc1")),
                new File("c", Version.parse("1.5")));
        assertThat(SpecifierSet.parse("<2").filter(files, File::version)).extracting(File::name).containsExactly("a", "c");
        assertThat(SpecifierSet.parse(">=1.6").filter(files, File::version)).extracting(File::name).containsExactly("b");
    }

    @ParameterizedTest(name = "{1} in {0} (allow={2}) is {3}")
    @CsvSource(delimiter = '|', value = {
        ">=1.0.0,!=1.0.1|1.2.3|false|true",
        ">=1.0.0,!=1.0.1|1.0.1|false|false",
        ">=1.0.0,!=1.0.1|1.3.0a1|false|false",
        ">=1.0.0,!=1.0.1|1.3.0a1|true|true",
        "|1.0.dev1|false|false",
        "|1.0.dev1|true|true",
        "|1.0|false|true",
        ">=1.0a1|1.0a1|false|true",
        "<1.0.dev1|0.9.dev0|false|true",
        "==2.0.dev1|2.0.dev1|false|true",
        "~=1.0|1.1.0.dev1|true|true",
        "~=1.0|3.0.0.dev1|true|false",
        ">=1.0|1.0.0.dev1|true|false",
        "<=1.0|1.0.0.dev1|true|true",
        "<1.0|1.0.0.dev1|true|false",
        "<1.0|0.9.0.dev1|true|true",
        ">=1.0,<3.0|2.0.dev1|true|true",
        "!=2.0|2.0.dev1|true|true",
        "==1.*|1.5.0a1|true|true",
    })
    void containsVersion(String spec, String version, boolean allow, boolean expected) {
        SpecifierSet set = SpecifierSet.parse(spec == null ? "" : spec);
        assertThat(set.contains(Version.parse(version), allow)).isEqualTo(expected);
        assertThat(set.contains(version, allow)).isEqualTo(expected);
    }

    @Test
    void containsStringHandlesArbitraryEqualityAndInvalidVersions() {
        assertThat(SpecifierSet.parse("===foobar").contains("foobar", false)).isTrue();
        assertThat(SpecifierSet.parse("===foobar").contains("FOOBAR", false)).isTrue();
        assertThat(SpecifierSet.parse("===foobar").contains("foo", false)).isFalse();
        assertThat(SpecifierSet.parse(">=1.0,===foobar").contains("foobar", false)).isFalse();
        assertThat(SpecifierSet.parse("!=1.0").contains("invalid", false)).isFalse();
        assertThat(SpecifierSet.empty().contains("invalid version", false)).isTrue();
    }

    @Test
    void parsesClausesWithWhitespaceAndSkipsEmptyOnes() {
        SpecifierSet set = SpecifierSet.parse(" >=1.0 , <2,!=1.5.*,~=1.4.2,===foo, ");
        assertThat(set.specifiers()).extracting(Specifier::toString)
                .containsExactly(">=1.0", "<2", "!=1.5.*", "~=1.4.2", "===foo");
        assertThat(SpecifierSet.parse("").isEmpty()).isTrue();
        assertThat(SpecifierSet.parse("  ,  ")).isEqualTo(SpecifierSet.empty());
    }

    @Test
    void parseErrorsNameTheClause() {
        assertThatThrownBy(() -> SpecifierSet.parse(">=1.0,=>2"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid specifier set '>=1.0,=>2': clause '=>2': unknown operator '=>' (expected one of"
                        + " ~=, ==, !=, <=, >=, <, >, ===)");
        assertThatThrownBy(() -> SpecifierSet.parse(">=1.0,~=1"))
                .hasMessage("invalid specifier set '>=1.0,~=1': clause '~=1': '~=' needs at least two release"
                        + " numbers (e.g. ~=1.0, meaning >=1.0, ==1.*)");
        assertThatThrownBy(() -> SpecifierSet.parse(">=1 <2"))
                .hasMessageStartingWith("invalid specifier set '>=1 <2': clause '>=1 <2': version part '1 <2': ");
    }

    @Test
    void limitsAreEnforced() {
        String many = String.join(",", java.util.Collections.nCopies(129, ">=1"));
        assertThatThrownBy(() -> SpecifierSet.parse(many)).hasMessageEndingWith(": has more than 128 clauses");
        String huge = ">=" + "1".repeat(5000);
        assertThatThrownBy(() -> SpecifierSet.parse(huge)).hasMessageEndingWith(": is longer than 4096 characters");
    }

    @Test
    void stringFormIsSortedAndDeduplicated() {
        assertThat(SpecifierSet.parse(">=1.0.0,!=1.0.1")).hasToString("!=1.0.1,>=1.0.0");
        assertThat(SpecifierSet.parse(">=1.0,>=1.0.0,<2")).hasToString("<2,>=1.0");
        assertThat(SpecifierSet.empty()).hasToString("");
    }

    @Test
    void equalityIgnoresOrderAndSpelling() {
        assertThat(SpecifierSet.parse(">=1,<2")).isEqualTo(SpecifierSet.parse("<2.0, >=1.0"))
                .hasSameHashCodeAs(SpecifierSet.parse("<2.0, >=1.0"));
        assertThat(SpecifierSet.parse(">=1,<2")).isNotEqualTo(SpecifierSet.parse(">=1,<3"));
        assertThat(SpecifierSet.parse(">=1.0").and(SpecifierSet.parse("<2"))).isEqualTo(SpecifierSet.parse("<2,>=1.0"));
    }

    @Test
    void prereleaseImplicationIsAnyClause() {
        assertThat(SpecifierSet.parse(">=1.0,<2.0b1").impliesPrereleases()).isTrue();
        assertThat(SpecifierSet.parse(">=1.0,!=2.0b1").impliesPrereleases()).isFalse();
        assertThat(SpecifierSet.empty().impliesPrereleases()).isFalse();
    }
}
