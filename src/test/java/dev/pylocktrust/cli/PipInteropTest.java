package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import dev.pylocktrust.testkit.python.PackagingPylock;
import dev.pylocktrust.testkit.python.PipCommands;
import dev.pylocktrust.testkit.python.PipEnvironment;
import dev.pylocktrust.testkit.python.SelectionAgreement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI story, run for real with pip 26.2.1 in a fresh virtual environment (one for the class) against the
 * loopback test index, whose files are installable pure-Python wheels with real test-Sigstore attestations:
 * <ul>
 *   <li>{@code pylock-trust lock} writes a lock with an extra, a dependency group and a package excluded by its
 *       marker; {@code pylock-trust verify} passes; {@link PipCommands#INSTALL_FROM_LOCK} installs exactly the
 *       files {@code verify --environment current} checks for this machine, and nothing else;</li>
 *   <li>a file whose bytes no longer match the lock's sha256 makes that pip install fail;</li>
 *   <li>{@link PipCommands#LOCK}'s lock goes through {@code lock --from-lock}: packages and files kept exactly,
 *       identities added, {@code verify} passes, and {@code diff} shows only the identities added;</li>
 *   <li>the wheelhouse flow for older pip and other installers runs as documented, and {@code verify --wheelhouse
 *       --pip-report} passes on what it downloaded.</li>
 * </ul>
 * Every pip command runs verbatim as {@link PipCommands} spells it. Needs {@code python3} 3.11+ (fails, never
 * skips).
 */
class PipInteropTest {
    static final IdentitySpec APP = IdentitySpec.github("acme/app", "release.yml", null);
    static final IdentitySpec LIB = IdentitySpec.github("acme/lib", "release.yml", null);
    static final IdentitySpec TOOLS = IdentitySpec.gitlab("acme/tools", ".gitlab-ci.yml", null);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static PipEnvironment pip;
    private static TestIndex index;
    private static TestIndexServer server;
    private static Path trustedRoot;
    private static String python;
    /** The project's lock (extra, group, marker-excluded package), written once for the class. */
    private static Path projectLock;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        pip = PipEnvironment.create(shared);
        python = pip.pythonVersion();
        TestSigstore sigstore = TestSigstore.create(23, LockScenario.CLOCK);
        index = new TestIndexBuilder(new SigstoreProvenanceMinter(sigstore)).realArchives().providesExtra()
                .add(TestRelease.of("app", "1.0").withIdentity(APP).withDependencies("lib>=1.0",
                        "winhelper>=1.0; sys_platform == \"win32\"", "checker>=1.0; extra == \"test\""))
                .add(TestRelease.of("lib", "1.0").withIdentity(LIB))
                .add(TestRelease.of("lib", "2.0").withIdentity(LIB))
                .add(TestRelease.of("winhelper", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("checker", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("devtool", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("Plain_Name", "0.5"))
                .build();
        server = TestIndexServer.start(index);
        trustedRoot = sigstore.writeTrustedRoot(Files.createDirectories(shared.resolve("root")));
        projectLock = lockProject(Files.createDirectories(shared.resolve("project")));
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    @BeforeEach
    void emptyEnvironment() throws IOException {
        server.serve(index);
        pip.clear();
    }

    @Test
    void pipInstallsExactlyWhatVerifyChecked() throws IOException {
        Path lock = lockProject();
        Lockfile written = new LockfileReader().read(lock).lockfile();
        assertThat(written.packages()).extracting(LockedPackage::name)
                .contains("app", "lib", "winhelper", "checker", "devtool", "plain-name");

        CliRunner.Result all = verify(lock);
        assertThat(all.exitCode()).as(all.toString()).isZero();
        Map<String, String> checked = checkedForThisMachine(lock);
        assertThat(checked).containsOnlyKeys("app", "lib", "plain-name");

        PipEnvironment.Run install = pip.sh(dir, PipCommands.INSTALL_FROM_LOCK, Map.of("PIP_NO_INDEX", "1"));
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(pip.installed()).isEqualTo(checked);
    }

    @Test
    void aFileWhoseBytesChangedAfterLockingIsRefusedByPip() throws IOException {
        Path lock = lockProject();
        TestFile lib1 = index.file("lib", "lib-1.0-py3-none-any.whl");
        TestFile lib2 = index.file("lib", "lib-2.0-py3-none-any.whl");
        // A valid wheel, other bytes, under the locked name and URL: what a compromised mirror would serve.
        server.serve(index.withFile("lib", lib1.filename(), f -> new TestFile(f.project(), f.version(), f.filename(),
                lib2.content(), f.sha256(), f.metadata(), f.metadataSha256(), f.provenance(), f.requiresPython(),
                f.yanked(), f.uploadTime())));

        PipEnvironment.Run install = pip.sh(dir, PipCommands.INSTALL_FROM_LOCK, Map.of("PIP_NO_INDEX", "1"));
        assertThat(install.exitCode()).as(install.toString()).isNotZero();
        assertThat(install.output()).contains("THESE PACKAGES DO NOT MATCH THE HASHES").contains(lib1.sha256())
                .contains(lib2.sha256());
        assertThat(pip.installed()).as("pip checks every download before installing anything").isEmpty();
    }

    @Test
    void pipsLockIsTakenInWithIdentitiesAdded() throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "app[test]\nplain-name\n");
        PipEnvironment.Run locked = pip.sh(dir, PipCommands.LOCK, Map.of("PIP_INDEX_URL", server.simpleUrl()));
        assertThat(locked.exitCode()).as(locked.toString()).isZero();
        Path pipLock = dir.resolve("pylock.pip.toml");
        Path ours = dir.resolve("pylock.toml");

        CliRunner.Result taken = run("lock", "--from-lock", pipLock.toString(), "-o", ours.toString());
        assertThat(taken.exitCode()).as(taken.toString()).isZero();
        Lockfile theirs = new LockfileReader().read(pipLock).lockfile();
        Lockfile mine = new LockfileReader().read(ours).lockfile();
        assertThat(mine.packages()).hasSameSizeAs(theirs.packages()).hasSize(4);
        for (LockedPackage p : theirs.packages()) {
            LockedPackage q = mine.packagesNamed(p.name()).get(0);
            assertThat(q.version()).isEqualTo(p.version());
            assertThat(q.files()).as(p.name()).isEqualTo(p.files());
            assertThat(q.attestationIdentities()).as(p.name()).hasSize(p.name().equals("plain-name") ? 0 : 1);
        }

        CliRunner.Result verified = verify(ours);
        assertThat(verified.exitCode()).as(verified.toString()).isZero();

        CliRunner.Result diff = CliRunner.run("diff", pipLock.toString(), ours.toString(), "--format", "json");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        List<String> findings = new ArrayList<>();
        JSON.readTree(diff.stdout()).path("findings").forEach(f -> findings.add(f.path("code").asText() + " "
                + f.path("package").asText()));
        assertThat(findings).as(diff.stdout()).containsExactlyInAnyOrder("first-use app",
                "first-use checker", "first-use lib");

        try (PackagingPylock packaging = PackagingPylock.start()) {
            SelectionAgreement agreement = new SelectionAgreement(packaging);
            assertThat(agreement.disagreements("pip lock", Files.readString(pipLock))).isEmpty();
            assertThat(agreement.disagreements("--from-lock of pip lock", Files.readString(ours))).isEmpty();
        }
        PipEnvironment.Run install = pip.sh(dir, PipCommands.INSTALL_FROM_LOCK, Map.of("PIP_NO_INDEX", "1"));
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(pip.installed()).containsOnlyKeys("app", "lib", "checker", "plain-name");
    }

    @Test
    void theWheelhouseFlowForOlderPipInstallsOnlyVerifiedFiles() throws IOException {
        lockProject();
        PipEnvironment.place(Path.of("examples/pylock-to-requirements.py"), dir, "pylock-to-requirements.py");
        Map<String, String> index = Map.of("PIP_INDEX_URL", server.simpleUrl());
        for (String command : List.of(PipCommands.REQUIREMENTS, PipCommands.DOWNLOAD, PipCommands.REPORT)) {
            PipEnvironment.Run r = pip.sh(dir, command, index);
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        Map<String, String> checked = checkedForThisMachine(dir.resolve("pylock.toml"), "--wheelhouse",
                dir.resolve("wheels").toString(), "--pip-report", dir.resolve("pip-report.json").toString());
        assertThat(checked).containsOnlyKeys("app", "lib", "plain-name");

        PipEnvironment.Run install = pip.sh(dir, PipCommands.INSTALL_FROM_WHEELHOUSE, Map.of());
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(pip.installed()).isEqualTo(checked);
    }

    /** The project's lock, as {@code pylock.toml} in this test's directory. */
    private Path lockProject() throws IOException {
        return Files.copy(projectLock, dir.resolve("pylock.toml"));
    }

    /** {@code pylock-trust lock -r pyproject.toml --extra test --group dev} for this machine's Python, in {@code dir}. */
    private static Path lockProject(Path dir) throws IOException {
        Path project = Files.writeString(dir.resolve("pyproject.toml"), """
                [project]
                name = "myproject"
                version = "0.1"
                dependencies = ["app", "lib<2", "plain-name"]

                [project.optional-dependencies]
                test = ["app[test]"]

                [dependency-groups]
                dev = ["devtool"]
                """);
        Path lock = dir.resolve("pylock.toml");
        CliRunner.Result r = run("lock", "-r", project.toString(), "--extra", "test", "--group", "dev",
                "--python-version", python, "--platform", "manylinux_2_28_x86_64", "--platform", "win_amd64",
                "-o", lock.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return lock;
    }

    /** {@code verify --environment current} for this machine, as JSON: the checked files' package to version. */
    private Map<String, String> checkedForThisMachine(Path lock, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--environment", "current", "--python-version", python,
                "--platform", "manylinux_2_28_x86_64", "--format", "json"));
        args.addAll(List.of(more));
        CliRunner.Result r = verify(lock, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : JSON.readTree(r.stdout()).path("packages")) {
            out.put(p.path("name").asText(), p.path("version").asText());
        }
        return out;
    }

    private CliRunner.Result verify(Path lock, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", lock.toString()));
        args.addAll(indexArgs());
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static CliRunner.Result run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(indexArgs());
        all.addAll(List.of(args));
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, all.toArray(String[]::new));
    }

    private static List<String> indexArgs() {
        return List.of("--index-url", server.simpleUrl(), "--trusted-host", server.host(), "--trusted-root",
                trustedRoot.toString(), "--no-cache");
    }
}
