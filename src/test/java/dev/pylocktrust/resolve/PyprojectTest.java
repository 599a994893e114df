package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.PackageName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PyprojectTest {
    static final String PYPROJECT = """
            [project]
            name = "My.Project"
            requires-python = ">=3.10"
            dependencies = ["requests>=2.31", "tomli; python_version < '3.11'"]

            [project.optional-dependencies]
            Socks = ["pysocks"]
            test = ["pytest>=8"]
            all = ["my-project[socks,test]; sys_platform != 'win32'"]

            [dependency-groups]
            lint = ["ruff"]
            dev = [{include-group = "lint"}, "my_project[test]", "ipython"]
            """;

    static List<String> lines(List<RootRequirement> requirements) {
        return requirements.stream().map(RootRequirement::toString).toList();
    }

    @Test
    void mainDependenciesAlone() {
        Pyproject p = Pyproject.parse(PYPROJECT, "pyproject.toml");
        assertThat(p.name()).contains(PackageName.of("my-project"));
        assertThat(p.requiresPython().orElseThrow()).hasToString(">=3.10");
        assertThat(p.extras()).containsExactly("socks", "test", "all");
        assertThat(p.groups()).containsExactly("lint", "dev");
        assertThat(lines(p.requirements(Set.of(), false, Set.of())))
                .containsExactly("requests>=2.31", "tomli; python_version < \"3.11\"");
    }

    @Test
    void extrasAreNormalizedAndSelfReferencesExpanded() {
        Pyproject p = Pyproject.parse(PYPROJECT, "pyproject.toml");
        assertThat(lines(p.requirements(Set.of("SOCKS"), false, Set.of()))).containsExactly(
                "requests>=2.31", "tomli; python_version < \"3.11\"", "pysocks (extra socks)");
        assertThat(lines(p.requirements(Set.of("all"), false, Set.of()))).containsExactly(
                "requests>=2.31", "tomli; python_version < \"3.11\"",
                "requests>=2.31; sys_platform != \"win32\" (extra all)",
                "tomli; python_version < \"3.11\" and sys_platform != \"win32\" (extra all)",
                "pysocks; sys_platform != \"win32\" (extra all)",
                "pytest>=8; sys_platform != \"win32\" (extra all)");
    }

    @Test
    void groupsIncludeOtherGroups() {
        Pyproject p = Pyproject.parse(PYPROJECT, "pyproject.toml");
        assertThat(lines(p.requirements(Set.of(), false, Set.of("dev")))).containsExactly(
                "requests>=2.31", "tomli; python_version < \"3.11\"",
                "ruff (group dev)", "requests>=2.31 (group dev)", "tomli; python_version < \"3.11\" (group dev)",
                "pytest>=8 (group dev)", "ipython (group dev)");
    }

    @Test
    void allExtras() {
        Pyproject p = Pyproject.parse(PYPROJECT, "pyproject.toml");
        assertThat(p.requirements(Set.of(), true, Set.of()).stream().map(RootRequirement::origin).distinct())
                .containsExactly(Origin.MAIN, new Origin.Extra("socks"), new Origin.Extra("test"),
                        new Origin.Extra("all"));
    }

    @Test
    void unknownExtraOrGroupListsTheDeclaredOnes() {
        Pyproject p = Pyproject.parse(PYPROJECT, "pyproject.toml");
        assertThatThrownBy(() -> p.requirements(Set.of("docs"), false, Set.of()))
                .isInstanceOfSatisfying(UsageException.class, e -> assertThat(e.hints())
                        .containsExactly("declared extras: socks, test, all"))
                .hasMessage("pyproject.toml: no extra 'docs' in [project.optional-dependencies]");
        assertThatThrownBy(() -> p.requirements(Set.of(), false, Set.of("docs")))
                .hasMessage("pyproject.toml: no dependency group 'docs' in [dependency-groups]");
    }

    @Test
    void includeCyclesAreNamed() {
        String text = """
                [dependency-groups]
                a = [{include-group = "b"}]
                b = ["x", {include-group = "c"}]
                c = [{include-group = "A"}]
                """;
        assertThatThrownBy(() -> Pyproject.parse(text, "pyproject.toml"))
                .hasMessage("pyproject.toml: [dependency-groups].a: dependency group 'a' includes itself:"
                        + " a -> b -> c -> a");
    }

    @Test
    void declarationErrorsNameFileAndKey() {
        assertThatThrownBy(() -> Pyproject.parse("""
                [project]
                name = "x"
                dependencies = [
                  "ok",
                  "bad name here",
                ]
                """, "demo/pyproject.toml"))
                .hasMessage("demo/pyproject.toml: [project].dependencies[1]: invalid requirement 'bad name here':"
                        + " version specifier 'name here': clause 'name here': missing comparison operator (expected one"
                        + " of ~=, ==, !=, <=, >=, <, >, ===)");
        assertThatThrownBy(() -> Pyproject.parse("[dependency-groups]\ndev = [{include = 'x'}]", "p.toml"))
                .hasMessage("p.toml: [dependency-groups].dev[0]: a table in a dependency group must be"
                        + " {include-group = \"name\"} and nothing else");
        assertThatThrownBy(() -> Pyproject.parse("[dependency-groups]\nDev = []\ndev = []", "p.toml"))
                .hasMessage("p.toml: [dependency-groups].dev: dependency group 'dev' is declared twice (names compare"
                        + " normalized: 'dev')");
        assertThatThrownBy(() -> Pyproject.parse("[dependency-groups]\ndev = [{include-group = 'nope'}]", "p.toml"))
                .hasMessage("p.toml: [dependency-groups].dev: include-group 'nope' names no dependency group");
        assertThatThrownBy(() -> Pyproject.parse("[project\nname='x'", "p.toml"))
                .hasMessageStartingWith("p.toml: invalid TOML at line 1: ");
    }

    @Test
    void tomlThatTheParserCannotReportIsStillAUsageError() {
        // The lock file reader's fuzz test found tomlj asserting on an incomplete unicode escape (assertions are on in
        // tests) and throwing for a broken offset, and deep nesting overflows its recursive parser; pyproject.toml goes
        // through the same parser.
        assertThatThrownBy(() -> Pyproject.parse("[project]\nname = \"a\\uzz\"\n", "p.toml"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("p.toml: invalid TOML");
        assertThatThrownBy(() -> Pyproject.parse("[tool.x]\nv = 2025-01-01T00:00:00+02]00\n", "p.toml"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("p.toml: invalid TOML");
        assertThatThrownBy(() -> Pyproject.parse("x = " + "[".repeat(20_000) + "]".repeat(20_000), "p.toml"))
                .isInstanceOf(UsageException.class).hasMessage("p.toml: invalid TOML: nested too deeply to parse");
    }

    @Test
    void dynamicDependenciesCannotBeLocked() {
        Pyproject p = Pyproject.parse("""
                [project]
                name = "x"
                dynamic = ["dependencies"]
                """, "pyproject.toml");
        assertThatThrownBy(() -> p.requirements(Set.of(), false, Set.of()))
                .hasMessage("pyproject.toml: [project].dynamic: [project].dependencies is dynamic; pylock-trust does"
                        + " not run build backends, so it cannot know them");
    }

    @Test
    void groupOnlyPyprojectIsValid() {
        Pyproject p = Pyproject.parse("[dependency-groups]\ndocs = ['sphinx']\n", "pyproject.toml");
        assertThat(p.name()).isEmpty();
        assertThat(lines(p.requirements(Set.of(), false, Set.of("docs")))).containsExactly("sphinx (group docs)");
    }
}
