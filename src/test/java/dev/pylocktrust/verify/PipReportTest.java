package dev.pylocktrust.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading pip's installation report, and holding it against the lock. */
class PipReportTest {
    /** Written by pip 23.2.1: {@code pip install --dry-run --ignore-installed --report ... abi3info rfc8785}. */
    static final Path REAL = Path.of("src/test/resources/verify/pip-23.2.1-report.json");
    static final String ABI3INFO = "01577e2314093011854ec7e888dc3fd25e19031bc121a8c394430da06e1fd4dc";
    static final String RFC8785 = "c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201";

    @Test
    void readsARealReport() {
        PipReport r = PipReport.read(REAL);
        assertThat(r.items()).containsExactly(
                new PipReport.Item(0, "abi3info", "2024.10.3", PipReport.Source.ARCHIVE,
                        "file:///tmp/piprep/abi3info-2024.10.3-py3-none-any.whl", Optional.of(ABI3INFO),
                        Optional.empty()),
                new PipReport.Item(1, "rfc8785", "0.1.2", PipReport.Source.ARCHIVE,
                        "file:///tmp/piprep/rfc8785-0.1.2-py3-none-any.whl", Optional.of(RFC8785), Optional.empty()));
    }

    static PipReport parse(String json) {
        return PipReport.parse(json.getBytes(StandardCharsets.UTF_8), "r.json");
    }

    @Test
    void readsVcsAndDirectoryItemsAndTheLegacyHashKey() {
        PipReport r = parse("""
                {"version": "1", "install": [
                 {"download_info": {"url": "https://github.com/a/b", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
                  "metadata": {"name": "b", "version": "1.0"}},
                 {"download_info": {"url": "file:///src/app", "dir_info": {"editable": true}},
                  "metadata": {"name": "app", "version": "0.1"}},
                 {"download_info": {"url": "https://x/c-1.0.tar.gz", "archive_info": {"hash": "sha256=%s"}},
                  "metadata": {"name": "c", "version": "1.0"}}]}
                """.formatted("AB".repeat(32)));
        assertThat(r.items()).extracting(PipReport.Item::source)
                .containsExactly(PipReport.Source.VCS, PipReport.Source.DIRECTORY, PipReport.Source.ARCHIVE);
        assertThat(r.items().get(0).commitId()).contains("abc123");
        assertThat(r.items().get(2).sha256()).contains("ab".repeat(32));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[]| --pip-report r.json: not a JSON object (expected pip's installation report)",
        "{\"version\": 1, \"install\": []}| --pip-report r.json: report version 1; only pip's installation report "
                + "version \"1\" is understood",
        "{\"version\": \"2\", \"install\": []}| --pip-report r.json: report version \"2\"; only",
        "{\"version\": \"1\"}| --pip-report r.json: no \"install\" array",
        "{\"version\": \"1\", \"version\": \"1\", \"install\": []}| --pip-report r.json: not valid JSON: Duplicate field",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a\"}}]}| --pip-report r.json: "
                + "install[0].metadata.version is missing or not a string",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a\", \"version\": \"1\"}, \"download_info\": "
                + "{\"url\": \"u\"}}]}| install[0].download_info has none of archive_info, vcs_info, dir_info",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a\", \"version\": \"1\"}, \"download_info\": "
                + "{\"url\": \"u\", \"archive_info\": {\"hashes\": {\"sha256\": \"xyz\"}}}}]}| "
                + "install[0].download_info.archive_info.hashes.sha256 is not 64 hex digits",
        "{\"version\": \"1\", \"install\": [{\"metadata\": {\"name\": \"a\", \"version\": \"1\"}, \"download_info\": "
                + "{\"url\": \"u\", \"archive_info\": {\"hash\": \"sha256=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                + "\", \"hashes\": {\"sha256\": \"" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                + "\"}}}}]}| gives two different sha256 values",
    })
    void malformedReportsAreUsageErrors(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(UsageException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void deeplyNestedInputIsRefused() {
        String deep = "{\"version\": \"1\", \"install\": [], \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(UsageException.class).hasMessageContaining("not valid JSON");
    }

    static final String LOCK = """
            lock-version = "1.0"
            created-by = "test"
            [[packages]]
            name = "abi3info"
            version = "2024.10.3"
            wheels = [{name = "abi3info-2024.10.3-py3-none-any.whl", url = "https://x/a.whl", hashes = {sha256 = "%s"}}]
            [[packages]]
            name = "rfc8785"
            version = "0.1.2"
            wheels = [{url = "https://x/rfc8785-0.1.2-py3-none-any.whl", hashes = {sha256 = "%s"}}]
            sdist = {url = "https://x/rfc8785-0.1.2.tar.gz", hashes = {sha256 = "%s"}}
            [[packages]]
            name = "from-git"
            vcs = {type = "git", url = "https://github.com/a/b", commit-id = "abc123"}
            [[packages]]
            name = "app"
            directory = {path = "."}
            """;

    static ParsedLockfile lock(String abi3info) {
        return new LockfileReader().parse(LOCK.formatted(abi3info, RFC8785, "c".repeat(64)), "pylock.toml");
    }

    @Test
    void everythingPipWouldInstallIsLocked() {
        ParsedLockfile lock = lock(ABI3INFO);
        Plan empty = new Plan(List.of(), List.of(), List.of());
        PipReportCheck.Result r = PipReportCheck.check(lock, empty, PipReport.read(REAL));
        assertThat(r.findings()).isEmpty();
        assertThat(r.plan().packages()).extracting(p -> p.pkg().name() + ":" + p.files().get(0).filename())
                .containsExactly("abi3info:abi3info-2024.10.3-py3-none-any.whl",
                        "rfc8785:rfc8785-0.1.2-py3-none-any.whl");
        assertThat(r.plan().packages()).extracting(PlannedPackage::index).containsExactly(0, 1);
    }

    @Test
    void pipsFilesAreAddedToThePlanOnce() {
        ParsedLockfile lock = lock(ABI3INFO);
        Plan all = InstallPlanner.plan(lock, new EnvironmentSelection.All());
        PipReportCheck.Result r = PipReportCheck.check(lock, all, PipReport.read(REAL));
        assertThat(r.plan().fileCount()).isEqualTo(all.fileCount());
    }

    @Test
    void aFileTheLockDoesNotRecordFails() {
        PipReportCheck.Result r = PipReportCheck.check(lock("d".repeat(64)), new Plan(List.of(), List.of(), List.of()),
                PipReport.read(REAL));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("pip-report-hash-mismatch");
            assertThat(f.packageName()).isEqualTo("abi3info");
            assertThat(f.message()).isEqualTo("pip would install abi3info 2024.10.3 from "
                    + "abi3info-2024.10.3-py3-none-any.whl, which is not a locked file of abi3info 2024.10.3");
            assertThat(f.location().orElseThrow().line()).isEqualTo(3);
        });
    }

