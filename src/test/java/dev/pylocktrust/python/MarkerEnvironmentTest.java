package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerEnvironmentTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linux-x86_64, 3.12.4, posix, linux, Linux, x86_64, 3.12, 3.12.4",
        "linux-aarch64, 3.11, posix, linux, Linux, aarch64, 3.11, 3.11.0",
        "macos-arm64, 3.13.1, posix, darwin, Darwin, arm64, 3.13, 3.13.1",
        "macos-x86_64, 3.10.14, posix, darwin, Darwin, x86_64, 3.10, 3.10.14",
        "windows-amd64, 3.12.0, nt, win32, Windows, AMD64, 3.12, 3.12.0",
        "windows-arm64, 3.14.0rc1, nt, win32, Windows, ARM64, 3.14, 3.14.0rc1",
    })
    void factoriesFillEveryVariable(String target, String python, String osName, String sysPlatform,
            String system, String machine, String pythonVersion, String fullVersion) {
        MarkerEnvironment env;
        switch (target) {
            case "linux-x86_64": env = MarkerEnvironment.linuxX86_64(python); break;
            case "linux-aarch64": env = MarkerEnvironment.linuxAarch64(python); break;
            case "macos-arm64": env = MarkerEnvironment.macosArm64(python); break;
            case "macos-x86_64": env = MarkerEnvironment.macosX86_64(python); break;
            case "windows-amd64": env = MarkerEnvironment.windowsAmd64(python); break;
            default: env = MarkerEnvironment.windowsArm64(python); break;
        }
        assertThat(env.value(MarkerVariable.OS_NAME)).isEqualTo(osName);
        assertThat(env.value(MarkerVariable.SYS_PLATFORM)).isEqualTo(sysPlatform);
        assertThat(env.value(MarkerVariable.PLATFORM_SYSTEM)).isEqualTo(system);
        assertThat(env.value(MarkerVariable.PLATFORM_MACHINE)).isEqualTo(machine);
        assertThat(env.value(MarkerVariable.PYTHON_VERSION)).isEqualTo(pythonVersion);
        assertThat(env.value(MarkerVariable.PYTHON_FULL_VERSION)).isEqualTo(fullVersion);
        assertThat(env.value(MarkerVariable.IMPLEMENTATION_VERSION)).isEqualTo(fullVersion);
        assertThat(env.value(MarkerVariable.IMPLEMENTATION_NAME)).isEqualTo("cpython");
        assertThat(env.value(MarkerVariable.PLATFORM_PYTHON_IMPLEMENTATION)).isEqualTo("CPython");
        assertThat(env.value(MarkerVariable.PLATFORM_RELEASE)).isEmpty();
        assertThat(env.extras()).isEmpty();
        assertThat(env.dependencyGroups()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void rejectsPythonVersionWithoutMinor() {
        assertThatThrownBy(() -> MarkerEnvironment.linuxX86_64("3"))
                .hasMessage("invalid Python version '3': needs at least major and minor (e.g. 3.12 or 3.12.4)");
        assertThatThrownBy(() -> MarkerEnvironment.linuxX86_64("three")).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> MarkerEnvironment.linuxX86_64("3.12").value(MarkerVariable.EXTRAS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
