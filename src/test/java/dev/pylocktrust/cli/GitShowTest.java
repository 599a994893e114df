package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code git:REV:PATH} sources, read from a real git repository made in the test. */
class GitShowTest {
    static final String V1 = "lock-version = \"1.0\"\ncreated-by = \"test\"\npackages = []\n";

    @TempDir
    static Path repo;
    @TempDir
    static Path outside;

    static String v2;

    /** Runs git with no user or system configuration, so the machine's settings cannot change the test. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @BeforeAll
    static void makeRepository() throws Exception {
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("pylock.toml"), V1);
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(repo.resolve("sub/pylock.toml"), V1);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "first");
        v2 = Files.readString(Path.of("src/test/resources/golden/diff/takeover/pylock.head.toml"));
        Files.writeString(repo.resolve("pylock.toml"), v2);
        git(repo, "commit", "-q", "-am", "second");
        Files.writeString(repo.resolve("pylock.toml"), "not committed");
    }

    private static GitShow in(Path dir) {
        return new GitShow(dir, GitShow.DEFAULT_TIMEOUT, 1024 * 1024);
    }

    @Test
    void readsTheCommittedBytesOfARevision() {
        assertThat(new String(in(repo).show("HEAD~1", "pylock.toml", "spec"), StandardCharsets.UTF_8)).isEqualTo(V1);
        assertThat(new String(in(repo).show("HEAD", "pylock.toml", "spec"), StandardCharsets.UTF_8)).isEqualTo(v2);
        assertThat(new String(in(repo).show("main", "sub/pylock.toml", "spec"), StandardCharsets.UTF_8))
                .isEqualTo(V1);
        // as in git: paths are relative to the repository root, or to the current directory with ./
        assertThat(new String(in(repo.resolve("sub")).show("HEAD", "./pylock.toml", "spec"), StandardCharsets.UTF_8))
                .isEqualTo(V1);
    }

    @Test
    void failuresAreUsageErrorsThatSayWhatToDo() {
        assertThatThrownBy(() -> in(repo).show("origin/main", "pylock.toml", "git:origin/main:pylock.toml"))
                .isInstanceOf(UsageException.class)
                .hasMessage("git:origin/main:pylock.toml: unknown git revision 'origin/main'")
                .satisfies(e -> assertThat(((UsageException) e).hints()).containsExactly("in CI, fetch it first: "
                        + "actions/checkout with fetch-depth: 0, or git fetch origin main"));
        assertThatThrownBy(() -> in(repo).show("HEAD", "missing.toml", "s"))
                .hasMessage("s: missing.toml does not exist in revision HEAD");
        assertThatThrownBy(() -> in(repo).show("HEAD", "sub", "s"))
                .hasMessage("s: sub is a directory in HEAD, not a file");
        assertThatThrownBy(() -> in(repo).show("--output=/tmp/x", "pylock.toml", "s"))
                .hasMessage("s: a git revision cannot start with '-'");
        assertThatThrownBy(() -> in(repo).show("", "pylock.toml", "git::pylock.toml"))
                .hasMessage("git::pylock.toml: expected git:REV:PATH with a revision and a path");
        assertThatThrownBy(() -> new GitShow(repo, GitShow.DEFAULT_TIMEOUT, 10).show("HEAD", "pylock.toml", "s"))
                .hasMessage("s: the file is larger than the limit of 10 bytes");
    }

    @Test
    void outsideARepositoryTheMessageSaysSo() throws Exception {
        ProcessBuilder probe = new ProcessBuilder("git", "rev-parse", "--git-dir").directory(outside.toFile());
        Process p = probe.start();
        p.waitFor(60, TimeUnit.SECONDS);
        assumeThat(p.exitValue()).as("the temporary directory must not be inside a git repository").isNotZero();
        assertThatThrownBy(() -> in(outside).show("HEAD", "pylock.toml", "git:HEAD:pylock.toml"))
                .isInstanceOf(UsageException.class)
                .hasMessage("git:HEAD:pylock.toml: " + outside.toAbsolutePath().normalize()
                        + " is not inside a git repository");
    }

    @Test
    void theSpecIsSplitAtTheFirstColon() {
        assertThat(LockfileSource.parse("git:origin/main:locks/pylock.toml"))
                .isEqualTo(new LockfileSource("git:origin/main:locks/pylock.toml", java.util.Optional.of(
                        "origin/main"), "locks/pylock.toml"));
        assertThat(LockfileSource.parse("./git:odd.toml").revision()).isEmpty();
        assertThat(LockfileSource.parse("git:HEAD:pylock.toml").annotationPath()).isEqualTo("pylock.toml");
    }

    @Test
    void diffReadsBothSidesFromRevisions() {
        CliRunner.Result r = CliRunner.run("diff", "--git-repo", repo.toString(), "--format", "github",
                "--step-summary", "", "git:HEAD~1:pylock.toml", "git:HEAD:pylock.toml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("::warning file=pylock.toml,line=").contains("title=New and removed packages%3A"
                + " requests::new package `2.32.4`, attested by")
                .contains("pylock-trust diff `git:HEAD~1:pylock.toml` -> `git:HEAD:pylock.toml`");
        CliRunner.Result missing = CliRunner.run("diff", "--git-repo", repo.toString(), "git:v9:pylock.toml",
                "git:HEAD:pylock.toml");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("error: git:v9:pylock.toml: unknown git revision 'v9'\nhint: ");
    }
}
