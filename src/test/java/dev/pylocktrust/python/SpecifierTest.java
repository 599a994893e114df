package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"~=2.0", "==2.1.*", "==2.1.0.3", "!=2.2.*", "!=2.2.0.5", "<=5", ">=7.9a1", "<1.0.dev1",
        ">2.0.post1", "===foo", "== 1.0", "  >=  1.0  ", "==1.0+local", "!=1.0+abc.1", "==0!2.*", "~=2!1.0",
        "==v1.0", "=== 1.0", "==V1.*"})
    void validSpecifiers(String text) {
        Specifier.parse(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "2.0 => missing comparison operator (expected one of ~=, ==, !=, <=, >=, <, >, ===)",
        "=>2.0 => unknown operator '=>' (expected one of ~=, ==, !=, <=, >=, <, >, ===)",
        "<>2.0 => version part '>2.0': does not follow the PEP 440 version scheme ([N!]N(.N)*[{a|b|rc}N][.postN]"
                + "[.devN][+local], e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
        "== => no version after '=='",
        "=== => no version after '==='",
        "~=1.0+5 => a local version label (+5) is only allowed with == and !=",
        ">=1.0+deadbeef => a local version label (+deadbeef) is only allowed with == and !=",
        "<=1.0+abc123 => a local version label (+abc123) is only allowed with == and !=",
        ">1.0+watwat => a local version label (+watwat) is only allowed with == and !=",
        "<1.0+1.0 => a local version label (+1.0) is only allowed with == and !=",
        "~=1.0.* => a prefix match ('.*') is only allowed with == and !=, not ~=",
        ">=1.0.* => a prefix match ('.*') is only allowed with == and !=, not >=",
        "<=1.0.* => a prefix match ('.*') is only allowed with == and !=, not <=",
        ">1.0.* => a prefix match ('.*') is only allowed with == and !=, not >",
        "<1.0.* => a prefix match ('.*') is only allowed with == and !=, not <",
        "==1.0.*+5 => version part '1.0.*+5': does not follow the PEP 440 version scheme ([N!]N(.N)*[{a|b|rc}N]"
                + "[.postN][.devN][+local], e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
        "==2.0a1.* => a prefix match ('.*') must follow a plain release such as 1.4 or 2!1.4, not '2.0a1'"
                + " (no pre, post, dev or local part)",
        "!=2.0.post1.* => a prefix match ('.*') must follow a plain release such as 1.4 or 2!1.4, not '2.0.post1'"
                + " (no pre, post, dev or local part)",
        "==2.0.dev1.* => a prefix match ('.*') must follow a plain release such as 1.4 or 2!1.4, not '2.0.dev1'"
                + " (no pre, post, dev or local part)",
        "==1.0+5.* => a prefix match ('.*') must follow a plain release such as 1.4 or 2!1.4, not '1.0+5'"
                + " (no pre, post, dev or local part)",
        "==1.0.*.5 => version part '1.0.*.5': does not follow the PEP 440 version scheme ([N!]N(.N)*[{a|b|rc}N]"
                + "[.postN][.devN][+local], e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
        "~=1 => '~=' needs at least two release numbers (e.g. ~=1.0, meaning >=1.0, ==1.*)",
        "=== a b => the operand of '===' must not contain whitespace, ';' or ')'",
        "===foo;bar => the operand of '===' must not contain whitespace, ';' or ')'",
    })
    void invalidSpecifiers(String text, String reason) {
        assertThatThrownBy(() -> Specifier.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid specifier " + Inputs.quote(text) + ": " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"==1.2+\u0130", "==1.2+\u0130\u0131\u017fK", "~=1.2.3prev\u0131ew1", "~=1.2.3po\u017ft1",
        "~=1.0.*", "==1.0.dev1.*", "!=1.0.dev1.*", "!=1.0.*+deadbeef", "!=1.0+deadbeef.*"})
    void nonAsciiLookalikesAndMisplacedWildcardsAreRejected(String text) {
        assertThatThrownBy(() -> Specifier.parse(text)).isInstanceOf(InvalidSpecException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0dev", "1.0.dev", "1.0-DEV1", "1.0a", "1.0.alpha1", "1.0-ALPHA", "1.0B1", "1.0beta",
        "1.0c", "1.0.RC1", "1.0post", "1.0-POST1", "1.0-5", "1.01", "1.0a05", "1.0c056", "1.1.dev09000",
        "00!1.2", "0100!0.0", "v1.0", "  \r \f \u000b v1.0\t\n"})
    void everyOperatorAcceptsEveryVersionSpelling(String version) {
        for (String op : List.of("~=", "==", "!=", "<=", ">=", "<", ">")) {
            Specifier.parse(op + version);
        }
    }

    /** Facts from packaging's test_specifiers table: (version, specifier) pairs that match / do not match. */
    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
        // equality
        "2.0, ==2, true", "2.0, ==2.0, true", "2.0, ==2.0.0, true", "2.0+deadbeef, ==2, true",
        "2.0+deadbeef, ==2.0, true", "2.0+deadbeef, ==2.0.0, true", "2.0+deadbeef, ==2+deadbeef, true",
        "2.0+deadbeef, ==2.0+deadbeef, true", "2.0+deadbeef, ==2.0.0+deadbeef, true",
        "2.0+deadbeef.0, ==2.0.0+deadbeef.00, true",
        "2.1, ==2, false", "2.1, ==2.0, false", "2.1, ==2.0.0, false", "2.0, ==2.0+deadbeef, false",
        // equality with a prefix
        "2.dev1, ==2.*, true", "2a1, ==2.*, true", "2a1.post1, ==2.*, true", "2b1, ==2.*, true",
        "2b1.dev1, ==2.*, true", "2c1, ==2.*, true", "2c1.post1.dev1, ==2.*, true", "2c1.post1.dev1, ==2.0.*, true",
        "2rc1, ==2.*, true", "2rc1, ==2.0.*, true", "2, ==2.*, true", "2, ==2.0.*, true", "2, ==2.0.0.*, true",
        "2, ==0!2.*, true", "0!2, ==2.*, true", "2.0, ==2.*, true", "2.0.0, ==2.*, true", "2.0.0.0, ==2.0.*, true",
        "2.1+local.version, ==2.1.*, true",
        "2.0, ==3.*, false", "2.1, ==2.0.*, false", "3, ==2.0.0.*, false", "2.1.0.0, ==2.0.*, false",
        // inequality
        "2.1, !=2, true", "2.1, !=2.0, true", "2.0.1, !=2, true", "2.0.1, !=2.0, true", "2.0.1, !=2.0.0, true",
        "2.0, !=2.0+deadbeef, true",
        "2.0, !=2, false", "2.0, !=2.0, false", "2.0, !=2.0.0, false", "2.0+deadbeef, !=2, false",
        "2.0+deadbeef, !=2.0, false", "2.0+deadbeef, !=2.0.0, false", "2.0+deadbeef, !=2+deadbeef, false",
        "2.0+deadbeef, !=2.0+deadbeef, false", "2.0+deadbeef, !=2.0.0+deadbeef, false",
        "2.0+deadbeef.0, !=2.0.0+deadbeef.00, false",
        // inequality with a prefix
        "2.0, !=3.*, true", "2.1, !=2.0.*, true", "3, !=2.0.0.*, true", "2.1.0.0, !=2.0.*, true",
        "2.dev1, !=2.*, false", "2a1, !=2.*, false", "2a1.post1, !=2.*, false", "2b1, !=2.*, false",
        "2b1.dev1, !=2.*, false", "2c1, !=2.*, false", "2c1.post1.dev1, !=2.*, false",
        "2c1.post1.dev1, !=2.0.*, false", "2rc1, !=2.*, false", "2rc1, !=2.0.*, false", "2, !=2.*, false",
        "2, !=2.0.*, false", "2, !=2.0.0.*, false", "2.0, !=2.*, false", "2.0.0, !=2.*, false",
        "2.0.0.0, !=2.0.*, false",
        // >=
        "2.0, >=2, true", "2.0, >=2.0, true", "2.0, >=2.0.0, true", "2.0.post1, >=2, true",
        "2.0.post1.dev1, >=2, true", "3, >=2, true", "3.0.0a8, >=3.0.0a7, true",
        "2.0.dev1, >=2, false", "2.0a1, >=2, false", "2.0a1.dev1, >=2, false", "2.0b1, >=2, false",
        "2.0b1.post1, >=2, false", "2.0c1, >=2, false", "2.0c1.post1.dev1, >=2, false", "2.0rc1, >=2, false",
        "1, >=2, false",
        // <=
        "2.0, <=2, true", "2.0, <=2.0, true", "2.0, <=2.0.0, true", "2.0.dev1, <=2, true", "2.0a1, <=2, true",
        "2.0a1.dev1, <=2, true", "2.0b1, <=2, true", "2.0b1.post1, <=2, true", "2.0c1, <=2, true",
        "2.0c1.post1.dev1, <=2, true", "2.0rc1, <=2, true", "1, <=2, true", "3.0.0a7, <=3.0.0a8, true",
        "2.0+local, <=2, true",
        "2.0.post1, <=2, false", "2.0.post1.dev1, <=2, false", "3, <=2, false",
        // >
        "3, >2, true", "2.1, >2.0, true", "2.0.1, >2, true", "2.1.post1, >2, true", "2.1+local.version, >2, true",
        "3.0.0a8, >3.0.0a7, true", "2.0.5, >2.0dev, true",
        "1.0+local, >1.0.dev1, true", "4.1.0a2.dev1235+local, >4.1.0a2.dev1234, true", "1.0a2+local, >1.0a1, true",
        "1.0b2+local, >1.0b1, true", "1.0rc2+local, >1.0rc1, true", "1.0.post2+local, >1.0.post1, true",
        "1.0.dev2+local, >1.0.dev1, true", "1.0a1.dev2+local, >1.0a1.dev1, true",
        "1.0.post1.dev2+local, >1.0.post1.dev1, true",
        "1, >2, false", "2.0.dev1, >2, false", "2.0a1, >2, false", "2.0a1.post1, >2, false", "2.0b1, >2, false",
        "2.0b1.dev1, >2, false", "2.0c1, >2, false", "2.0c1.post1.dev1, >2, false", "2.0rc1, >2, false",
        "2.0, >2, false", "2.0.post1, >2, false", "2.0.post1.dev1, >2, false", "2.0+local.version, >2, false",
        "4.1.0a2.dev1234+local, >4.1.0a2.dev1234, false", "1.0a1+local, >1.0a1, false", "1.0b1+local, >1.0b1, false",
        "1.0rc1+local, >1.0rc1, false", "1.0.post1+local, >1.0.post1, false", "1.0.dev1+local, >1.0.dev1, false",
        "1.0a1.dev1+local, >1.0a1.dev1, false", "1.0.post1.dev1+local, >1.0.post1.dev1, false",
        // > around post and dev releases
        "1.0.dev0, >1.0.dev1, false", "1.0.dev2, >1.0.dev1, true", "1.0.post0, >1.0.dev1, true",
        "1.0.post1, >1.0.dev1, true", "1.0.post0, >1.0.dev0, true", "1.0.post0, >1.0a1, true",
        "1.0.post0, >1.0b1, true", "1.0.post0, >1.0rc1, true", "1.0a1.post0, >1.0a1, false",
        "1.0b2.post0, >1.0b2, false", "1.0rc1.post0, >1.0rc1, false", "1.0a2.post0, >1.0a1, true",
        "1.0b2.post0, >1.0b1, true", "1.0, >1.0.dev1, true", "1.0a1, >1.0.dev1, true", "1.1, >1.0.dev1, true",
        "1.0.post0, >1.0, false", "1.0.post1, >1.0, false", "2.0.post0, >1.0, true", "0.9.post0, >1.0, false",
        "1.1.post0, >1.0.dev1, true", "0.9.post0, >1.0.dev1, false", "1.7.post3, >1.7.post2, true",
        // <
        "1, <2, true", "2.0, <2.1, true", "2.0.dev0, <2.1, true", "3.0.0a7, <3.0.0a8, true",
        "2.0.dev1, <2, false", "2.0a1, <2, false", "2.0a1.post1, <2, false", "2.0b1, <2, false",
        "2.0b2.dev1, <2, false", "2.0c1, <2, false", "2.0c1.post1.dev1, <2, false", "2.0rc1, <2, false",
        "2.0, <2, false", "2.post1, <2, false", "2.post1.dev1, <2, false", "3, <2, false",
        // < around post releases
        "1.0.post1.dev0, <1.0.post1, false", "1.0.post0.dev0, <1.0.post0, false", "1.0.dev0, <1.0.post1, true",
        "1.0a1, <1.0.post1, true", "1.0rc1, <1.0.post1, true", "1.0.dev0, <1.0.post0, true",
        "1.0rc2, <1.0.post0, true", "1.0.post0.dev0, <1.0.post1, true", "1.0.post1.dev0, <1.0.post2, true",
        "1.0, <1.0.post1, true", "1.0.post0, <1.0.post1, true", "0.9, <1.0.post1, true", "1.0, <1.0.post0, true",
        "1.0.post9.dev0, <1.0.post10, true", "1.0+local, <1.0.post1, true", "1.0.post0+local, <1.0.post1, true",
        "0.9.dev0, <1.0.post1, true", "2.0a1, <2.0a2, true", "0.9+local, <1.0, true", "1.0+local, <1.0, false",
        // ~=
        "1, ~=1.0, true", "1.0.1, ~=1.0, true", "1.1, ~=1.0, true", "1.9999999, ~=1.0, true", "1.1, ~=1.0a1, true",
        "2022.01.01, ~=2022.01.01, true", "2.0, ~=1.0, false", "1.1.0, ~=1.0.0, false", "1.1.post1, ~=1.0.0, false",
        "1.4.5, ~=1.4.2, true", "1.4.1, ~=1.4.2, false", "1.5, ~=1.4.2, false", "2.2.post3, ~=2.2.post3, true",
        "2.3, ~=2.2.post3, true", "3.0, ~=2.2.post3, false", "2.2, ~=2.2.post3, false",
        // epochs
        "2!1.0, ~=2!1.0, true", "2!1.0, ==2!1.*, true", "2!1.0, ==2!1.0, true", "2!1.0, !=1.0, true",
        "2!1.0.0, ==2!1.0.0.0.*, true", "2!1.0.0, ==2!1.0.*, true", "2!1.0.0, ==2!1.*, true", "1.0, !=2!1.0, true",
        "1.0, <=2!0.1, true", "2!1.0, >=2.0, true", "1.0, <2!0.1, true", "2!1.0, >2.0, true",
        "1.0, ~=2!1.0, false", "2!1.0, ~=1.0, false", "2!1.0, ==1.0, false", "1.0, ==2!1.0, false",
        "2!1.0, ==1.0.0.*, false", "1.0, ==2!1.0.0.*, false", "2!1.0, ==1.*, false", "1.0, ==2!1.*, false",
        "2!1.0, !=2!1.0, false",
    })
    void operatorSemantics(String version, String spec, boolean expected) {
        Specifier s = Specifier.parse(spec);
        assertThat(s.matches(Version.parse(version))).isEqualTo(expected);
        assertThat(s.matches(version)).isEqualTo(expected);
        assertThat(s.contains(Version.parse(version), true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} implies pre-releases: {1}")
    @CsvSource({"==1.0, false", ">=1.0, false", "<=1.0, false", "~=1.0, false", "<1.0, false", ">1.0, false",
        "<1.0.dev1, true", ">1.0.dev1, true", "!=1.0.dev1, false", "==1.0.*, false", "==1.0.dev1, true",
        ">=1.0.dev1, true", "<=1.0.dev1, true", "~=1.0.dev1, true", "===1.0a1, true", "===foo, false",
        "===1.0, false"})
    void prereleaseDetection(String spec, boolean expected) {
        assertThat(Specifier.parse(spec).impliesPrereleases()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1} (allow={2}) is {3}")
    @CsvSource({
        ">=1.0, 2.0.dev1, false, false", ">=1.0, 2.0.dev1, true, true", ">=2.0.dev1, 2.0a1, false, true",
        "==2.0.*, 2.0a1.dev1, false, false", "==2.0.*, 2.0a1.dev1, true, true", "<=2.0, 1.0.dev1, false, false",
        "<=2.0.dev1, 1.0a1, false, true", "<2.0, 2.0a1, true, false", "<2.0a2, 2.0a1, false, true",
        "!=2.0a1, 1.0a2, false, false", ">1.0, 1.0.dev1, true, false", ">1.0.dev1, 1.1.dev1, false, true",
        "<1.0.dev1, 0.9.dev1, false, true", ">=1.0, 1.0.post1, false, true", "==1.0, 1.0+local, false, true",
    })
    void prereleasePolicy(String spec, String version, boolean allow, boolean expected) {
        assertThat(Specifier.parse(spec).contains(Version.parse(version), allow)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} in {0} is {2}")
    @CsvSource({
        "===1.0, 1.0.0, false", "===1.0, 1.0.dev0, false", "===1.0, 1.0, true", "===1.0.dev0, 1.0.dev0, true",
        "===1.0, 1.0+downstream1, false", "===1.0+downstream1, 1.0, false", "===foobar, foobar, true",
        "===baz, foobar, false", "===1.0A1, 1.0a1, true", "===1.0a1, 1.0A1, true", "===1.0.POST1, 1.0.post1, true",
        "===1.0+ABC.DEF, 1.0+abc.def, true", "===LOLWAT, lolwat, true", "===lOlwAt, LoLWaT, true",
        "===1.1, 1.01, false", "===1.01, 1.01, true", "===1.a1, 1.a1, true", "===1a1, 1.a1, false",
        "===0!1.0, 1.0, false", "===1.0-1, 1.0.post1, false", "===1.0.dev01, 1.0.dev01, true",
        "===invalid, invalid, true", "===foobar, invalid, false",
    })
    void arbitraryEqualityComparesTheStringAsWritten(String spec, String candidate, boolean expected) {
        assertThat(Specifier.parse(spec).matches(candidate)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} matches Version({1}): {2}")
    @CsvSource({"===1.1, 1.01, true", "===1.01, 1.1, false", "===1a1, 1.a1, true", "===1.a1, 1.a1, false",
        "===1.0, 0!1.0, true", "===1.0.post1, 1.0-1, true", "===1.0.dev1, 1.0.dev01, true"})
    void arbitraryEqualityOnParsedVersionsUsesNormalizedForm(String spec, String version, boolean expected) {
        assertThat(Specifier.parse(spec).matches(Version.parse(version))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"==1.0", "==1.*", ">=1.0", ">1.0", "<=1.0", "<1.0", "~=1.0", "!=1.0", "!=1.*"})
    void standardOperatorsNeverMatchNonVersions(String spec) {
        assertThat(Specifier.parse(spec).matches("not a valid version")).isFalse();
    }

    @Test
    void accessorsAndStringForm() {
        Specifier s = Specifier.parse(" ~= 2.2.0 ");
        assertThat(s.operator()).isEqualTo(Specifier.Operator.COMPATIBLE);
        assertThat(s.operand()).isEqualTo("2.2.0");
        assertThat(s.version()).contains(Version.parse("2.2"));
        assertThat(s.isWildcard()).isFalse();
        assertThat(s).hasToString("~=2.2.0");
        assertThat(Specifier.parse("< 2")).hasToString("<2");
        Specifier w = Specifier.parse("!=1.4.*");
        assertThat(w.isWildcard()).isTrue();
        assertThat(w.operand()).isEqualTo("1.4.*");
        assertThat(w.version()).contains(Version.parse("1.4"));
        assertThat(Specifier.parse("===foo").version()).isEmpty();
    }

    @Test
    void equalityCanonicalizesTheOperand() {
        assertThat(Specifier.parse("==2.8.0")).isEqualTo(Specifier.parse("== 2.8")).hasSameHashCodeAs(Specifier.parse("==2.8"));
        assertThat(Specifier.parse("~=2.8.0")).isNotEqualTo(Specifier.parse("~=2.8"));
        assertThat(Specifier.parse("==2.1.*")).isNotEqualTo(Specifier.parse("==2.1.0.*"));
        assertThat(Specifier.parse("==1.0")).isNotEqualTo(Specifier.parse("~=1.0"));
        List<String> distinct = List.of("~=2.0", "==2.1.*", "==2.1.0.3", "!=2.2.*", "!=2.2.0.5", "<=5", ">=7.9a1",
                "<1.0.dev1", ">2.0.post1");
        for (String a : distinct) {
            for (String b : distinct) {
                assertThat(Specifier.parse(a).equals(Specifier.parse(b))).as(a + " vs " + b).isEqualTo(a.equals(b));
            }
        }
    }
}
