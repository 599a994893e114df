package dev.pylocktrust.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a wheelhouse and comparing it with the selected files. */
class WheelhouseTest {
    @TempDir
    Path dir;

    static String sha(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsOnlyDistributionFilesSortedWithTheirSha256() throws Exception {
        Files.writeString(dir.resolve("b-1.0-py3-none-any.whl"), "b");
        Files.writeString(dir.resolve("a-1.0.tar.gz"), "a");
        Files.writeString(dir.resolve("OLD-1.0.ZIP"), "old");
        Files.writeString(dir.resolve("a-1.0.tar.gz.metadata"), "m");
        Files.writeString(dir.resolve("README"), "r");
        Files.createDirectory(dir.resolve("sub.whl"));
        assertThat(Wheelhouse.scan(dir, java.util.Set.of())).containsExactly(
                Wheelhouse.Entry.of("OLD-1.0.ZIP", sha("old")),
                Wheelhouse.Entry.of("a-1.0.tar.gz", sha("a")),
                Wheelhouse.Entry.of("b-1.0-py3-none-any.whl", sha("b")));
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        assertThatThrownBy(() -> Wheelhouse.scan(dir.resolve("nope"), java.util.Set.of())).isInstanceOf(UsageException.class)
                .hasMessage("--wheelhouse " + dir.resolve("nope") + ": no such directory");
    }

    static final String LOCK = """
            lock-version = "1.0"
            created-by = "test"
            [[packages]]
            name = "markupsafe"
            version = "3.0.2"
            [[packages.wheels]]
            name = "markupsafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
            url = "https://x/MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
            hashes = {sha256 = "%s"}
            [[packages]]
            name = "legacy"
            version = "1.0"
            sdist = {url = "https://x/legacy-1.0.tar.bz2", hashes = {sha256 = "%s"}}
            """;

    static List<Finding> check(List<Wheelhouse.Entry> entries) {
        ParsedLockfile lock = new LockfileReader().parse(LOCK.formatted(sha("markupsafe"), sha("legacy")),
                "pylock.toml");
        return WheelhouseCheck.check(lock, InstallPlanner.plan(lock, new EnvironmentSelection.All()), "wheels",
                entries);
    }

    @Test
    void filesMatchBySha256AndParsedName() {
        // PyPI's spelling (and tag order) in the wheelhouse, uv's normalized spelling in the lock.
        assertThat(check(List.of(
                Wheelhouse.Entry.of("MarkupSafe-3.0.2-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
                        sha("markupsafe")),
                Wheelhouse.Entry.of("legacy-1.0.tar.bz2", sha("legacy"))))).isEmpty();
    }

    @Test
    void tamperedExtraAndMissingFilesAreNamed() {
        List<Finding> f = check(List.of(
                Wheelhouse.Entry.of("MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                        sha("evil")),
                Wheelhouse.Entry.of("markupsafe-3.0.2.tar.gz", sha("markupsafe")),
                Wheelhouse.Entry.of("not a wheel.zip", sha("x"))));
        assertThat(f).extracting(x -> x.code().code()).containsExactly("wheelhouse-hash-mismatch",
                "wheelhouse-unexpected-file", "wheelhouse-unexpected-file", "wheelhouse-missing");
        assertThat(f.get(0).detail()).isEqualTo("expected: sha256 " + sha("markupsafe") + " (markupsafe-3.0.2-cp312-"
                + "cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl)\nfound:    sha256 " + sha("evil"));
        assertThat(f.get(1).message()).isEqualTo("wheels/markupsafe-3.0.2.tar.gz is in the wheelhouse but is not a "
                + "file selected from the lock file");
        assertThat(f.get(1).packageName()).isEqualTo("markupsafe");
        assertThat(f.get(2).packageName()).isEmpty();
        assertThat(f.get(3).message()).isEqualTo("legacy 1.0: legacy-1.0.tar.bz2 is not in the wheelhouse wheels");
        assertThat(f.get(3).location().orElseThrow().line()).isEqualTo(10);
    }

    @Test
    void theRightContentUnderAnotherProjectsNameIsUnexpected() {
        List<Finding> f = check(List.of(Wheelhouse.Entry.of("evil-3.0.2-py3-none-any.whl", sha("markupsafe")),
                Wheelhouse.Entry.of("legacy-1.0.tar.bz2", sha("legacy"))));
        assertThat(f).extracting(x -> x.code().code()).containsExactly("wheelhouse-unexpected-file", "wheelhouse-missing");
    }
}
