package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.ApiVersion;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.index.ProvenanceLink;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which files of a pinned release are locked, and how the package entry is filled from the index page. */
class ReleaseSelectorTest {
    private static final Instant UPLOADED = Instant.parse("2025-03-01T10:00:00Z");

    private static IndexFile file(String filename, char sha, String requiresPython, boolean yanked) {
        return new IndexFile("foo", filename, "https://files.example/" + filename,
                sha == 0 ? Map.of() : Map.of("sha256", String.valueOf(sha).repeat(64)),
                Optional.ofNullable(requiresPython), yanked, yanked ? Optional.of("broken") : Optional.empty(),
                OptionalLong.of(100), Optional.of(UPLOADED), Optional.empty(), new ProvenanceLink.Null());
    }

    private static ProjectPage page(IndexFile... files) {
        return new ProjectPage("foo", "https://index.example/simple/foo/", ProjectPage.Format.JSON,
                ApiVersion.SUPPORTED, List.of(files), List.of("0.9", "1.0", "1.1"), Optional.empty(), List.of(), false);
    }

    private static Pin pin(String version, String... sha256) {
        return new Pin(PackageName.of("foo"), Version.parse(version), Optional.empty(), List.of(sha256),
                RequirementOrigin.of("req.txt", 4));
    }

    private static ReleaseSelector.Selected select(Pin pin, ProjectPage page) {
        return ReleaseSelector.select(pin, page, Optional.of("https://index.example/simple"), "index.example");
    }

    @Test
    void locksEveryWheelAndTheSdistOfThePinnedVersionOnly() {
        ReleaseSelector.Selected s = select(pin("1.0.0"), page(
                file("foo-1.0-py3-none-any.whl", 'a', ">=3.9", false),
                file("Foo-1.0.tar.gz", 'b', ">=3.9", false),
                file("foo-1.0-cp312-cp312-win_amd64.whl", 'c', ">=3.9", false),
                file("foo-1.0+local-py3-none-any.whl", 'd', null, false),
                file("foo-1.1-py3-none-any.whl", 'e', null, false),
                file("foo-1.0.win32.exe", 'f', null, false),
                file("foobar-1.0-py3-none-any.whl", '1', null, false)));
        LockedPackage p = s.entry();
        assertThat(p.name()).isEqualTo("foo");
        assertThat(p.version()).contains("1.0.0");
        assertThat(p.index()).contains("https://index.example/simple");
        assertThat(p.requiresPython()).contains(">=3.9");
        assertThat(p.sdist().orElseThrow().filename()).isEqualTo("Foo-1.0.tar.gz");
        assertThat(p.wheels()).extracting(LockedFile::filename)
                .containsExactly("foo-1.0-cp312-cp312-win_amd64.whl", "foo-1.0-py3-none-any.whl");
        LockedFile w = p.wheels().get(1);
        assertThat(w.name()).contains("foo-1.0-py3-none-any.whl");
        assertThat(w.url()).contains("https://files.example/foo-1.0-py3-none-any.whl");
        assertThat(w.size()).hasValue(100);
        assertThat(w.uploadTime()).contains(UPLOADED);
        assertThat(w.hashes()).isEqualTo(Map.of("sha256", "a".repeat(64)));
        assertThat(s.files()).extracting(IndexFile::filename).containsExactly("Foo-1.0.tar.gz",
                "foo-1.0-cp312-cp312-win_amd64.whl", "foo-1.0-py3-none-any.whl");
        assertThat(s.findings()).isEmpty();
    }

    @Test
    void hashesRestrictTheFilesAndEachMustExist() {
        ProjectPage page = page(file("foo-1.0-py3-none-any.whl", 'a', null, false), file("foo-1.0.tar.gz", 'b', null,
                false), file("foo-1.1.tar.gz", 'e', null, false));
        assertThat(select(pin("1.0", "b".repeat(64)), page).entry().files()).extracting(LockedFile::filename)
                .containsExactly("foo-1.0.tar.gz");
        assertThatThrownBy(() -> select(pin("1.0", "b".repeat(64), "e".repeat(64)), page))
                .isInstanceOf(TrustException.class)
                .hasMessage("req.txt:4: --hash=sha256:" + "e".repeat(64) + " matches no file of foo 1.0 on the index "
                        + "(index.example)");
    }

    @Test
    void aVersionWithoutFilesIsAUsageErrorListingTheIndexVersions() {
        assertThatThrownBy(() -> select(pin("2.0"), page(file("foo-1.0.tar.gz", 'b', null, false))))
                .isInstanceOf(UsageException.class)
                .hasMessage("req.txt:4: the index has no files of foo 2.0 (index.example)")
                .satisfies(e -> assertThat(((UsageException) e).hints())
                        .containsExactly("versions on the index include: 0.9, 1.0, 1.1"));
    }

    @Test
    void aFileWithoutSha256IsAnIndexError() {
        assertThatThrownBy(() -> select(pin("1.0"), page(file("foo-1.0.tar.gz", (char) 0, null, false))))
                .isInstanceOf(NetworkException.class)
                .hasMessage("the index gives no sha256 for foo-1.0.tar.gz (index.example)");
    }

    @Test
    void yankedFilesAreLockedWithAWarningAndASecondSdistIsSkipped() {
        ReleaseSelector.Selected s = select(pin("1.0"), page(file("foo-1.0.zip", 'z', null, false),
                file("foo-1.0.tar.gz", 'b', null, true)));
        assertThat(s.entry().sdist().orElseThrow().filename()).isEqualTo("foo-1.0.tar.gz");
        assertThat(s.findings()).extracting(Finding::code).containsExactly(FindingCode.YANKED,
                FindingCode.SDIST_SKIPPED);
        assertThat(s.findings().get(0).message()).isEqualTo("foo 1.0: foo-1.0.tar.gz is yanked (broken)");
    }

    @Test
    void requiresPythonIsRecordedOnlyWhenEveryFileAgreesAndItIsValid() {
        assertThat(select(pin("1.0"), page(file("foo-1.0.tar.gz", 'b', ">=3.8", false),
                file("foo-1.0-py3-none-any.whl", 'a', ">=3.9", false))).entry().requiresPython()).isEmpty();
        assertThat(select(pin("1.0"), page(file("foo-1.0.tar.gz", 'b', ">=3.8", false),
                file("foo-1.0-py3-none-any.whl", 'a', null, false))).entry().requiresPython()).isEmpty();
        assertThat(select(pin("1.0"), page(file("foo-1.0.tar.gz", 'b', "~=3", false))).entry().requiresPython())
                .isEmpty();
    }
}
