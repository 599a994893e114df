package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.PylockSchemaTest;
import dev.pylocktrust.lock.RawTable;
import dev.pylocktrust.testkit.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pylock-trust lock} with dependency resolution, end to end in-process, on {@link ResolveScenario}'s loopback
 * index. Each test
 * asserts the exit code, what the user reads and what is on disk; trust-on-first-use applies to resolved packages
 * exactly as to pins.
 */
class LockResolveTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static ResolveScenario world;
    private Path out;

    @BeforeAll
    static void start() throws IOException {
        world = new ResolveScenario(shared);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @BeforeEach
    void reset() {
        out = dir.resolve("pylock.toml");
    }

    private CliRunner.Result lock(String... args) {
        List<String> all = new ArrayList<>(List.of("lock"));
        all.addAll(world.indexArgs());
        all.addAll(List.of("-o", out.toString()));
        all.addAll(List.of(args));
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, all.toArray(String[]::new));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Lockfile written() {
        return new LockfileReader().read(out).lockfile();
    }

    private static LockedPackage pkg(Lockfile l, String name) {
        assertThat(l.packagesNamed(name)).as(name).hasSize(1);
        return l.packagesNamed(name).get(0);
    }

    private static List<String> filenames(LockedPackage p) {
        return p.files().stream().map(LockedFile::filename).toList();
    }

    private static Map<String, Object> identity(LockedPackage p) {
        assertThat(p.attestationIdentities()).hasSize(1);
        return p.attestationIdentities().get(0).fields().toMap();
    }

    private static void assertSuccess(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).doesNotContain("error:");
    }

    @Test
    void looseRequirementsResolveForTheDefaultTargetsWithMarkersFilesAndIdentities() throws IOException {
        CliRunner.Result r = lock("app", "-c", file("constraints.txt", "lib<3\n").toString());
        assertSuccess(r);
        Lockfile l = written();
        assertThat(l.packages()).extracting(LockedPackage::name)
                .containsExactly("app", "colorama", "lib", "native");
        assertThat(l.requiresPython()).contains(">=3.12");
        assertThat(l.environments().orElseThrow()).hasSize(3);
        assertThat(l.extras()).contains(List.of());
        assertThat(l.dependencyGroups()).contains(List.of());

        LockedPackage app = pkg(l, "app");
        assertThat(app.version()).contains("1.0");
        assertThat(app.marker()).isEmpty();
        assertThat(app.requiresPython()).contains(">=3.9");
        assertThat(app.dependencies()).extracting(t -> t.get("name").orElseThrow())
                .containsExactly("colorama", "lib", "native");
        assertThat(identity(app)).containsEntry("repository", "acme/app");

        assertThat(pkg(l, "lib").version()).contains("2.0");
        assertThat(identity(pkg(l, "lib"))).containsEntry("repository", "acme/lib");
        assertThat(pkg(l, "colorama").marker()).contains("sys_platform == \"win32\"");
        assertThat(pkg(l, "colorama").attestationIdentities()).isEmpty();
        // Only the wheels the targets can install; the musllinux wheel is not for any default target.
        assertThat(filenames(pkg(l, "native"))).containsExactly(
                "native-1.0-cp312-cp312-macosx_11_0_arm64.whl",
                "native-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                "native-1.0-cp312-cp312-win_amd64.whl");
        assertThat(identity(pkg(l, "native"))).containsEntry("kind", "GitLab");

        String text = Files.readString(out);
        assertThat(text).contains("#    pylock-trust lock app -c " + dir.resolve("constraints.txt"));
        assertThat(r.stdout()).contains("colorama 0.4.6").contains("sys_platform == \"win32\"");
    }

    @Test
    void theResolvedLockPassesVerify() throws IOException {
        assertSuccess(lock("app", "-c", file("constraints.txt", "lib<3\n").toString()));
        List<String> args = new ArrayList<>(List.of("verify", out.toString()));
        args.addAll(world.indexArgs());
        CliRunner.Result v = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new));
        assertThat(v.exitCode()).as(v.toString()).isZero();
    }

    @Test
    void oneTargetLocksOnlyWhatItInstalls() {
        assertSuccess(lock("app", "lib<3", "--python-version", "3.12", "--platform", "musllinux_1_2_x86_64"));
        Lockfile l = written();
        assertThat(l.packages()).extracting(LockedPackage::name).containsExactly("app", "lib", "native");
        assertThat(l.environments().orElseThrow()).hasSize(1);
        assertThat(pkg(l, "native").marker()).isEmpty();
        assertThat(filenames(pkg(l, "native"))).containsExactly("native-1.0-cp312-cp312-musllinux_1_2_x86_64.whl");
        assertThat(Files.exists(out)).isTrue();
    }

    @Test
    void lockedVersionsAreKeptUntilAnUpgradeIsAskedFor() throws IOException {
        assertSuccess(lock("app", "-c", file("pinned.txt", "lib==1.0\n").toString()));
        assertThat(pkg(written(), "lib").version()).contains("1.0");

        // Without the constraint lib could move, but the lock keeps it.
        Path range = file("range.txt", "lib<3\n");
        CliRunner.Result kept = lock("app", "-c", range.toString());
        assertSuccess(kept);
        assertThat(pkg(written(), "lib").version()).contains("1.0");

        CliRunner.Result moved = lock("app", "-c", range.toString(), "--upgrade-package", "LIB");
        assertSuccess(moved);
        assertThat(pkg(written(), "lib").version()).contains("2.0");
        assertThat(moved.stdout()).contains("lib 2.0  (upgraded from 1.0)");
        assertThat(identity(pkg(written(), "lib"))).containsEntry("repository", "acme/lib");
    }

    @Test
    void anUpgradeToAnotherPublisherIsRefusedAndTheLockIsUntouched() throws IOException {
        assertSuccess(lock("app", "-c", file("constraints.txt", "lib<3\n").toString()));
        byte[] before = Files.readAllBytes(out);

        CliRunner.Result r = lock("app", "--upgrade");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("lib 3.0: publisher identity changed")
                .contains("GitHub evil/lib")
                .contains("--accept-identity-change lib");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);

        assertThat(lock("app", "--upgrade", "--accept-identity-change", "lib", "--reason", "x", "--approved-by",
                " ").stderr()).startsWith("error: --approved-by for lib must not be blank\n");
        CliRunner.Result accepted = lock("app", "--upgrade", "--accept-identity-change", "lib", "--reason",
                "the project moved to the evil org, announced in #7", "--approved-by", "alice");
        assertSuccess(accepted);
        assertThat(identity(pkg(written(), "lib"))).containsEntry("repository", "evil/lib");
        assertThat(written().policy().approvedIdentityChanges()).singleElement().satisfies(a -> {
            assertThat(a.packageName()).isEqualTo("lib");
            assertThat(a.reason()).isEqualTo("the project moved to the evil org, announced in #7");
            assertThat(a.approvedBy()).contains("alice");
            assertThat(a.date()).isEqualTo(java.time.LocalDate.of(2026, 11, 1));
        });
        assertThat(Files.readString(out)).contains("approved-by = \"alice\"\n");
    }

    @Test
    void pyprojectExtrasAndGroupsGetTheirMarkersAndTopLevelKeys() throws IOException {
        Path project = file("pyproject.toml", """
                [project]
                name = "myproject"
                version = "0.1"
                requires-python = ">=3.10"
                dependencies = ["app", "lib<3"]

                [project.optional-dependencies]
                test = ["myproject[extra-tools]"]
                extra-tools = ["app[test]"]

                [dependency-groups]
                dev = [{include-group = "lint"}]
                lint = ["devtool"]
                """);
        CliRunner.Result r = lock("-r", project.toString(), "--extra", "test", "--group", "dev");
        assertSuccess(r);
        Lockfile l = written();
        assertThat(l.extras()).contains(List.of("test"));
        assertThat(l.dependencyGroups()).contains(List.of("dev"));
        assertThat(pkg(l, "checker").marker()).contains("\"test\" in extras");
        assertThat(pkg(l, "devtool").marker()).contains("\"dev\" in dependency_groups");
        assertThat(pkg(l, "lib").marker()).isEmpty();
        assertThat(Files.readString(out)).contains("#    pylock-trust lock -r " + project + " --extra test --group dev");
        assertThat(PylockSchemaTest.problems(Files.readString(out))).isEmpty();
    }

    @Test
    void allExtrasLocksEveryExtraOfTheProject() throws IOException {
        Path project = file("pyproject.toml", """
                [project]
                name = "myproject"
                dependencies = ["lib<3"]
                [project.optional-dependencies]
                app = ["app"]
                test = ["checker"]
                """);
        assertSuccess(lock("-r", project.toString(), "--all-extras"));
        Lockfile l = written();
        assertThat(l.extras()).contains(List.of("app", "test"));
        assertThat(pkg(l, "app").marker()).contains("\"app\" in extras");
    }

    @Test
    void aConflictIsExplainedAndNothingIsWritten() {
        CliRunner.Result r = lock("app", "conflicted");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("error: cannot resolve the requirements for 3.12-")
                .contains("Because")
                .contains("conflicted")
                .contains("lib<1")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aProjectThatExcludesTheTargetPythonIsAnInputError() throws IOException {
        Path project = file("pyproject.toml", """
                [project]
                name = "myproject"
                requires-python = ">=3.13"
                dependencies = ["lib"]
                """);
        CliRunner.Result r = lock("-r", project.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("the project requires Python >=3.13 ([project].requires-python), but the "
                + "target 3.12-manylinux_2_28_x86_64 has Python 3.12");
        assertSuccess(lock("-r", project.toString(), "--python-version", "3.13"));
        assertThat(written().requiresPython()).contains(">=3.13");
    }

    @Test
    void inputErrorsAreReportedBeforeAnyRequest() throws IOException {
        world.server.clearRequests();
        Path hashed = file("hashed.txt", "lib==1.0 --hash=sha256:" + "a".repeat(64) + "\n");
        assertThat(lock("-r", hashed.toString()).stderr()).contains("hashed.txt:1: --hash needs --no-deps");
        assertThat(lock("lib==1.0", "--no-deps", "--platform", "win_amd64").stderr())
                .contains("error: --platform only applies when resolving");
        Path project = file("pyproject.toml", "[project]\nname = \"p\"\ndependencies = [\"lib\"]\n");
        assertThat(lock("-r", project.toString(), "--no-deps").stderr())
                .startsWith("error: -r " + project + " only applies when resolving\n");
        assertThat(lock("--from-lock", hashed.toString(), "--upgrade").stderr())
                .startsWith("error: --upgrade only applies when resolving\n");
        assertThat(lock("lib", "--extra", "test").stderr())
                .contains("error: --extra needs a pyproject.toml to take extras and groups from");
        assertThat(lock("lib", "--platform", "not_a_platform").exitCode()).isEqualTo(2);
        assertThat(lock("lib", "--group", "bad name!").stderr()).contains("--group 'bad name!' is not a valid name");
        assertThat(world.server.requests()).isEmpty();
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void anUpgradePackageNothingNeedsIsAnInputError() {
        CliRunner.Result r = lock("lib<3", "--upgrade-package", "nothere");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--upgrade-package nothere: nothere is not among the resolved packages");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void anApprovalForATransitivePackageIsCheckedAfterResolution() {
        CliRunner.Result r = lock("lib<3", "--accept-identity-change", "native", "--reason", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--accept-identity-change native: native is not among the packages being "
                + "locked");
    }

    @Test
    void aYankedPinIsLockedWithOneWarningAndTheJsonReportFollowsItsSchema() throws Exception {
        CliRunner.Result r = lock("old==1.0", "--format", "json");
        assertSuccess(r);
        JsonNode report = new ObjectMapper().readTree(r.stdout());
        SchemaCheck.load("schema/pylock-trust.lock-2.schema.json").valid(report);
        List<JsonNode> warnings = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("severity").asText().equals("warning")) {
                warnings.add(f);
            }
        });
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).path("code").asText()).isEqualTo("resolution");
        assertThat(warnings.get(0).path("package").asText()).isEqualTo("old");
        assertThat(warnings.get(0).path("message").asText()).isEqualTo("old 1.0 is yanked, with the "
                + "reason \"broken build\"; selected only because a requirement pins it");
        assertThat(pkg(written(), "old").version()).contains("1.0");

        assertSuccess(lock("old"));
        assertThat(pkg(written(), "old").version()).as("the locked version is yanked: replaced").contains("0.9");
    }

    @Test
    void twoPythonsThatNeedDifferentVersionsGetOneEntryEachWithItsMarker() {
        CliRunner.Result r = lock("uses-modern", "--python-version", "3.12", "--python-version", "3.13",
                "--platform", "manylinux_2_28_x86_64");
        assertSuccess(r);
        Lockfile l = written();
        assertThat(l.requiresPython()).contains(">=3.12");
        assertThat(l.packagesNamed("modern")).extracting(p -> p.version().orElseThrow() + " ; " + p.marker()
                .orElseThrow()).containsExactly("1.0 ; python_version == \"3.12\"",
                        "2.0 ; python_version == \"3.13\"");
        assertThat(pkg(l, "uses-modern").dependencies()).containsExactly(
                RawTable.of(Map.of("name", "modern", "version", "1.0")),
                RawTable.of(Map.of("name", "modern", "version", "2.0")));
        assertThat(l.packagesNamed("modern")).allSatisfy(p -> assertThat(p.attestationIdentities()).hasSize(1));
    }

    @Test
    void anOfflineRelockFromTheCacheResolvesToTheSameBytesWithoutARequest() throws IOException {
        List<String> args = new ArrayList<>(world.indexArgs());
        args.remove("--no-cache");
        args.addAll(List.of("--cache-dir", dir.resolve("cache").toString(), "-o", out.toString(), "app", "lib<3"));
        List<String> online = new ArrayList<>(List.of("lock"));
        online.addAll(args);
        assertSuccess(LockScenario.run(AtomicFileWriter.Ops.DEFAULT, online.toArray(String[]::new)));
        byte[] first = Files.readAllBytes(out);
        Files.delete(out);

        world.server.clearRequests();
        List<String> offline = new ArrayList<>(online);
        offline.add("--offline");
        assertSuccess(LockScenario.run(AtomicFileWriter.Ops.DEFAULT, offline.toArray(String[]::new)));
        assertThat(world.server.requests()).isEmpty();
        assertThat(Files.readAllBytes(out)).isEqualTo(first);

        Files.delete(out);
        List<String> emptyCache = new ArrayList<>(offline);
        emptyCache.set(emptyCache.indexOf("--cache-dir") + 1, dir.resolve("empty-cache").toString());
        CliRunner.Result miss = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, emptyCache.toArray(String[]::new));
        assertThat(miss.exitCode()).as(miss.toString()).isEqualTo(3);
        assertThat(miss.stderr()).startsWith("error: ").contains("not in the cache");
        assertThat(world.server.requests()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void theDependencyTableNamesEachLockedPackage() {
        assertSuccess(lock("app", "lib<3"));
        LockedPackage app = pkg(written(), "app");
        assertThat(app.dependencies()).contains(RawTable.of(Map.of("name", "lib")));
    }
}
