package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerTest {
    private static final MarkerEnvironment LINUX_312 = MarkerEnvironment.linuxX86_64("3.12.4");
    private static final MarkerEnvironment MAC_39 = MarkerEnvironment.macosArm64("3.9.18");
    private static final MarkerEnvironment WIN_313 = MarkerEnvironment.windowsAmd64("3.13.0");

    private static MarkerEnvironment env(String python, String osName, String platformRelease) {
        MarkerEnvironment b = LINUX_312;
        return new MarkerEnvironment(b.implementationName(), python, osName, b.platformMachine(), platformRelease,
                b.platformSystem(), b.platformVersion(), python, b.platformPythonImplementation(),
                python.substring(0, python.lastIndexOf('.') > 2 ? python.lastIndexOf('.') : python.length()),
                b.sysPlatform(), Set.of(), Set.of());
    }

    @Test
    void everyVariableOperatorAndValueCombinationParses() {
        List<String> variables = List.of("implementation_name", "implementation_version", "os_name",
                "platform_machine", "platform_release", "platform_system", "platform_version", "python_full_version",
                "python_version", "platform_python_implementation", "sys_platform");
        List<String> ops = List.of("==", ">=", "<=", "!=", ">", "<", "in", "not in");
        List<String> values = List.of("1.0", "5.6a0", "dog", "freebsd", "literally any string can go here",
                "things @#4 dsfd (((");
        List<String> parsed = new ArrayList<>();
        for (String var : variables) {
            for (String op : ops) {
                for (String value : values) {
                    parsed.add(Marker.parse(var + " " + op + " '" + value + "'").toString());
                    parsed.add(Marker.parse("'" + value + "' " + op + " " + var).toString());
                }
            }
        }
        assertThat(parsed).hasSize(variables.size() * ops.size() * values.size() * 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "python_version == '2.7'|python_version == \"2.7\"",
        "python_version == \"2.7\"|python_version == \"2.7\"",
        "'a\" == os_name or python_version >= \"0\" or \"b' == os_name"
                + "|'a\" == os_name or python_version >= \"0\" or \"b' == os_name",
        "python_version == \"2.7\" and os_name == \"linux\"|python_version == \"2.7\" and os_name == \"linux\"",
        "python_version == \"2.7\" or os_name == \"linux\"|python_version == \"2.7\" or os_name == \"linux\"",
        "python_version == \"2.7\" and os_name == \"linux\" or sys_platform == \"win32\""
                + "|(python_version == \"2.7\" and os_name == \"linux\") or sys_platform == \"win32\"",
        "(python_version == \"2.7\")|python_version == \"2.7\"",
        "(python_version == \"2.7\" and sys_platform == \"win32\")"
                + "|python_version == \"2.7\" and sys_platform == \"win32\"",
        "python_version == \"2.7\" and (sys_platform == \"win32\" or sys_platform == \"linux\")"
                + "|python_version == \"2.7\" and (sys_platform == \"win32\" or sys_platform == \"linux\")",
        "python_version>'3.6'and(os_name=='nt')|python_version > \"3.6\" and os_name == \"nt\"",
        "a_and_b == os_name|\"a_and_b\" == os_name",
        "os.name == 'nt'|os_name == \"nt\"",
        "sys.platform == 'linux' and platform.machine == 'x86_64'"
                + "|sys_platform == \"linux\" and platform_machine == \"x86_64\"",
        "python_implementation == 'CPython'|platform_python_implementation == \"CPython\"",
        "platform.python_implementation=='PyPy'|platform_python_implementation == \"PyPy\"",
        "extra == 'Foo_Bar'|extra == \"foo-bar\"",
        "'Test.Suite' in extras|\"test-suite\" in extras",
        "'Dev' not in dependency_groups|\"dev\" not in dependency_groups",
        "(a == os_name) and ((b == os_name))|\"a\" == os_name and \"b\" == os_name",
        "os_name == 'a' and (os_name == 'b' and os_name == 'c')|os_name == \"a\" and os_name == \"b\" and os_name == \"c\"",
        "python_version >= \"3\"\t |python_version >= \"3\"",
        "python_full_version not\tin '3.8'|python_full_version not in \"3.8\"",
    })
    void normalizedRendering(String input, String expected) {
        Marker m = Marker.parse(input.replace("a == os_name", "'a' == os_name").replace("b == os_name)", "'b' == os_name)")
                .replace("a_and_b == os_name", "'a_and_b' == os_name"));
        assertThat(m).hasToString(expected);
        assertThat(Marker.parse(expected)).isEqualTo(m).hasSameHashCodeAs(m);
    }

    @Test
    void differentPrecedenceDiffers() {
        assertThat(Marker.parse("python_version == '2.7' and (os_name == 'linux' or sys_platform == 'win32')"))
                .isNotEqualTo(Marker.parse("python_version == '2.7' and os_name == 'linux' or sys_platform == 'win32'"));
        assertThat(Marker.parse("python_version == '2.7'")).isNotEqualTo(Marker.parse("python_version == '3.7'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "this_isnt_a_real_variable >= '1.0'|unknown marker variable 'this_isnt_a_real_variable' at index 0 (expected"
                + " one of python_version, python_full_version, os_name, sys_platform, platform_release,"
                + " platform_system, platform_version, platform_machine, platform_python_implementation,"
                + " implementation_name, implementation_version, extra, extras, dependency_groups)",
        "python_version|expected a marker operator (one of <, <=, ==, !=, >=, >, ~=, ===, in, not in) at index 14,"
                + " found the end",
        "(python_version)|expected a marker operator (one of <, <=, ==, !=, >=, >, ~=, ===, in, not in) at index"
                + " 15, found ')'",
        "python_version >= 1.0|value '1.0' at index 18 must be quoted, e.g. \"1.0\"",
        "(python_version == '2.7' and os_name == 'linux'|expected ')' to close the '(' at index 47, found the end",
        "(python_version == '2.7') with random text|expected 'and', 'or' or the end at index 26, found 'w'",
        "python_version == '2.7')|unbalanced ')' at index 23, found ')'",
        "os_name == 'nt' and|expected a marker variable or a quoted string at index 19, found the end",
        "os_name = 'nt'|expected a marker operator (one of <, <=, ==, !=, >=, >, ~=, ===, in, not in) at index 8,"
                + " found '='",
        "os_name not 'nt'|expected 'in' after 'not' at index 11, found ' '",
        "os_name notin 'nt'|expected a marker operator (one of <, <=, ==, !=, >=, >, ~=, ===, in, not in) at index"
                + " 8, found 'n'",
        "os_name == 'nt|unterminated string (missing closing ') at index 11, found '\\''",
        "os_name == 'C:\\'|backslash at index 14: PEP 508 strings have no escapes",
        "'a' == 'b'|comparison at index 0 must compare one marker variable with one quoted string, e.g."
                + " python_version >= \"3.9\"",
        "os_name == sys_platform|comparison at index 0 must compare one marker variable with one quoted string, e.g."
                + " python_version >= \"3.9\"",
        "extras == 'test'|'extras' is a set of names: write '\"name\" in extras' or '\"name\" not in extras'"
                + " (comparison at index 0)",
        "dependency_groups in 'dev'|'dependency_groups' is a set of names: write '\"name\" in dependency_groups' or"
                + " '\"name\" not in dependency_groups' (comparison at index 0)",
        "extra >= 'test'|only == and != are defined for 'extra', not '>=' (comparison at index 0)",
        "os_name ~= '2.7.0'|operator '~=' is not defined for the string variable 'os_name' (comparison at index 0)",
        "sys_platform === 'linux'|operator '===' is not defined for the string variable 'sys_platform' (comparison at"
                + " index 0)",
        "python_version ~= 'three'|'~=' with 'three' is not a valid version specifier for python_version (comparison"
                + " at index 0)",
    })
    void invalidMarkers(String text, String reason) {
        assertThatThrownBy(() -> Marker.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid marker " + Inputs.quote(text) + ": " + reason);
    }

    @Test
    void blankAndControlCharactersAreRejected() {
        assertThatThrownBy(() -> Marker.parse("   ")).hasMessage("invalid marker '   ': is empty");
        for (String lineBreak : List.of("\n", "\r", "\r\n")) {
            assertThatThrownBy(() -> Marker.parse("python_version >= '3'" + lineBreak))
                    .hasMessageStartingWith("invalid marker 'python_version >= \\'3\\'\\")
                    .hasMessageContaining("expected 'and', 'or' or the end at index 21");
        }
        assertThatThrownBy(() -> Marker.parse("os_name == 'a\u0007b'"))
                .hasMessage("invalid marker 'os_name == \\'a\\u0007b\\'': control or invisible character U+0007 at"
                        + " index 13");
    }

    @Test
    void limitsAreEnforced() {
        String deep = "(".repeat(40) + "os_name == 'nt'" + ")".repeat(40);
        assertThatThrownBy(() -> Marker.parse(deep)).hasMessageContaining("parentheses nested deeper than 32");
        String many = String.join("or ", java.util.Collections.nCopies(1025, "extra=='a'"));
        assertThatThrownBy(() -> Marker.parse(many)).hasMessageContaining("more than 1024 comparisons");
        String huge = "os_name == '" + "x".repeat(17_000) + "'";
        assertThatThrownBy(() -> Marker.parse(huge)).hasMessageEndingWith("is longer than 16384 characters");
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        // PEP 440 comparison on version variables (3.10 > 3.9, which string comparison gets wrong)
        "python_version >= '3.9'|linux312|true",
        "python_version >= '3.9'|mac39|true",
        "python_version > '3.9'|mac39|false",
        "python_version < '3.10'|mac39|true",
        "python_version < '3.10'|linux312|false",
        "python_version == '3.12'|linux312|true",
        "python_version == '3.12.*'|linux312|true",
        "python_version ~= '3.9'|linux312|true",
        "python_version != '3.12'|linux312|false",
        "python_full_version >= '3.12.4'|linux312|true",
        "python_full_version < '3.12.4'|linux312|false",
        "python_full_version == '3.13.0'|win313|true",
        "implementation_version >= '3.12'|linux312|true",
        "'3.9' < python_version|linux312|true",
        "'3.12' < python_version|linux312|false",
        "'2.7' in python_version|linux312|false",
        "'3.1' in python_version|linux312|true",
        "'3.12' not in python_version|linux312|false",
        "python_version === '3.12'|linux312|true",
        // plain string variables
        "sys_platform == 'linux'|linux312|true",
        "sys_platform == 'Linux'|linux312|false",
        "sys_platform != 'win32'|linux312|true",
        "sys_platform == 'win32'|win313|true",
        "platform_machine == 'AMD64'|win313|true",
        "platform_machine == 'arm64'|mac39|true",
        "platform_system == 'Darwin'|mac39|true",
        "os_name == 'nt'|win313|true",
        "os_name == 'posix'|mac39|true",
        "implementation_name == 'cpython'|linux312|true",
        "platform_python_implementation != 'PyPy'|linux312|true",
        "'linux' in sys_platform|linux312|true",
        "sys_platform in 'linux darwin'|mac39|true",
        "sys_platform not in 'linux darwin'|win313|true",
        "sys_platform < 'z'|linux312|false",
        "sys_platform > 'a'|linux312|false",
        "sys_platform <= 'linux'|linux312|true",
        "sys_platform >= 'linux'|linux312|true",
        "sys_platform >= 'a'|linux312|false",
        // and / or precedence
        "sys_platform == 'win32' or sys_platform == 'linux' and python_version >= '3.12'|linux312|true",
        "sys_platform == 'win32' or sys_platform == 'linux' and python_version >= '3.13'|linux312|false",
        "(sys_platform == 'win32' or sys_platform == 'linux') and python_version >= '3.13'|win313|true",
        "sys_platform == 'darwin' and platform_machine == 'arm64' or os_name == 'nt'|win313|true",
        // extra and lock-file sets are empty unless requested
        "extra == 'test'|linux312|false",
        "extra != 'test'|linux312|true",
        "'test' in extras|linux312|false",
        "'test' not in extras|linux312|true",
        "'dev' in dependency_groups|linux312|false",
        "'dev' == extras|linux312|false",
    })
    void evaluates(String marker, String target, boolean expected) {
        MarkerEnvironment env = target.equals("linux312") ? LINUX_312 : target.equals("mac39") ? MAC_39 : WIN_313;
        assertThat(Marker.parse(marker).evaluate(env)).isEqualTo(expected);
    }

    @Test
    void extrasAndGroupsAreNormalizedOnBothSides() {
        MarkerEnvironment env = LINUX_312.withExtras(Set.of("PEP_685...norm", "Security"))
                .withDependencyGroups(Set.of("Test.Suite"));
        assertThat(env.extras()).containsExactlyInAnyOrder("pep-685-norm", "security");
        assertThat(Marker.parse("extra == 'pep-685-norm'").evaluate(env)).isTrue();
        assertThat(Marker.parse("extra == 'SECURITY'").evaluate(env)).isTrue();
        assertThat(Marker.parse("extra == 'Different.punctuation..is...equal'").evaluate(env)).isFalse();
        assertThat(Marker.parse("extra != 'security'").evaluate(env)).isFalse();
        assertThat(Marker.parse("'SECURITY' in extras").evaluate(env)).isTrue();
        assertThat(Marker.parse("'test_suite' in dependency_groups").evaluate(env)).isTrue();
        assertThat(Marker.parse("'test-suite' not in dependency_groups").evaluate(env)).isFalse();
        assertThat(Marker.parse("'other' in dependency_groups").evaluate(env)).isFalse();
    }

    @Test
    void prereleasesOfThePythonItselfCompareAsVersions() {
        MarkerEnvironment alpha = env("3.11.0a5", "posix", "");
        assertThat(Marker.parse("python_full_version > '3.6.2'").evaluate(alpha)).isTrue();
        assertThat(Marker.parse("\"2.7.9\" < python_full_version").evaluate(env("2.7.10", "posix", ""))).isTrue();
        assertThat(Marker.parse("\"2.7.9\" < python_full_version").evaluate(env("2.7.8", "posix", ""))).isFalse();
    }

    @Test
    void devBuildPythonFullVersionWithTrailingPlusIsRepaired() {
        MarkerEnvironment dev = env("3.13.0+", "posix", "");
        assertThat(Marker.parse("python_full_version >= '3.13'").evaluate(dev)).isTrue();
        assertThat(Marker.parse("python_full_version == '3.13.0'").evaluate(dev)).isTrue();
    }

    @Test
    void platformReleaseFallsBackToStringsWhenNotAVersion() {
        MarkerEnvironment kernel = env("3.12.0", "posix", "5.15.0-1034-azure");
        assertThat(Marker.parse("platform_release >= '5.0'").evaluate(kernel)).isFalse(); // not PEP 440: no match
        assertThat(Marker.parse("platform_release == '5.15.0-1034-azure'").evaluate(kernel)).isTrue();
        assertThat(Marker.parse("'azure' in platform_release").evaluate(kernel)).isTrue();
        MarkerEnvironment numeric = env("3.12.0", "posix", "6.1");
        assertThat(Marker.parse("platform_release >= '5.10'").evaluate(numeric)).isTrue();
        MarkerEnvironment unknown = env("3.12.0", "posix", "");
        assertThat(Marker.parse("platform_release >= '5.10'").evaluate(unknown)).isFalse();
    }

    @Test
    void combinatorsAndVariables() {
        Marker a = Marker.parse("os_name == 'nt'");
        Marker b = Marker.parse("python_version >= '3.9' or 'test' in extras");
        assertThat(a.and(b)).hasToString("os_name == \"nt\" and (python_version >= \"3.9\" or \"test\" in extras)");
        assertThat(a.or(b)).hasToString("os_name == \"nt\" or python_version >= \"3.9\" or \"test\" in extras");
        assertThat(a.and(b).evaluate(WIN_313)).isTrue();
        assertThat(a.and(b).evaluate(LINUX_312)).isFalse();
        assertThat(a.and(b).variables()).containsExactlyInAnyOrder(MarkerVariable.OS_NAME,
                MarkerVariable.PYTHON_VERSION, MarkerVariable.EXTRAS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"os.name", "sys.platform", "platform.version", "platform.machine",
        "platform.python_implementation", "python_implementation"})
    void legacyVariableSpellingsParse(String name) {
        assertThat(Marker.parse(name + " == 'x'").variables()).hasSize(1);
    }
}
