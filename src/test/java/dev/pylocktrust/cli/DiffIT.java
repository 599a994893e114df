package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pylock-trust diff} as CI runs it: inside a checkout, BASE from a git revision, {@code --format github}
 * with {@code GITHUB_STEP_SUMMARY} set. Two process runs only (each costs a JVM start).
 */
class DiffIT {
    @TempDir
    Path repo;

    private CliRunner.Result run(Path dir, String summary, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LauncherRunner.launcher().toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("GITHUB_STEP_SUMMARY", summary);
        Path out = Files.createTempFile("diff-it", ".out");
        Path err = Files.createTempFile("diff-it", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("a safety net, not a performance check").isTrue();
        return new CliRunner.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void pullRequestCheckAgainstTheBaseRevision() throws Exception {
        Path golden = Path.of("src/test/resources/golden/diff/takeover").toAbsolutePath();
        GitShowTest.git(repo, "init", "-q");
        Files.copy(golden.resolve("pylock.base.toml"), repo.resolve("pylock.toml"));
        GitShowTest.git(repo, "add", "pylock.toml");
        GitShowTest.git(repo, "commit", "-q", "-m", "base");
        Files.copy(golden.resolve("pylock.head.toml"), repo.resolve("pylock.toml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path summary = repo.resolve("summary.md");

        CliRunner.Result r = run(repo, summary.toString(), "diff", "--format", "github", "git:HEAD:pylock.toml",
                "pylock.toml");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("::error file=pylock.toml,line=45,title=Identity and hash changes%3A "
                + "requests::identity changed, not approved: `GitHub psf/requests (publish.yml, environment pypi)` -> "
                + "`GitHub requests-maintainers/requests (publish.yml, environment pypi)`");
        assertThat(r.stderr()).startsWith("error: the lockfile change needs review: 1 identity change (1 unapproved)");
        assertThat(Files.readString(summary, StandardCharsets.UTF_8)).startsWith("<!-- pylock-trust.diff/2 -->\n"
                + "### pylock-trust diff `git:HEAD:pylock.toml` -> `pylock.toml`\n\n"
                + "**1 identity change (1 unapproved), 1 upgrade**\n");
    }

    @Test
    void outsideARepositoryGitSourcesFailClearly(@TempDir Path outside) throws Exception {
        CliRunner.Result r = run(outside, "", "diff", "git:origin/main:pylock.toml", "pylock.toml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("git:origin/main:pylock.toml: ").contains("is not inside a git repository")
                .contains("hint: run pylock-trust from a checkout of your repository, or give BASE as a file path");
    }
}
