package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Markers evaluated for a target that leaves values open: a remote machine's {@code platform_release} and
 * {@code platform_version}, and the patch release of {@code --python-version 3.12}. An answer only where every value
 * the target could take agrees; otherwise undecided, and {@code verify} then checks the package.
 */
class MarkerDecideTest {
    private static final MarkerEnvironment LINUX_312 = MarkerEnvironment.linuxX86_64("3.12");
    private static final Marker.Unknowns REMOTE_312 = new Marker.Unknowns(
            Set.of(MarkerVariable.PLATFORM_RELEASE, MarkerVariable.PLATFORM_VERSION), true);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "?", value = {
        "platform_release == '6.1.0'|?",
        "platform_version >= '1'|?",
        "'Ubuntu' in platform_version|?",
        "platform_release == '6.1.0' and sys_platform == 'win32'|false",
        "platform_release == '6.1.0' or sys_platform == 'linux'|true",
        "platform_release == '6.1.0' or sys_platform == 'win32'|?",
        "sys_platform == 'linux' and (python_version >= '3.12' or platform_version == 'x')|true",
        "python_version == '3.12'|true",
        "python_full_version >= '3.9'|true",
        "python_full_version < '3.12'|false",
        "python_full_version >= '3.12'|true",
        "python_full_version >= '3.12.4'|?",
        "python_full_version < '3.12.4'|?",
        "python_full_version > '3.12'|?",
        "python_full_version == '3.12.4'|?",
        "python_full_version != '3.12.4'|?",
        "python_full_version == '3.12.*'|true",
        "python_full_version != '3.12.*'|false",
        "python_full_version == '3.11.*'|false",
        "python_full_version ~= '3.12.4'|?",
        "python_full_version ~= '3.11.2'|false",
        "python_full_version ~= '3.12'|true",
        "python_full_version === '3.12.0'|?",
        "implementation_version >= '3.12.1'|?",
        "'3.12.1' <= python_full_version|?",
        "'3.11' < python_full_version|true",
    })
    void decidesOnlyWhatEveryPossibleValueAgreesOn(String marker, Boolean expected) {
        assertThat(Marker.parse(marker).decide(LINUX_312, REMOTE_312)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "python_full_version >= '3.12.4'",
        "platform_release == ''",
        "sys_platform == 'linux' and python_version < '3.13'",
        "extra == 'x' or os_name == 'posix'",
    })
    void withNothingOpenItIsEvaluate(String marker) {
        MarkerEnvironment env = MarkerEnvironment.linuxX86_64("3.12.4");
        Marker m = Marker.parse(marker);
        assertThat(m.decide(env, Marker.Unknowns.NONE)).contains(m.evaluate(env));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "python_full_version >= '3.12.4'|true",
        "python_full_version == '3.12.4'|true",
        "python_full_version < '3.12.4'|false",
    })
    void aFullPythonVersionDecidesThePatch(String marker, boolean expected) {
        Marker.Unknowns remote = new Marker.Unknowns(Set.of(MarkerVariable.PLATFORM_RELEASE), false);
        assertThat(Marker.parse(marker).decide(MarkerEnvironment.linuxX86_64("3.12.4"), remote)).contains(expected);
    }
}
