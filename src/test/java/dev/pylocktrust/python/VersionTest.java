package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    /** Strictly increasing, as in the PEP 440 ordering (facts from packaging's test-suite ordering table). */
    static final List<String> ORDERED = orderedVersions();

    private static List<String> orderedVersions() {
        List<String> base = List.of(
                "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0",
                "1.0a1.dev1", "1.0a1.dev1+local", "1.0a1", "1.0a1+local", "1.0b0", "1.0b1.dev456", "1.0b2",
                "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0rc0", "1.0rc1.dev1", "1.0c1", "1.0rc2",
                "1.0", "1.0.post0.dev0", "1.0.post0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local",
                "1.0.1.dev1", "1.0.1a1", "1.0.1", "1.0.1+local", "1.0.1.post1", "1.1.dev1", "1.2+a", "1.2+abc",
                "1.2+abcdef", "1.2+def", "1.2+0", "1.2+1", "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123",
                "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456");
        List<String> all = new ArrayList<>(base);
        base.forEach(v -> all.add("1!" + v));
        return List.copyOf(all);
    }

    @Test
    void orderingTableIsStrictlyIncreasingAndConsistentWithEquals() {
        for (int i = 0; i < ORDERED.size(); i++) {
            Version a = Version.parse(ORDERED.get(i));
            for (int j = 0; j < ORDERED.size(); j++) {
                Version b = Version.parse(ORDERED.get(j));
                assertThat(Integer.signum(a.compareTo(b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.compare(i, j));
                assertThat(a.equals(b)).as("%s equals %s", a, b).isEqualTo(i == j);
            }
        }
    }

    @Test
    void sortingShuffledTableRestoresOrder() {
        List<Version> shuffled = new ArrayList<>();
        ORDERED.forEach(s -> shuffled.add(Version.parse(s)));
        Collections.shuffle(shuffled, new java.util.Random(42));
        Collections.sort(shuffled);
        List<String> expected = new ArrayList<>();
        ORDERED.forEach(s -> expected.add(Version.parse(s).toString()));
        assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void specOrderingChain() {
        String[] chain = {"1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a1.post1", "1.0b1", "1.0rc1", "1.0", "1.0+local",
            "1.0.post1.dev1", "1.0.post1"};
        for (int i = 1; i < chain.length; i++) {
            assertThat(Version.parse(chain[i - 1])).as(chain[i - 1] + " < " + chain[i])
                    .isLessThan(Version.parse(chain[i]));
        }
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({
        "1.0, 1.0.0", "1.0, 1", "1, 1.0.0.0.0", "1.0a1, 1.0.alpha1", "1.0a1, 1.0-A1", "1.0rc1, 1.0c1",
        "1.0rc1, 1.0pre1", "1.0rc1, 1.0preview1", "1.0-1, 1.0.post1", "1.0.r1, 1.0.post1", "1.0rev, 1.0.post0",
        "v1.0, 1.0", "V1.0, 1.0", "0!1.0, 1.0", "00!1.2, 1.2", "1.0+01, 1.0+1", "1.0+Ubuntu-1, 1.0+ubuntu.1",
        "1.0.0+abc, 1+abc", "1.01, 1.1", "1.0.dev, 1.0.dev0", "1.2a, 1.2a0"
    })
    void pep440Equality(String a, String b) {
        Version va = Version.parse(a);
        Version vb = Version.parse(b);
        assertThat(va).isEqualTo(vb).hasSameHashCodeAs(vb);
        assertThat(va.compareTo(vb)).isZero();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource({"1.0, 1.0+local", "1.0, 1.0.post0", "1.0, 1.0.dev0", "1.0, 1.0a0", "1.0+1.1, 1.0+1.1.0",
        "1!1.0, 1.0", "1.0+abc, 1.0+ABD"})
    void pep440Inequality(String a, String b) {
        assertThat(Version.parse(a)).isNotEqualTo(Version.parse(b));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // development releases
        "1.0dev|1.0.dev0", "1.0.dev|1.0.dev0", "1.0dev1|1.0.dev1", "1.0-dev|1.0.dev0", "1.0-dev1|1.0.dev1",
        "1.0DEV|1.0.dev0", "1.0.DEV|1.0.dev0", "1.0DEV1|1.0.dev1", "1.0.DEV1|1.0.dev1", "1.0-DEV|1.0.dev0",
        "1.0_dev_1|1.0.dev1",
        // alpha
        "1.0a|1.0a0", "1.0.a|1.0a0", "1.0.a1|1.0a1", "1.0-a|1.0a0", "1.0-a1|1.0a1", "1.0alpha|1.0a0",
        "1.0.alpha|1.0a0", "1.0.alpha1|1.0a1", "1.0-alpha|1.0a0", "1.0-alpha1|1.0a1", "1.0A|1.0a0",
        "1.0.A1|1.0a1", "1.0ALPHA|1.0a0", "1.0-ALPHA1|1.0a1", "1.0_a_1|1.0a1",
        // beta
        "1.0b|1.0b0", "1.0.b1|1.0b1", "1.0-b|1.0b0", "1.0beta|1.0b0", "1.0.beta1|1.0b1", "1.0-BETA1|1.0b1",
        "1.0B|1.0b0",
        // release candidates, including c / pre / preview
        "1.0c|1.0rc0", "1.0.c1|1.0rc1", "1.0-c1|1.0rc1", "1.0rc|1.0rc0", "1.0.rc1|1.0rc1", "1.0-RC1|1.0rc1",
        "1.0C|1.0rc0", "1.0pre|1.0rc0", "1.0preview2|1.0rc2", "1.0-PRE-3|1.0rc3",
        // post releases
        "1.0post|1.0.post0", "1.0.post|1.0.post0", "1.0post1|1.0.post1", "1.0-post|1.0.post0",
        "1.0-post1|1.0.post1", "1.0POST|1.0.post0", "1.0r|1.0.post0", "1.0rev|1.0.post0", "1.0.r1|1.0.post1",
        "1.0.rev1|1.0.post1", "1.0-5|1.0.post5", "1.0-r5|1.0.post5", "1.0-rev5|1.0.post5",
        "1.0.post-1|1.0.post1", "1.0.post_1|1.0.post1",
        // local
        "1.0+AbC|1.0+abc", "1.0+abc-def_1|1.0+abc.def.1", "1.0+007|1.0+7", "1.0+007a|1.0+007a", "1.0+0|1.0+0",
        // integers
        "1.01|1.1", "1.0a05|1.0a5", "1.0b07|1.0b7", "1.0c056|1.0rc56", "1.0rc09|1.0rc9", "1.0.post000|1.0.post0",
        "1.1.dev09000|1.1.dev9000", "00!1.2|1.2", "0100!0.0|100!0.0",
        // v prefix and whitespace (trailing zeros are kept as written)
        "v1.0|1.0", "1.0.0|1.0.0", "7!1.0b2.post345.dev456|7!1.0b2.post345.dev456",
        "1.0a1.post2.dev3+local.7|1.0a1.post2.dev3+local.7",
    })
    void normalizedForm(String input, String normalized) {
        assertThat(Version.parse(input)).hasToString(normalized);
    }

    @Test
    void surroundingWhitespaceIncludingUnicodeIsAllowed() {
        assertThat(Version.parse("   v1.0\t\n")).hasToString("1.0");
        assertThat(Version.parse("\u202F1.0\t\u2029\n ")).hasToString("1.0");
        assertThat(Version.parse("\u00851.0\u00A0")).hasToString("1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "french toast", "1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1", "1. 0", "1 .0", "1. 0a1",
        "1 .0a1", "1.0 a1", "1.0a 1", "\u0660\u0661\u0662.\u0663\u0664\u0665", ".", "..", "1..0", "1.0.", ".1.0",
        "1..2.3", "1.0+\u0130", "1.0+\u212a", "1.0\u212a1", "", "   ", "v", "1.0-", "1.0+", "1!", "!1.0",
        "1.0.dev1.dev2", "1.0a1a2", "1.0.post1.post2", "1.0-SNAPSHOT", "2004d", "1.0.x", "1.*", "1.0\u0000",
        "\uFF11.0", "1.0_", "1.0-_1", "-1.0",
    })
    void invalidVersionsAreRejected(String input) {
        assertThatThrownBy(() -> Version.parse(input)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("invalid version '");
        assertThat(Version.tryParse(input)).isEmpty();
    }

    @Test
    void invalidVersionMessages() {
        assertThatThrownBy(() -> Version.parse("french toast"))
                .hasMessage("invalid version 'french toast': contains whitespace at index 6"
                        + " (only leading and trailing whitespace is allowed)");
        assertThatThrownBy(() -> Version.parse("1.0-SNAPSHOT"))
                .hasMessage("invalid version '1.0-SNAPSHOT': does not follow the PEP 440 version scheme"
                        + " ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], e.g. 1.2.3, 2.0rc1,"
                        + " 1!1.0.post2.dev3+ubuntu.1)");
        assertThatThrownBy(() -> Version.parse("1.0+foo&asd"))
                .hasMessage("invalid version '1.0+foo&asd': local version label 'foo&asd' must be ASCII letters"
                        + " and digits separated by '.', '-' or '_'");
        assertThatThrownBy(() -> Version.parse(""))
                .hasMessage("invalid version '': is empty");
        assertThatThrownBy(() -> Version.parse(" \t "))
                .hasMessage("invalid version ' \\t ': is blank");
        assertThatThrownBy(() -> Version.parse("1.0\u001b[31m"))
                .hasMessageStartingWith("invalid version '1.0\\u001B[31m': ");
    }

    @Test
    void hugeNumbersAreRejectedNotWrapped() {
        String huge = "9".repeat(30);
        assertThatThrownBy(() -> Version.parse("1." + huge))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid version '1." + huge + "': release number '" + huge
                        + "' is larger than 9223372036854775807");
        assertThatThrownBy(() -> Version.parse("1.0a" + huge)).hasMessageContaining("pre-release number");
        assertThatThrownBy(() -> Version.parse(huge + "!1.0")).hasMessageContaining("epoch number");
        assertThatThrownBy(() -> Version.parse("1.0.post" + huge)).hasMessageContaining("post-release number");
        assertThatThrownBy(() -> Version.parse("1.0.dev" + huge)).hasMessageContaining("dev-release number");
        assertThat(Version.parse("1.9223372036854775807").releasePart(1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void hugeLocalNumbersCompareNumerically() {
        Version big = Version.parse("1.0+" + "9".repeat(40));
        Version bigger = Version.parse("1.0+1" + "0".repeat(40));
        assertThat(big).isLessThan(bigger);
        assertThat(Version.parse("1.0+000" + "9".repeat(40))).isEqualTo(big);
    }

    @Test
    void overlongInputIsRejected() {
        String longVersion = "1." + "0".repeat(1100);
        assertThatThrownBy(() -> Version.parse(longVersion))
                .hasMessageStartingWith("invalid version '1.000")
                .hasMessageEndingWith("...' (1102 characters): is longer than 1000 characters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // input | epoch | release | pre | post | dev | local | public | base | pre? | dev? | post?
        "1.0|0|[1, 0]|-|-|-|-|1.0|1.0|false|false|false",
        "1.0.dev6|0|[1, 0]|-|-|6|-|1.0.dev6|1.0|true|true|false",
        "1.0a1|0|[1, 0]|a1|-|-|-|1.0a1|1.0|true|false|false",
        "1.0a1.post5.dev6|0|[1, 0]|a1|5|6|-|1.0a1.post5.dev6|1.0|true|true|true",
        "1.0rc4|0|[1, 0]|rc4|-|-|-|1.0rc4|1.0|true|false|false",
        "1.0.post5|0|[1, 0]|-|5|-|-|1.0.post5|1.0|false|false|true",
        "1!1.0a1.post5+deadbeef|1|[1, 0]|a1|5|-|deadbeef|1!1.0a1.post5|1!1.0|true|false|true",
        "1.0+dev|0|[1, 0]|-|-|-|dev|1.0|1.0|false|false|false",
        "1.0.post1+dev|0|[1, 0]|-|1|-|dev|1.0.post1|1.0|false|false|true",
        "2!3.4.5.6rc7.post8.dev9+Ab.0C|2|[3, 4, 5, 6]|rc7|8|9|ab.0c|2!3.4.5.6rc7.post8.dev9|2!3.4.5.6|true|true|true",
        "1.0.0|0|[1, 0, 0]|-|-|-|-|1.0.0|1.0.0|false|false|false",
    })
    void accessors(String input, long epoch, String release, String pre, Long post, Long dev, String local,
            String publicVersion, String baseVersion, boolean isPre, boolean isDev, boolean isPost) {
        Version v = Version.parse(input);
        assertThat(v.epoch()).isEqualTo(epoch);
        assertThat(v.release()).hasToString(release);
        assertThat(v.pre().map(PreRelease::toString)).isEqualTo(Optional.ofNullable(pre));
        assertThat(v.post()).isEqualTo(post == null ? OptionalLong.empty() : OptionalLong.of(post));
        assertThat(v.dev()).isEqualTo(dev == null ? OptionalLong.empty() : OptionalLong.of(dev));
        assertThat(v.local()).isEqualTo(Optional.ofNullable(local));
        assertThat(v.hasLocal()).isEqualTo(local != null);
        assertThat(v.publicVersion()).hasToString(publicVersion);
        assertThat(v.baseVersion()).hasToString(baseVersion);
        assertThat(v.isPrerelease()).isEqualTo(isPre);
        assertThat(v.isDevRelease()).isEqualTo(isDev);
        assertThat(v.isPostRelease()).isEqualTo(isPost);
    }

    @Test
    void preReleaseSpellingsNormalizeLabel() {
        assertThat(Version.parse("1.0alpha2").pre()).contains(new PreRelease("a", 2));
        assertThat(Version.parse("1.0BETA").pre()).contains(new PreRelease("b", 0));
        assertThat(Version.parse("1.0preview3").pre()).contains(new PreRelease("rc", 3));
        assertThatThrownBy(() -> new PreRelease("c", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releaseListIsImmutable() {
        List<Long> release = Version.parse("1.2.3").release();
        assertThatThrownBy(() -> release.add(4L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Version.parse("1.2").releasePart(5)).isZero();
        assertThat(Version.parse("1.2.0").releaseSize()).isEqualTo(3);
    }

    @Test
    void tryParseKeepsLegacyStringsOpaque() {
        assertThat(Version.tryParse("1.0.0")).contains(Version.parse("1"));
        assertThat(Version.tryParse("0.1.0-beta.1+build")).contains(Version.parse("0.1.0b1+build"));
        assertThat(Version.tryParse("0.1.0-beta.1.2")).isEmpty();
        assertThat(Version.tryParse(null)).isEmpty();
    }
}
