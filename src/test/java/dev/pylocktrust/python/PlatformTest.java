package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @Test
    void manylinuxX86_64WalksGlibcDownTo2_5WithLegacyAliases() {
        List<String> tags = Platform.parse("manylinux_2_28_x86_64").platformTags();
        assertThat(tags).startsWith("manylinux_2_28_x86_64", "manylinux_2_27_x86_64")
                .endsWith("manylinux_2_5_x86_64", "manylinux1_x86_64")
                .containsSubsequence("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64")
                .containsSubsequence("manylinux_2_12_x86_64", "manylinux2010_x86_64", "manylinux_2_11_x86_64")
                .hasSize(24 + 3)
                .doesNotContain("linux_x86_64");
    }

    @Test
    void manylinuxAarch64StopsAt2_17() {
        assertThat(Platform.parse("manylinux_2_28_aarch64").platformTags())
                .endsWith("manylinux_2_17_aarch64", "manylinux2014_aarch64").hasSize(12 + 1)
                .noneMatch(t -> t.contains("2010") || t.contains("manylinux1"));
        assertThatThrownBy(() -> Platform.parse("manylinux_2_12_aarch64"))
                .hasMessage("invalid platform 'manylinux_2_12_aarch64': glibc must be 2.17 to 2.99 for aarch64");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"manylinux2014_x86_64, manylinux_2_17_x86_64", "manylinux2010_i686, manylinux_2_12_i686",
        "manylinux1_x86_64, manylinux_2_5_x86_64", "manylinux2014_aarch64, manylinux_2_17_aarch64"})
    void legacyManylinuxAliasesParse(String alias, String canonical) {
        assertThat(Platform.parse(alias).tag()).isEqualTo(canonical);
        assertThat(Platform.parse(alias)).isEqualTo(Platform.parse(canonical));
    }

    @Test
    void musllinuxWalksMinorDownToZero() {
        assertThat(Platform.parse("musllinux_1_2_x86_64").platformTags())
                .containsExactly("musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64");
    }

    @Test
    void macosArm64OnlyArm64AndUniversal2() {
        List<String> tags = Platform.parse("macosx_14_0_arm64").platformTags();
        assertThat(tags).startsWith("macosx_14_0_arm64", "macosx_14_0_universal2", "macosx_13_0_arm64",
                "macosx_13_0_universal2", "macosx_12_0_arm64", "macosx_12_0_universal2", "macosx_11_0_arm64",
                "macosx_11_0_universal2", "macosx_10_16_universal2", "macosx_10_15_universal2")
                .endsWith("macosx_10_4_universal2")
                .hasSize(4 * 2 + 13)
                .noneMatch(t -> t.contains("x86_64") || t.endsWith("_intel") || t.contains("10_15_arm64"));
    }

    @Test
    void macosX86_64IncludesFatAndUniversalFormats() {
        List<String> tags = Platform.parse("macosx_12_0_x86_64").platformTags();
        assertThat(tags).startsWith("macosx_12_0_x86_64", "macosx_12_0_intel", "macosx_12_0_fat64",
                "macosx_12_0_fat3", "macosx_12_0_universal2", "macosx_12_0_universal", "macosx_11_0_x86_64")
                .contains("macosx_10_9_x86_64", "macosx_10_16_universal2")
                .endsWith("macosx_10_4_universal")
                .hasSize(2 * 6 + 13 * 6)
                .noneMatch(t -> t.contains("arm64"));
        assertThat(Platform.parse("macosx_10_15_x86_64").platformTags())
                .startsWith("macosx_10_15_x86_64").doesNotContain("macosx_10_16_x86_64", "macosx_11_0_x86_64")
                .hasSize(12 * 6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"win_amd64, win_amd64, nt, win32, Windows, AMD64", "win_arm64, win_arm64, nt, win32, Windows, ARM64",
        "win32, win32, nt, win32, Windows, x86", "manylinux_2_17_x86_64, manylinux_2_17_x86_64, posix, linux, Linux,"
        + " x86_64", "musllinux_1_1_aarch64, musllinux_1_1_aarch64, posix, linux, Linux, aarch64",
        "macosx_11_0_arm64, macosx_11_0_arm64, posix, darwin, Darwin, arm64"})
    void markerValues(String tag, String first, String osName, String sysPlatform, String system, String machine) {
        Platform p = Platform.parse(tag);
        assertThat(p.tag()).isEqualTo(first);
        assertThat(p.osName()).isEqualTo(osName);
        assertThat(p.sysPlatform()).isEqualTo(sysPlatform);
        assertThat(p.platformSystem()).isEqualTo(system);
        assertThat(p.platformMachine()).isEqualTo(machine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "linux_x86_64 => invalid platform 'linux_x86_64': expected manylinux_<glibc major>_<minor>_<arch>,"
                + " musllinux_<musl major>_<minor>_<arch>, macosx_<major>_<minor>_<arch>, win_amd64, win_arm64 or"
                + " win32",
        "manylinux_2_17_sparc => invalid platform architecture 'sparc': not a known manylinux architecture (expected"
                + " one of aarch64, armv7l, i686, ppc64le, riscv64, s390x, x86_64)",
        "manylinux_3_0_x86_64 => invalid platform 'manylinux_3_0_x86_64': glibc must be 2.5 to 2.99 for x86_64",
        "manylinux_2_99999_x86_64 => invalid platform 'manylinux_2_99999_x86_64': version number '99999' is out of"
                + " range",
        "musllinux_2_0_x86_64 => invalid platform 'musllinux_2_0_x86_64': musl must be 1.0 to 1.99",
        "macosx_10_15_arm64 => invalid platform 'macosx_10_15_arm64': macOS must be 10.4 to 10.16 (x86_64 only) or"
                + " 11.0 and later",
        "macosx_14_0_universal2 => invalid platform architecture 'universal2': not a known macosx architecture"
                + " (expected one of arm64, x86_64)",
        "win_ia64 => invalid platform 'win_ia64': expected manylinux_<glibc major>_<minor>_<arch>,"
                + " musllinux_<musl major>_<minor>_<arch>, macosx_<major>_<minor>_<arch>, win_amd64, win_arm64 or"
                + " win32",
    })
    void rejectsUnknownPlatforms(String tag, String message) {
        assertThatThrownBy(() -> Platform.parse(tag)).isInstanceOf(InvalidSpecException.class).hasMessage(message);
    }
}