    @Test
    void unlockedProjectsVersionsCommitsAndDirectoriesFail() {
        PipReport report = parse("""
                {"version": "1", "install": [
                 {"download_info": {"url": "https://x/left_pad-1.0-py3-none-any.whl",
                   "archive_info": {"hashes": {"sha256": "%s"}}}, "metadata": {"name": "Left_Pad", "version": "1.0"}},
                 {"download_info": {"url": "https://x/rfc8785-0.2.0-py3-none-any.whl",
                   "archive_info": {"hashes": {"sha256": "%s"}}}, "metadata": {"name": "RFC8785", "version": "0.2.0"}},
                 {"download_info": {"url": "https://github.com/a/b", "vcs_info": {"vcs": "git", "commit_id": "fff"}},
                  "metadata": {"name": "from-git", "version": "1.0"}},
                 {"download_info": {"url": "https://github.com/a/b", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
                  "metadata": {"name": "from_git", "version": "1.0"}},
                 {"download_info": {"url": "file:///src/app", "dir_info": {}}, "metadata": {"name": "app", "version": "0.1"}},
                 {"download_info": {"url": "https://x/abi3info.tar.gz", "archive_info": {}},
                  "metadata": {"name": "abi3info", "version": "2024.10.03"}}
                ]}
                """.formatted("e".repeat(64), RFC8785));
        PipReportCheck.Result r = PipReportCheck.check(lock(ABI3INFO), new Plan(List.of(), List.of(), List.of()), report);
        assertThat(r.findings()).extracting(f -> f.code().code(), Finding::packageName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pip-report-not-locked", "left-pad"),
                org.assertj.core.groups.Tuple.tuple("pip-report-not-locked", "rfc8785"),
                org.assertj.core.groups.Tuple.tuple("pip-report-not-locked", "from-git"),
                org.assertj.core.groups.Tuple.tuple("pip-report-hash-mismatch", "abi3info"));
        assertThat(r.findings().get(1).message())
                .isEqualTo("pip would install RFC8785 0.2.0, but the lock file has rfc8785 at 0.1.2");
        assertThat(r.findings().get(2).message()).isEqualTo("pip would install from-git 1.0 from version control at "
                + "commit fff, which the lock file does not pin");
        assertThat(r.findings().get(3).message()).endsWith("from a file without a recorded sha256, so it cannot be "
                + "matched to the lock");
        assertThat(r.plan().packages()).extracting(p -> p.pkg().name()).containsExactly("from-git", "app");
    }

    @Test
    void aLockedVersionFromADirectoryTheLockDoesNotListFails() {
        PipReport report = parse("""
                {"version": "1", "install": [
                 {"download_info": {"url": "file:///src/rfc8785", "dir_info": {}},
                  "metadata": {"name": "rfc8785", "version": "0.1.2"}}
                ]}
                """);
        PipReportCheck.Result r = PipReportCheck.check(lock(ABI3INFO), new Plan(List.of(), List.of(), List.of()), report);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("pip-report-not-locked");
            assertThat(f.message()).isEqualTo("pip would install rfc8785 0.1.2 from a local directory, which the lock "
                    + "file does not list as a directory source");
        });
        assertThat(r.plan().packages()).isEmpty();
    }
}
