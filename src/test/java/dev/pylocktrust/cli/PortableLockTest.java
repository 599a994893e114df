package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock made from a mirror directory works from another checkout: its files are paths relative to the lock file
 * (the default) or URLs where the mirror is published ({@code --mirror-of}), never this machine's absolute
 * {@code file:} URLs; and {@code verify} and {@code diff} accept it after the whole tree has moved.
 */
class PortableLockTest {
    private static final Pattern PATH = Pattern.compile("(?m)^path = \"([^\"]+)\"$");

    @TempDir
    Path tmp;

    private Path copyExamples(Path to) throws IOException {
        Path index = Path.of("examples/index");
        try (Stream<Path> files = Files.walk(index)) {
            for (Path f : files.toList()) {
                Path target = to.resolve("index").resolve(index.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.copy(Path.of("examples/requirements.txt"), to.resolve("requirements.txt"));
        return Files.createDirectories(to.resolve("out"));
    }

    private static CliRunner.Result lock(Path checkout, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("lock", "-r", checkout.resolve("requirements.txt")
                .toString(), "--no-deps", "--index-url", checkout.resolve("index").toString(), "--no-cache", "-o",
                checkout.resolve("out/pylock.toml").toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void aLockFromAMirrorDirectoryVerifiesAfterTheCheckoutMoved() throws IOException {
        Path a = tmp.resolve("alice/repo");
        copyExamples(a);
        CliRunner.Result locked = lock(a);
        assertThat(locked.exitCode()).as(locked.toString()).isZero();
        String text = Files.readString(a.resolve("out/pylock.toml"));
        // The regenerate comment repeats the command as given; the lock's content names no local directory.
        String content = withoutComments(a.resolve("out/pylock.toml"));
        assertThat(content).doesNotContain("file:").doesNotContain(tmp.toString());
        List<String> paths = PATH.matcher(text).results().map(m -> m.group(1)).toList();
        assertThat(paths).hasSize(4).allSatisfy(p -> assertThat(p).startsWith("../index/"));

        Path b = Files.createDirectories(tmp.resolve("bob/elsewhere")).resolve("repo");
        Files.move(a, b);
        for (String p : paths) {
            assertThat(b.resolve("out").resolve(p)).as("PEP 751: relative to the lock file's directory").isRegularFile();
        }
        CliRunner.Result verified = CliRunner.run("verify", b.resolve("out/pylock.toml").toString(), "--index-url",
                b.resolve("index").toString(), "--no-cache");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.stdout()).startsWith("verified 5 files of 5 packages: 5 packages attested");

        // Locking again in the new place changes nothing, and diff sees no change either.
        Files.copy(b.resolve("out/pylock.toml"), b.resolve("out/pylock.before.toml"));
        CliRunner.Result again = lock(b);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(withoutComments(b.resolve("out/pylock.toml")))
                .isEqualTo(withoutComments(b.resolve("out/pylock.before.toml")));
        CliRunner.Result diff = CliRunner.run("diff", b.resolve("out/pylock.before.toml").toString(),
                b.resolve("out/pylock.toml").toString(), "--fail-on", "any");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
    }

    /** The lock without its comment lines (the regenerate command repeats the paths given). */
    private static String withoutComments(Path lock) throws IOException {
        return String.join("\n", Files.readAllLines(lock).stream().filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void mirrorOfWritesTheUrlsWhereTheMirrorIsPublished() throws IOException {
        Path a = tmp.resolve("repo");
        copyExamples(a);
        CliRunner.Result locked = lock(a, "--mirror-of", "https://mirror.example/simple/");
        assertThat(locked.exitCode()).as(locked.toString()).isZero();
        String text = Files.readString(a.resolve("out/pylock.toml"));
        assertThat(text).doesNotContain("file:").doesNotContain("\npath = ")
                .contains("index = \"https://mirror.example/simple\"\n")
                .contains("url = \"https://mirror.example/simple/abi3info/abi3info-2024.10.3-py3-none-any.whl\"\n")
                // listed by the mirror with its PyPI URL: kept
                .contains("url = \"https://files.pythonhosted.org/packages/source/p/pypi-attestations/"
                        + "pypi_attestations-0.0.16.tar.gz\"\n")
                .contains("--mirror-of https://mirror.example/simple/");
        Matcher indexes = Pattern.compile("(?m)^index = ").matcher(text);
        assertThat(indexes.results().count()).isEqualTo(5);

        CliRunner.Result verified = CliRunner.run("verify", a.resolve("out/pylock.toml").toString(), "--index-url",
                a.resolve("index").toString(), "--no-cache");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
    }

    @Test
    void mirrorOfNeedsAMirrorDirectoryAndAPlainHttpUrl() throws IOException {
        Path a = tmp.resolve("repo");
        copyExamples(a);
        CliRunner.Result remote = CliRunner.run("lock", "x==1", "--no-deps", "--mirror-of", "https://m.example/simple",
                "-o", a.resolve("out/pylock.toml").toString());
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.stderr()).startsWith("error: --mirror-of names the URL where a mirror directory is "
                + "published, but --index-url is not a directory\n");
        CliRunner.Result secret = lock(a, "--mirror-of", "https://user:token@m.example/simple");
        assertThat(secret.exitCode()).isEqualTo(2);
        assertThat(secret.stderr()).doesNotContain("token").startsWith("error: --mirror-of must be an http(s) URL");
        assertThat(a.resolve("out/pylock.toml")).doesNotExist();
    }
}
