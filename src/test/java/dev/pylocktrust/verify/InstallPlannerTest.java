package dev.pylocktrust.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.report.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEP 751's installation rules, as {@code --environment current} applies them to choose the files to check. */
class InstallPlannerTest {
    private static final String SHA = "0".repeat(63);

    static ParsedLockfile pep751Example() throws IOException {
        return new LockfileReader().read(Path.of("src/test/resources/lockfile/pep751-example.pylock.toml"));
    }

    static EnvironmentSelection.Current current(String python, String... platforms) {
        return new EnvironmentSelection.Current(InstallTarget.of(python, List.of(platforms)), new TreeSet<>(),
                new TreeSet<>());
    }

    /** Chosen filename per package name. */
    static Map<String, String> chosen(Plan plan) {
        return plan.packages().stream().collect(Collectors.toMap(p -> p.pkg().name(),
                p -> p.files().stream().map(LockedFile::filename).collect(Collectors.joining(",")),
                (a, b) -> a + ";" + b, java.util.TreeMap::new));
    }

    @Test
    void allSelectsEveryFileOfEveryPackage() throws IOException {
        Plan plan = InstallPlanner.plan(pep751Example(), new EnvironmentSelection.All());
        assertThat(plan.packages()).hasSize(3);
        assertThat(plan.fileCount()).isEqualTo(4);
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.packages().get(0).index()).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "3.12, win_amd64, numpy-2.2.3-cp312-cp312-win_amd64.whl",
        "3.12.4, manylinux_2_28_x86_64, numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        "3.12, manylinux2014_x86_64, numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    })
    void theSpecExamplePicksThePlatformsWheel(String python, String platform, String numpy) throws IOException {
        Plan plan = InstallPlanner.plan(pep751Example(), current(python, platform));
        assertThat(chosen(plan)).isEqualTo(Map.of(
                "attrs", "attrs-25.1.0-py3-none-any.whl",
                "cattrs", "cattrs-24.1.2-py3-none-any.whl",
                "numpy", numpy));
    }

    @Test
    void aTargetTheLockDoesNotSupportIsAUsageErrorNamingEveryProblem() throws IOException {
        ParsedLockfile lock = pep751Example();
        assertThatThrownBy(() -> InstallPlanner.plan(lock, current("3.12", "macosx_14_0_arm64")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("src/test/resources/lockfile/pep751-example.pylock.toml cannot be installed "
                        + "on CPython 3.12 on macosx_14_0_arm64:\n")
                .hasMessageContaining("pep751-example.pylock.toml: none of the lock's environments matches the target "
                        + "(sys_platform == 'win32'; sys_platform == 'linux')")
                .hasMessageContaining("package numpy: no wheel is compatible with CPython 3.12 on macosx_14_0_arm64 "
                        + "and there is no sdist (wheels: numpy-2.2.3-cp312-cp312-win_amd64.whl, ");
        assertThatThrownBy(() -> InstallPlanner.plan(lock, current("3.11", "win_amd64")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("pep751-example.pylock.toml: the lock needs Python == 3.12.*, the target is 3.11");
    }

    private static final String HEADER = "lock-version = \"1.0\"\ncreated-by = \"test\"\n";

    private static String pkg(String name, String version, String extra, String... files) {
        StringBuilder sb = new StringBuilder("\n[[packages]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n"
                + extra);
        int i = 0;
        for (String f : files) {
            String sha = SHA + Integer.toHexString(i++ % 16);
            if (f.endsWith(".whl")) {
                sb.append("[[packages.wheels]]\nurl = \"https://x.example/").append(f).append("\"\nhashes = {sha256 = \"")
                        .append(sha).append("\"}\n");
            } else {
                sb.append("[packages.sdist]\nurl = \"https://x.example/").append(f).append("\"\nhashes = {sha256 = \"")
                        .append(sha).append("\"}\n");
            }
        }
        return sb.toString();
    }

    private static ParsedLockfile parse(String text) {
        return new LockfileReader().parse(text, "pylock.toml");
    }

    @Test
    void markersSkipPackagesAndSeeExtrasAndGroups() {
        ParsedLockfile lock = parse(HEADER + "default-groups = [\"default\"]\n"
                + pkg("always", "1.0", "", "always-1.0-py3-none-any.whl")
                + pkg("windows-only", "1.0", "marker = \"sys_platform == 'win32'\"\n", "windows_only-1.0-py3-none-any.whl")
                + pkg("old-python", "1.0", "marker = \"python_version < '3.10'\"\n", "old_python-1.0-py3-none-any.whl")
                + pkg("dev-tool", "1.0", "marker = \"'dev' in dependency_groups\"\n", "dev_tool-1.0-py3-none-any.whl")
                + pkg("default-dep", "1.0", "marker = \"'default' in dependency_groups\"\n",
                        "default_dep-1.0-py3-none-any.whl")
                + pkg("with-extra", "1.0", "marker = \"'speed' in extras\"\n", "with_extra-1.0-py3-none-any.whl"));

        Plan linux = InstallPlanner.plan(lock, current("3.12", "manylinux_2_28_x86_64"));
        assertThat(chosen(linux).keySet()).containsExactly("always", "default-dep");
        assertThat(linux.skipped()).extracting(VerifyReport.SkippedPackage::name)
                .containsExactly("windows-only", "old-python", "dev-tool", "with-extra");
        assertThat(linux.skipped().get(0).marker()).isEqualTo("sys_platform == 'win32'");
        assertThat(linux.undecided()).isEmpty();

        Plan windowsWithDevAndSpeed = InstallPlanner.plan(lock, new EnvironmentSelection.Current(
                InstallTarget.of("3.9", List.of("win_amd64")), new TreeSet<>(Set.of("Speed")),
                new TreeSet<>(Set.of("dev"))));
        assertThat(chosen(windowsWithDevAndSpeed).keySet())
                .containsExactly("always", "dev-tool", "old-python", "windows-only", "with-extra");
    }

    /**
     * Hole 8: a marker that reads a value the target does not fix selects its package (an installer may find it
     * true), so it is checked; only a marker that is false for every value the target could take skips.
     */
    @Test
    void aMarkerTheTargetCannotDecideSelectsItsPackage() {
        ParsedLockfile lock = parse(HEADER
                + pkg("by-kernel", "1.0", "marker = \"platform_release >= '6'\"\n", "by_kernel-1.0-py3-none-any.whl")
                + pkg("by-build", "1.0", "marker = \"'Ubuntu' in platform_version\"\n",
                        "by_build-1.0-py3-none-any.whl")
                + pkg("by-patch", "1.0", "marker = \"python_full_version >= '3.12.4'\"\n",
                        "by_patch-1.0-py3-none-any.whl")
                + pkg("windows-kernel", "1.0", "marker = \"sys_platform == 'win32' and platform_release >= '10'\"\n",
                        "windows_kernel-1.0-py3-none-any.whl"));
        Plan linux = InstallPlanner.plan(lock, current("3.12", "manylinux_2_28_x86_64"));
        assertThat(chosen(linux).keySet()).containsExactlyInAnyOrder("by-kernel", "by-build", "by-patch");
        assertThat(linux.undecided()).extracting(p -> p.pkg().name())
                .containsExactly("by-kernel", "by-build", "by-patch");
        assertThat(linux.skipped()).extracting(VerifyReport.SkippedPackage::name).containsExactly("windows-kernel");
        // A full Python version decides the patch release.
        Plan patch = InstallPlanner.plan(lock, current("3.12.1", "manylinux_2_28_x86_64"));
        assertThat(chosen(patch).keySet()).containsExactlyInAnyOrder("by-kernel", "by-build");
        assertThat(patch.skipped()).extracting(VerifyReport.SkippedPackage::name)
                .containsExactly("by-patch", "windows-kernel");
    }

    @Test
    void theBestWheelWinsThenTheSdist() {
        ParsedLockfile lock = parse(HEADER + pkg("native", "2.0", "",
                "native-2.0.tar.gz",
                "native-2.0-py3-none-any.whl",
                "native-2.0-cp39-abi3-manylinux_2_17_x86_64.whl",
                "native-2.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                "native-2.0-cp312-cp312-manylinux_2_34_x86_64.whl",
                "native-2.0-cp312-cp312-musllinux_1_2_x86_64.whl",
                "native-2.0-cp311-cp311-manylinux_2_17_x86_64.whl")
                + pkg("sdist-only", "1.0", "", "sdist_only-1.0.tar.gz")
                + pkg("pure", "1.0", "", "pure-1.0-py3-none-any.whl", "pure-1.0.tar.gz"));
        record Case(String python, String platform, String nativeFile) {}
        for (Case c : List.of(
                new Case("3.12", "manylinux_2_28_x86_64", "native-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
                new Case("3.12", "manylinux_2_35_x86_64", "native-2.0-cp312-cp312-manylinux_2_34_x86_64.whl"),
                new Case("3.13", "manylinux_2_28_x86_64", "native-2.0-cp39-abi3-manylinux_2_17_x86_64.whl"),
                new Case("3.12", "musllinux_1_2_x86_64", "native-2.0-cp312-cp312-musllinux_1_2_x86_64.whl"),
                new Case("3.12", "win_amd64", "native-2.0-py3-none-any.whl"),
                new Case("3.13t", "manylinux_2_28_x86_64", "native-2.0-py3-none-any.whl"))) {
            Map<String, String> chosen = chosen(InstallPlanner.plan(lock, current(c.python, c.platform)));
            assertThat(chosen).as(c.toString()).containsEntry("native", c.nativeFile)
                    .containsEntry("sdist-only", "sdist_only-1.0.tar.gz").containsEntry("pure", "pure-1.0-py3-none-any.whl");
        }
    }

    @Test
    void severalPlatformsAreTriedInOrder() {
        ParsedLockfile lock = parse(HEADER + pkg("native", "2.0", "",
                "native-2.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                "native-2.0-cp312-cp312-musllinux_1_1_x86_64.whl"));
        assertThat(chosen(InstallPlanner.plan(lock, current("3.12", "musllinux_1_2_x86_64", "manylinux_2_28_x86_64"))))
                .containsEntry("native", "native-2.0-cp312-cp312-musllinux_1_1_x86_64.whl");
        assertThat(chosen(InstallPlanner.plan(lock, current("3.12", "manylinux_2_5_x86_64", "musllinux_1_2_x86_64"))))
                .as("no manylinux wheel old enough: the next platform decides")
                .containsEntry("native", "native-2.0-cp312-cp312-musllinux_1_1_x86_64.whl");
    }

    @Test
    void platformsOfDifferentMachinesAreRefused() {
        assertThatThrownBy(() -> InstallTarget.of("3.12", List.of("win_amd64", "manylinux_2_28_x86_64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("describe different machines");
    }

    @Test
    void packageRequiresPythonAndDuplicatesAreErrorsNotSkips() {
        ParsedLockfile lock = parse(HEADER
                + pkg("needs-new", "1.0", "requires-python = \">=3.13\"\n", "needs_new-1.0-py3-none-any.whl")
                + pkg("twice", "1.0", "", "twice-1.0-py3-none-any.whl")
                + pkg("twice", "2.0", "marker = \"os_name == 'posix'\"\n", "twice-2.0-py3-none-any.whl")
                + pkg("no-wheel", "1.0", "", "no_wheel-1.0-cp312-cp312-win_amd64.whl"));
        assertThatThrownBy(() -> InstallPlanner.plan(lock, current("3.12", "manylinux_2_28_x86_64")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("pylock.toml:4: package needs-new: needs Python >=3.13, the target is 3.12")
                .hasMessageContaining("package twice: selected twice (also at line 12)")
                .hasMessageContaining("package no-wheel: no wheel is compatible");
        ParsedLockfile ok = parse(HEADER
                + pkg("twice", "1.0", "marker = \"os_name == 'nt'\"\n", "twice-1.0-py3-none-any.whl")
                + pkg("twice", "2.0", "marker = \"os_name == 'posix'\"\n", "twice-2.0-py3-none-any.whl"));
        assertThat(chosen(InstallPlanner.plan(ok, current("3.12", "win_amd64"))))
                .isEqualTo(Map.of("twice", "twice-1.0-py3-none-any.whl"));
        assertThat(chosen(InstallPlanner.plan(ok, current("3.12", "macosx_14_0_arm64"))))
                .isEqualTo(Map.of("twice", "twice-2.0-py3-none-any.whl"));
    }

    @Test
    void uvsExportIsPlannedForEachTarget() throws IOException {
        ParsedLockfile uv = new LockfileReader().read(Path.of("src/test/resources/fixtures/pylock/uv-export.pylock.toml"));
        Map<String, String> linux = chosen(InstallPlanner.plan(uv, current("3.12", "manylinux_2_28_x86_64")));
        assertThat(linux).containsEntry("cffi", "cffi-1.17.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
                .containsEntry("pydantic-core",
                        "pydantic_core-2.33.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
                .doesNotContainKeys("importlib-resources", "zipp");
        assertThat(linux.values()).as("one file per selected package").noneMatch(f -> f.contains(","));
        Map<String, String> windows39 = chosen(InstallPlanner.plan(uv, current("3.9", "win_amd64")));
        assertThat(windows39).containsEntry("cffi", "cffi-1.17.1-cp39-cp39-win_amd64.whl")
                .containsKeys("importlib-resources", "zipp");
        assertThat(windows39).hasSize(linux.size() + 2);
        assertThat(InstallPlanner.plan(uv, new EnvironmentSelection.All()).packages()).hasSize(41);
    }

    @Test
    void directSourcesAreSelectedWithoutFiles() throws IOException {
        ParsedLockfile lock = parse(HEADER + "\n[[packages]]\nname = \"my-app\"\n[packages.directory]\npath = \".\"\n");
        Plan plan = InstallPlanner.plan(lock, current("3.12", "win_amd64"));
        assertThat(plan.packages()).singleElement().satisfies(p -> assertThat(p.files()).isEmpty());
    }
}
