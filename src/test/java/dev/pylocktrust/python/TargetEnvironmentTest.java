package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetEnvironmentTest {
    private static final TargetEnvironment LINUX_312 = TargetEnvironment.parse("3.12-manylinux_2_28_x86_64");

    private static List<String> tagStrings(TargetEnvironment t) {
        return t.supportedTags().stream().map(Tag::toString).collect(Collectors.toList());
    }

    @Test
    void cpythonTagOrderFollowsSysTags() {
        List<String> tags = tagStrings(LINUX_312);
        assertThat(tags).startsWith("cp312-cp312-manylinux_2_28_x86_64", "cp312-cp312-manylinux_2_27_x86_64");
        int platforms = 27;
        assertThat(tags.get(platforms - 1)).isEqualTo("cp312-cp312-manylinux1_x86_64");
        assertThat(tags.get(platforms)).isEqualTo("cp312-abi3-manylinux_2_28_x86_64");
        assertThat(tags.get(2 * platforms)).isEqualTo("cp312-none-manylinux_2_28_x86_64");
        assertThat(tags.get(3 * platforms)).isEqualTo("cp311-abi3-manylinux_2_28_x86_64");
        assertThat(tags.get(3 * platforms + 10 * platforms - 1)).isEqualTo("cp32-abi3-manylinux1_x86_64");
        assertThat(tags.get(13 * platforms)).isEqualTo("py312-none-manylinux_2_28_x86_64");
        assertThat(tags.get(14 * platforms)).isEqualTo("py3-none-manylinux_2_28_x86_64");
        assertThat(tags.get(15 * platforms)).isEqualTo("py311-none-manylinux_2_28_x86_64");
        assertThat(tags).containsSubsequence("py30-none-manylinux1_x86_64", "cp312-none-any", "py312-none-any",
                "py3-none-any", "py311-none-any", "py30-none-any");
        assertThat(tags).endsWith("py30-none-any").hasSize(27 * (3 + 10 + 14) + 1 + 14).doesNotHaveDuplicates();
        assertThat(tags).noneMatch(t -> t.startsWith("cp31-") || t.contains("linux_x86_64") && !t.contains("many"));
    }

    @Test
    void freeThreadedUsesTheTAbiAndAbi3t() {
        List<String> tags = tagStrings(TargetEnvironment.parse("3.13t-win_amd64"));
        assertThat(tags).startsWith("cp313-cp313t-win_amd64", "cp313-abi3t-win_amd64", "cp313-none-win_amd64",
                "cp312-abi3t-win_amd64").noneMatch(t -> t.contains("-abi3-") || t.contains("cp313-cp313-"));
        assertThatThrownBy(() -> TargetEnvironment.parse("3.12t-win_amd64"))
                .hasMessage("invalid target environment '3.12t-win_amd64': Python version '3.12t': free-threaded"
                        + " builds exist from CPython 3.13 on");
    }

    @ParameterizedTest(name = "{1} on {0}: {2}")
    @CsvSource({
        // the real fixture wheels
        "3.10-manylinux_2_28_x86_64, spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, true",
        "3.11-manylinux_2_28_x86_64, spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, false",
        "3.10-manylinux_2_12_x86_64, spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, false",
        "3.10-manylinux_2_28_aarch64, spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, false",
        "3.10-musllinux_1_2_x86_64, spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, false",
        "3.13-win_arm64, rfc8785-0.1.2-py3-none-any.whl, true",
        "3.2-macosx_10_9_x86_64, sampleproject-4.0.0-py3-none-any.whl, true",
        // abi3 is forward compatible, never backward
        "3.12-manylinux_2_28_x86_64, cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl, true",
        "3.8-manylinux_2_28_x86_64, cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl, false",
        "3.13t-manylinux_2_28_x86_64, cryptography-44.0.0-cp39-abi3-manylinux_2_28_x86_64.whl, false",
        "3.12-musllinux_1_2_aarch64, cryptography-44.0.0-cp39-abi3-musllinux_1_2_aarch64.whl, true",
        "3.12-musllinux_1_1_aarch64, cryptography-44.0.0-cp39-abi3-musllinux_1_2_aarch64.whl, false",
        // macOS: older deployment targets and universal2 run on newer systems
        "3.12-macosx_14_0_arm64, numpy-2.2.3-cp312-cp312-macosx_11_0_arm64.whl, true",
        "3.12-macosx_14_0_arm64, numpy-2.2.3-cp312-cp312-macosx_14_0_x86_64.whl, false",
        "3.12-macosx_13_0_arm64, numpy-2.2.3-cp312-cp312-macosx_14_0_arm64.whl, false",
        "3.12-macosx_14_0_arm64, markupsafe-3.0.2-cp312-cp312-macosx_10_9_universal2.whl, true",
        "3.12-macosx_14_0_x86_64, markupsafe-3.0.2-cp312-cp312-macosx_10_9_universal2.whl, true",
        "3.12-macosx_14_0_x86_64, numpy-2.2.3-cp312-cp312-macosx_10_9_x86_64.whl, true",
        "3.12-macosx_10_9_x86_64, numpy-2.2.3-cp312-cp312-macosx_10_13_x86_64.whl, false",
        // Windows
        "3.12-win_amd64, numpy-2.2.3-cp312-cp312-win_amd64.whl, true",
        "3.12-win_arm64, numpy-2.2.3-cp312-cp312-win_amd64.whl, false",
        "3.12-win32, numpy-2.2.3-cp312-cp312-win32.whl, true",
        "3.12-win_amd64, foo-1.0-py2.py3-none-any.whl, true",
        "3.12-win_amd64, foo-1.0-py2-none-any.whl, false",
        "3.12-win_amd64, foo-1.0-cp311-cp311-win_amd64.whl, false",
        "3.12-win_amd64, foo-1.0-cp312-none-any.whl, true",
        "3.12-win_amd64, foo-1.0-pp310-pypy310_pp73-win_amd64.whl, false",
        "3.12-manylinux_2_28_x86_64, foo-1.0-cp312-cp312-linux_x86_64.whl, false",
    })
    void compatibility(String target, String wheel, boolean compatible) {
        TargetEnvironment t = TargetEnvironment.parse(target);
        assertThat(t.isCompatible(WheelFilename.parse(wheel))).isEqualTo(compatible);
        assertThat(t.priority(WheelFilename.parse(wheel)).isPresent()).isEqualTo(compatible);
    }

    @Test
    void bestWheelPrefersSpecificTagsThenNewerPlatformsThenHigherBuilds() {
        List<WheelFilename> wheels = List.of(
                "pkg-1.0-py3-none-any.whl",
                "pkg-1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "pkg-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                "pkg-1.0-cp312-cp312-manylinux_2_34_x86_64.whl",
                "pkg-1.0-cp312-cp312-win_amd64.whl",
                "pkg-1.0-cp313-cp313-manylinux_2_28_x86_64.whl").stream()
                .map(WheelFilename::parse).collect(Collectors.toList());
        assertThat(LINUX_312.bestWheel(wheels).map(WheelFilename::filename))
                .contains("pkg-1.0-cp312-cp312-manylinux_2_28_x86_64.whl");
        List<String> ordered = wheels.stream().sorted(LINUX_312.preference()).map(WheelFilename::filename)
                .collect(Collectors.toList());
        assertThat(ordered.subList(0, 4)).containsExactly(
                "pkg-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                "pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "pkg-1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "pkg-1.0-py3-none-any.whl");
        assertThat(LINUX_312.bestWheel(List.of(WheelFilename.parse("pkg-1.0-cp312-cp312-win_amd64.whl")))).isEmpty();

        List<WheelFilename> builds = List.of(WheelFilename.parse("pkg-1.0-py3-none-any.whl"),
                WheelFilename.parse("pkg-1.0-2-py3-none-any.whl"), WheelFilename.parse("pkg-1.0-10-py3-none-any.whl"));
        assertThat(LINUX_312.bestWheel(builds).map(WheelFilename::filename)).contains("pkg-1.0-10-py3-none-any.whl");
    }

    @Test
    void priorityUsesTheBestTagOfACompressedSet() {
        WheelFilename w = WheelFilename.parse("pkg-1.0-py2.py3-none-any.whl");
        assertThat(LINUX_312.priority(w)).hasValue(LINUX_312.supportedTags().indexOf(new Tag("py3", "none", "any")));
        WheelFilename multi = WheelFilename.parse("pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl");
        assertThat(LINUX_312.priority(multi)).hasValue(0);
    }

    @Test
    void markerEnvironmentMatchesThePlatform() {
        MarkerEnvironment env = TargetEnvironment.parse("3.12.4-macosx_14_0_arm64").markerEnvironment();
        assertThat(env).isEqualTo(MarkerEnvironment.macosArm64("3.12.4"));
        assertThat(LINUX_312.markerEnvironment()).isEqualTo(MarkerEnvironment.linuxX86_64("3.12"));
        assertThat(TargetEnvironment.parse("3.11-win_amd64").markerEnvironment())
                .isEqualTo(MarkerEnvironment.windowsAmd64("3.11.0"));
        assertThat(Marker.parse("sys_platform == 'linux' and python_version >= '3.12'")
                .evaluate(LINUX_312.markerEnvironment())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "manylinux_2_28_x86_64 => invalid target environment 'manylinux_2_28_x86_64': expected <python>-<platform>,"
                + " e.g. 3.12-manylinux_2_28_x86_64 or 3.13-macosx_14_0_arm64",
        "2.7-win_amd64 => invalid target environment '2.7-win_amd64': Python version '2.7': expected CPython 3.Y or"
                + " 3.Y.Z with Y from 2 to 99, e.g. 3.12 or 3.13.1 (3.13t: free-threaded)",
        "3-win_amd64 => invalid target environment '3-win_amd64': Python version '3': expected CPython 3.Y or 3.Y.Z"
                + " with Y from 2 to 99, e.g. 3.12 or 3.13.1 (3.13t: free-threaded)",
        "3.12-linux_x86_64 => invalid target environment '3.12-linux_x86_64': platform 'linux_x86_64': expected"
                + " manylinux_<glibc major>_<minor>_<arch>, musllinux_<musl major>_<minor>_<arch>,"
                + " macosx_<major>_<minor>_<arch>, win_amd64, win_arm64 or win32",
    })
    void rejectsBadTargets(String text, String message) {
        assertThatThrownBy(() -> TargetEnvironment.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessage(message);
    }

    @Test
    void roundTripsAndEquality() {
        assertThat(TargetEnvironment.parse("3.12-manylinux2014_x86_64")).hasToString("3.12-manylinux_2_17_x86_64")
                .isEqualTo(TargetEnvironment.parse("3.12-manylinux_2_17_x86_64"));
        assertThat(TargetEnvironment.parse("3.13t-macosx_14_0_arm64")).hasToString("3.13t-macosx_14_0_arm64");
        assertThat(TargetEnvironment.parse("3.13-macosx_14_0_arm64"))
                .isNotEqualTo(TargetEnvironment.parse("3.13t-macosx_14_0_arm64"));
        TargetEnvironment t = TargetEnvironment.cpython("3.12", new Platform.Windows("amd64"));
        assertThat(t.pythonVersion()).isEqualTo(Version.parse("3.12"));
        assertThat(t.freeThreaded()).isFalse();
        assertThat(t.platform().tag()).isEqualTo("win_amd64");
    }
}
