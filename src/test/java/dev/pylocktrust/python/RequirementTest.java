package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
        "package|package||-|package",
        "pAcKaGe|package||-|package",
        "foo-bar.quux_bAz|foo-bar-quux-baz||-|foo-bar-quux-baz",
        "android12|android12||-|android12",
        "name>=3|name|>=3|-|name>=3",
        "name >= 3|name|>=3|-|name>=3",
        "name (>=3)|name|>=3|-|name>=3",
        "name ( >=3 , <4 )|name|<4,>=3|-|name<4,>=3",
        "name==1.0.org1|name|-|-|error",
        "name>=1.x.y;python_version=='2.6'|name|-|-|error",
        "requests[security,socks]>=2.0|requests|>=2.0|-|requests[security,socks]>=2.0",
        "requests [ Socks , SECURITY ] >=2.0|requests|>=2.0|-|requests[security,socks]>=2.0",
        "name[]|name||-|name",
        "name[quux, strange];python_version<'2.7' and platform_version=='2'|name||"
                + "python_version < \\\"2.7\\\" and platform_version == \\\"2\\\"|"
                + "name[quux,strange]; python_version < \\\"2.7\\\" and platform_version == \\\"2\\\"",
        "importlib-metadata; python_version<'3.8'|importlib-metadata||python_version < \\\"3.8\\\"|"
                + "importlib-metadata; python_version < \\\"3.8\\\"",
        "appdirs>=1.4.4,<2; os_name == 'posix' and extra == 'testing'|appdirs|<2,>=1.4.4|"
                + "os_name == \\\"posix\\\" and extra == \\\"testing\\\"|"
                + "appdirs<2,>=1.4.4; os_name == \\\"posix\\\" and extra == \\\"testing\\\"",
        "name ; python_version >= '3.9'|name||python_version >= \\\"3.9\\\"|name; python_version >= \\\"3.9\\\"",
        "  name  |name||-|name",
        "name===foo|name|===foo|-|name===foo",
        "name===foo ; os_name == 'nt'|name|===foo|os_name == \\\"nt\\\"|name===foo; os_name == \\\"nt\\\"",
        "name[Foo_Bar]~=1.4.2|name|~=1.4.2|-|name[foo-bar]~=1.4.2",
        "name!=1.5.*,>=1.0|name|!=1.5.*,>=1.0|-|name!=1.5.*,>=1.0",
    })
    void parses(String text, String name, String specifier, String marker, String normalized) {
        if ("error".equals(normalized)) {
            assertThatThrownBy(() -> Requirement.parse(text)).isInstanceOf(InvalidSpecException.class);
            return;
        }
        Requirement r = Requirement.parse(text);
        assertThat(r.name()).isEqualTo(PackageName.of(name));
        assertThat(r.specifier()).isEqualTo(SpecifierSet.parse(specifier == null ? "" : specifier));
        assertThat(r.marker().map(Marker::toString).orElse(null)).isEqualTo(marker == null ? null
                : marker.replace("\\\"", "\""));
        assertThat(r).hasToString(normalized.replace("\\\"", "\""));
        assertThat(Requirement.parse(r.toString())).isEqualTo(r).hasSameHashCodeAs(r);
    }

    @Test
    void extrasAreNormalizedAndSorted() {
        Requirement r = Requirement.parse("Foo[Zeta, alpha_Beta, ALPHA.beta]");
        assertThat(r.extras()).containsExactly("alpha-beta", "zeta");
        assertThat(r).hasToString("foo[alpha-beta,zeta]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "name @ https://example.com/name-1.0.tar.gz => direct URL references ('name @ <url>') are not supported:"
                + " pylock-trust locks distributions from a package index, whose provenance it can verify",
        "name@file:///tmp/x.whl => direct URL references ('name @ <url>') are not supported: pylock-trust locks"
                + " distributions from a package index, whose provenance it can verify",
        ">=1.0 => expected a project name at index 0",
        "_name>=1.0 => name '_name': must start and end with an ASCII letter or digit (PEP 508)",
        "name-[foo] => name 'name-': must start and end with an ASCII letter or digit (PEP 508)",
        "name[bar baz] => extra 'bar baz': character U+0020 at index 3 is not allowed (PEP 508: ASCII letters,"
                + " digits, '.', '_' and '-' only)",
        "name[bar,] => empty extra name in '[bar,]'",
        "name[bar => '[' at index 4 is never closed by ']'",
        "name (>=1.0 => '(' at index 5 is never closed by ')'",
        "name (>=1.0) extra => unexpected 'e' at index 13 (expected ';' before a marker, or the end)",
        "name 1.0 => version specifier '1.0': clause '1.0': missing comparison operator (expected one of ~=, ==,"
                + " !=, <=, >=, <, >, ===)",
        "name>=1.0 <2 => version specifier '>=1.0 <2': clause '>=1.0 <2': version part '1.0 <2': contains"
                + " whitespace at index 3 (only leading and trailing whitespace is allowed)",
        "name>=1.0; => expected a marker after ';'",
        "name; os_name = 'nt' => marker 'os_name = \\'nt\\'': expected a marker operator (one of <, <=, ==, !=,"
                + " >=, >, ~=, ===, in, not in) at index 8, found '='",
        "name; extras == 'x' => marker 'extras == \\'x\\'': 'extras' is a set of names: write '\"name\" in extras'"
                + " or '\"name\" not in extras' (comparison at index 0)",
        "name >= 1.0+local => version specifier '>= 1.0+local': clause '>= 1.0+local': a local version label"
                + " (+local) is only allowed with == and !=",
        "name ==1.0.*.5 => version specifier '==1.0.*.5': clause '==1.0.*.5': version part '1.0.*.5': does not"
                + " follow the PEP 440 version scheme ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], e.g. 1.2.3,"
                + " 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
    })
    void rejects(String text, String reason) {
        assertThatThrownBy(() -> Requirement.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid requirement " + Inputs.quote(text) + ": " + reason);
    }

    @Test
    void rejectsBlankControlCharactersAndHugeInput() {
        assertThatThrownBy(() -> Requirement.parse("")).hasMessage("invalid requirement '': is empty");
        assertThatThrownBy(() -> Requirement.parse("name\n")).hasMessage(
                "invalid requirement 'name\\n': contains the control or invisible character U+000A at index 4");
        assertThatThrownBy(() -> Requirement.parse("name>=1; os_name == 'nt'\r"))
                .hasMessageEndingWith("contains the control or invisible character U+000D at index 24");
        assertThatThrownBy(() -> Requirement.parse("name; os_name == '" + "x".repeat(21_000) + "'"))
                .hasMessageEndingWith("is longer than 20480 characters");
        assertThat(Requirement.parse("name\t>=1.0\t").specifier()).isEqualTo(SpecifierSet.parse(">=1.0"));
    }

    @Test
    void appliesToEvaluatesTheMarker() {
        MarkerEnvironment linux = MarkerEnvironment.linuxX86_64("3.12.1");
        assertThat(Requirement.parse("pywin32; sys_platform == 'win32'").appliesTo(linux)).isFalse();
        assertThat(Requirement.parse("pywin32; sys_platform == 'win32'")
                .appliesTo(MarkerEnvironment.windowsAmd64("3.12.1"))).isTrue();
        assertThat(Requirement.parse("requests").appliesTo(linux)).isTrue();
        assertThat(Requirement.parse("pytest; extra == 'test'").appliesTo(linux)).isFalse();
        assertThat(Requirement.parse("pytest; extra == 'test'").appliesTo(linux.withExtras(Set.of("Test")))).isTrue();
    }

    @Test
    void equalityIsSemantic() {
        assertThat(Requirement.parse("Foo_Bar[b,a]>=1.0,<2;os_name=='nt'"))
                .isEqualTo(Requirement.parse("foo-bar [a, b] (<2, >=1.0) ; os_name == \"nt\""));
        assertThat(Requirement.parse("foo>=1")).isNotEqualTo(Requirement.parse("foo>=2"));
        assertThat(Requirement.parse("foo[a]")).isNotEqualTo(Requirement.parse("foo"));
        assertThat(Requirement.parse("foo; os_name == 'nt'")).isNotEqualTo(Requirement.parse("foo"));
    }
}
