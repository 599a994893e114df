package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    @Test
    void defaultsCoverLinuxMacAndWindows() {
        assertThat(Targets.defaults()).extracting(Object::toString).containsExactly(
                "3.12-manylinux_2_28_x86_64", "3.12-macosx_14_0_arm64", "3.12-win_amd64");
    }

    @Test
    void everyCombinationInOrderWithoutRepeats() {
        assertThat(Targets.of(List.of("3.11", "3.13"), List.of("win_amd64", "musllinux_1_2_aarch64", "win_amd64")))
                .extracting(Object::toString).containsExactly("3.11-win_amd64", "3.11-musllinux_1_2_aarch64",
                        "3.13-win_amd64", "3.13-musllinux_1_2_aarch64");
        assertThat(Targets.of(List.of("3.13"), List.of())).extracting(Object::toString).containsExactly(
                "3.13-manylinux_2_28_x86_64", "3.13-macosx_14_0_arm64", "3.13-win_amd64");
    }

    @Test
    void invalidValuesAreUsageErrors() {
        assertThatThrownBy(() -> Targets.of(List.of("2.7"), List.of())).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("invalid Python version '2.7'");
        assertThatThrownBy(() -> Targets.of(List.of(), List.of("linux_x86_64"))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("invalid platform 'linux_x86_64'");
    }
}
