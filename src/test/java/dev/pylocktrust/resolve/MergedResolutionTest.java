package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving per target and merging into one lock with markers. */
class MergedResolutionTest {
    static final FakeIndex INDEX = FakeIndex.of("""
            app 1.0: click, colorama; sys_platform == "win32", uvloop; sys_platform != "win32", tomli; python_version < "3.11"
            click 8.1
            colorama 0.4
            uvloop 0.18
            uvloop 0.19 [files uvloop-0.19-cp311-cp311-manylinux_2_17_x86_64.whl uvloop-0.19-cp312-cp312-manylinux_2_17_x86_64.whl uvloop-0.19-cp312-cp312-macosx_10_9_universal2.whl]
            tomli 2.0
            pytest 8.0
            pytest 8.1 [requires-python >=3.12]
            ruff 0.5
            """);

    static MergedResolution merge(ResolutionRequest request, List<TargetEnvironment> targets) {
        return new Resolver(INDEX, ResolverOptions.DEFAULT).resolve(request, targets);
    }

    @Test
    void defaultTargetsGetPlatformMarkers() {
        MergedResolution m = merge(ResolutionRequest.of("app"), Targets.defaults());
        assertThat(m.pins()).isEqualTo("""
                app==1.0
                click==8.1
                colorama==0.4 ; sys_platform == "win32"
                uvloop==0.19 ; sys_platform == "linux" or sys_platform == "darwin\"""");
        assertThat(m.environments()).extracting(Object::toString).containsExactly(
                "python_version == \"3.12\" and sys_platform == \"linux\" and platform_machine == \"x86_64\"",
                "python_version == \"3.12\" and sys_platform == \"darwin\" and platform_machine == \"arm64\"",
                "python_version == \"3.12\" and sys_platform == \"win32\" and platform_machine == \"AMD64\"");
        assertThat(m.requiresPython()).hasToString(">=3.12");
        MergedPackage uvloop = m.get(PackageName.of("uvloop")).get(0);
        assertThat(uvloop.files()).extracting(DistFile::name).containsExactly(
                "uvloop-0.19-cp312-cp312-macosx_10_9_universal2.whl",
                "uvloop-0.19-cp312-cp312-manylinux_2_17_x86_64.whl");
        assertThat(m.get(PackageName.of("app")).get(0).dependencies()).extracting(Object::toString)
                .containsExactly("Dependency[name=click, version=8.1]", "Dependency[name=colorama, version=0.4]",
                        "Dependency[name=uvloop, version=0.19]");
    }

    @Test
    void differentVersionsPerPythonBecomeSeparateEntries() {
        MergedResolution m = merge(ResolutionRequest.of("app", "pytest"),
                Targets.of(List.of("3.10", "3.12"), List.of("manylinux_2_28_x86_64")));
        assertThat(m.pins()).isEqualTo("""
                app==1.0
                click==8.1
                pytest==8.0 ; python_version == "3.10"
                pytest==8.1 ; python_version == "3.12"
                tomli==2.0 ; python_version == "3.10"
                uvloop==0.18 ; python_version == "3.10"
                uvloop==0.19 ; python_version == "3.12\"""");
        assertThat(m.requiresPython()).hasToString(">=3.10");
    }

    @Test
    void groupAndExtraOnlyPackagesGetOriginMarkers() {
        ResolutionRequest request = ResolutionRequest.ofRoots(List.of(RootRequirement.parse("click"),
                new RootRequirement(dev.pylocktrust.python.Requirement.parse("ruff"), new Origin.Group("dev")),
                new RootRequirement(dev.pylocktrust.python.Requirement.parse("pytest"), new Origin.Extra("test")),
                new RootRequirement(dev.pylocktrust.python.Requirement.parse("click"), new Origin.Group("dev"))));
        MergedResolution m = merge(request, Targets.of(List.of(), List.of("manylinux_2_28_x86_64", "win_amd64")));
        assertThat(m.pins()).isEqualTo("""
                click==8.1
                pytest==8.1 ; "test" in extras
                ruff==0.5 ; "dev" in dependency_groups""");
    }

    @Test
    void markerIndistinguishableTargetsMustAgree() {
        // manylinux and musllinux x86_64 look the same to markers; uvloop 0.19 has no musllinux wheel.
        assertThatThrownBy(() -> merge(ResolutionRequest.of("app"),
                Targets.of(List.of(), List.of("manylinux_2_28_x86_64", "musllinux_1_2_x86_64"))))
                .isInstanceOf(ResolutionException.class)
                .hasMessage("targets 3.12-manylinux_2_28_x86_64 and 3.12-musllinux_1_2_x86_64 cannot be told apart"
                        + " by environment markers (same python_version, sys_platform and platform_machine) but need"
                        + " different versions of uvloop (0.19 vs 0.18)");
        MergedResolution same = merge(ResolutionRequest.of("click"),
                Targets.of(List.of(), List.of("manylinux_2_28_x86_64", "musllinux_1_2_x86_64")));
        assertThat(same.pins()).isEqualTo("click==8.1");
        assertThat(same.environments()).hasSize(1);
    }
}
