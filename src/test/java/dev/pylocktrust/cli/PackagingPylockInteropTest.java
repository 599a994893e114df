package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.testkit.python.PackagingPylock;
import dev.pylocktrust.testkit.python.SelectionAgreement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of lock pylock-trust writes is a PEP 751 lock for the PyPA reference model: {@code packaging.pylock}
 * (packaging 26.3) loads it with {@code Pylock.from_dict}, and {@code Pylock.select()} picks, for each target, the
 * same files as {@code verify --environment current} ({@link SelectionAgreement}). The kinds are regenerated here
 * with the suite's own scenarios: golden lock files, pinned locks (identities of every kind, files without
 * provenance, markers, an approved identity change), resolved locks (extras, dependency groups, markers, several
 * environments, Requires-Python), and {@code --from-lock} output. One Python process answers for all of them.
 * Needs {@code python3} 3.11+ on the PATH: fails, never skips.
 */
class PackagingPylockInteropTest {
    @TempDir
    static Path shared;

    private static PackagingPylock packaging;
    private static SelectionAgreement agreement;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPackaging() throws IOException {
        packaging = PackagingPylock.start();
        agreement = new SelectionAgreement(packaging);
    }

    @AfterAll
    static void stopPackaging() throws IOException {
        packaging.close();
    }

    @Test
    void goldenLockFilesAndExamples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> golden = Files.list(Path.of("src/test/resources/golden/lockfile"))) {
            golden.filter(f -> f.toString().endsWith(".toml")).sorted().forEach(files::add);
        }
        files.add(Path.of("src/test/resources/lockfile/pep751-example.pylock.toml"));
        files.add(Path.of("src/test/resources/fixtures/pylock/uv-export.pylock.toml"));
        files.add(Path.of("examples/pylock.toml"));
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            problems.addAll(agreement.disagreements(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void pinnedLocksWithIdentitiesMarkersAndAnApprovedChange() throws IOException {
        List<String> problems = new ArrayList<>();
        try (LockScenario s = new LockScenario(dir)) {
            Path out = dir.resolve("pylock.toml");
            succeed(s.lock(out, "widget==1.0.0", "plain==1.0 ; os_name == 'nt'", "plain==2.0 ; os_name != 'nt'",
                    "gadget==1.0"));
            problems.addAll(check("pinned", out));
            succeed(s.lock(out, "widget==3.0.0", "plain==1.0 ; os_name == 'nt'", "plain==2.0 ; os_name != 'nt'",
                    "gadget==1.0", "--accept-identity-change", "widget", "--reason", "moved, see issue 7",
                    "--approved-by", "release team"));
            problems.addAll(check("approved identity change", out));
            succeed(s.lock(out, "widget==5.0.0 ; python_version >= '3.10'", "plain==1.0", "--accept-identity-change",
                    "widget", "--reason", "environment added"));
            problems.addAll(check("environment change, python_version marker", out));

            Path fromLock = dir.resolve("pylock.from.toml");
            succeed(s.lock(fromLock, "--from-lock", out.toString()));
            problems.addAll(check("--from-lock output", fromLock));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void resolvedLocksWithExtrasGroupsMarkersAndSeveralEnvironments() throws IOException {
        List<String> problems = new ArrayList<>();
        try (ResolveScenario world = new ResolveScenario(dir)) {
            Path project = Files.writeString(dir.resolve("pyproject.toml"), """
                    [project]
                    name = "myproject"
                    version = "0.1"
                    requires-python = ">=3.10"
                    dependencies = ["app", "lib<3", "uses-modern"]

                    [project.optional-dependencies]
                    test = ["myproject[extra-tools]"]
                    extra-tools = ["app[test]"]

                    [dependency-groups]
                    dev = [{include-group = "lint"}]
                    lint = ["devtool"]
                    """);
            Path out = dir.resolve("pylock.toml");
            succeed(resolve(world, out, "-r", project.toString(), "--all-extras", "--group", "dev", "--group", "lint"));
            problems.addAll(check("resolved: extras, groups, default environments", out));
            succeed(resolve(world, out, "lib<3", "uses-modern", "colorama ; os_name == 'nt'", "--python-version", "3.12", "--python-version",
                    "3.13", "--platform", "manylinux_2_28_x86_64", "--platform", "musllinux_1_2_x86_64",
                    "--platform", "macosx_14_0_arm64", "--platform", "win_amd64"));
            problems.addAll(check("resolved: two Pythons needing different versions, four platforms", out));
            succeed(resolve(world, out, "old", "app[test]", "--platform", "win_amd64"));
            problems.addAll(check("resolved: one Windows environment, an extra requested", out));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static CliRunner.Result resolve(ResolveScenario world, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("lock"));
        all.addAll(world.indexArgs());
        all.addAll(List.of("-o", out.toString()));
        all.addAll(List.of(args));
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, all.toArray(String[]::new));
    }

    private List<String> check(String kind, Path lock) throws IOException {
        return agreement.disagreements(kind, Files.readString(lock, StandardCharsets.UTF_8));
    }

    private static void succeed(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
