package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A static mirror directory written by the test index builder, read with no server at all. */
class DirectoryIndexTest {
    private final TestIndex index = ServerFixture.smallIndex();
    private final TestFile wheel = index.file("sampleproject", "sampleproject-4.0.0-py3-none-any.whl");
    @TempDir
    Path tmp;
    private Path mirror;

    @BeforeEach
    void write() throws Exception {
        mirror = tmp.resolve("mirror");
        index.writeDirectory(mirror);
    }

    private IndexClient client(Path dir) {
        return IndexClient.open(IndexConfig.builder(IndexLocation.parse(dir.toString()))
                .environment(Map.of()).netrc(Optional.empty()).cacheDir(Optional.of(tmp.resolve("cache")))
                .offline(true).build());
    }

    @Test
    void mirrorServesPagesMetadataAndProvenanceOffline() {
        try (IndexClient c = client(mirror)) {
            ProjectPage page = c.projectPage("SampleProject");
            assertThat(page.format()).isEqualTo(ProjectPage.Format.JSON);
            IndexFile f = page.fileWithSha256(wheel.sha256()).orElseThrow();
            assertThat(f.url()).isEqualTo(mirror.toRealPath().resolve("sampleproject").resolve(wheel.filename()).toUri().toString());
            assertThat(f.size()).hasValue(wheel.content().length);
            assertThat(c.metadata(f).requiresDist()).containsExactly("peppercorn", "check-manifest>=0.42; extra == \"dev\"");
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(((ProvenanceLookup.Found) r).json()).isEqualTo(wheel.provenance());
            assertThat(((ProvenanceLookup.Found) r).fromCache()).isFalse();
            IndexFile none = c.projectPage("markup-safe").files().get(0);
            assertThat(c.provenance(none, "3.0.2")).isInstanceOf(ProvenanceLookup.NotPublished.class);
            assertThat(c.stats().requests()).isZero();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fileUrlWorksLikeAPath() {
        try (IndexClient c = client(Path.of(mirror.toUri()))) {
            assertThat(IndexLocation.parse(mirror.toUri().toString())).isEqualTo(new IndexLocation.Directory(mirror));
            assertThat(c.projectPage("oldpkg").files().get(0).yankedReason()).contains("broken <build>");
        }
    }

    @Test
    void missingProjectIsNotFound() {
        try (IndexClient c = client(mirror)) {
            assertThatThrownBy(() -> c.projectPage("nope")).isInstanceOf(ProjectNotFoundException.class);
        }
    }

    @Test
    void readsAreConfinedToTheMirror() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.json"), "{\"version\": 1}");
        Path page = mirror.resolve("sampleproject").resolve("index.json");
        Files.writeString(page, Files.readString(page).replace("\"" + wheel.filename() + ".provenance\"",
                "\"../../secret.json\""));
        try (IndexClient c = client(mirror)) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(wheel.sha256()).orElseThrow();
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(((ProvenanceLookup.Failed) r).why()).isEqualTo("refusing to read " + secret.toUri()
                    + ": it is outside the mirror directory " + mirror.toRealPath());
        }
    }

    @Test
    void symlinkOutOfTheMirrorIsRefused() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.json"), "{\"version\": 1}");
        Path prov = mirror.resolve("sampleproject").resolve(wheel.filename() + ".provenance");
        Files.delete(prov);
        Files.createSymbolicLink(prov, secret);
        try (IndexClient c = client(mirror)) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(wheel.sha256()).orElseThrow();
            assertThat(((ProvenanceLookup.Failed) c.provenance(f, "4.0.0")).why())
                    .startsWith("refusing to read file:").endsWith("it is outside the mirror directory "
                            + mirror.toRealPath());
        }
    }

    @Test
    void listedButMissingProvenanceFileIsAFailure() throws Exception {
        Files.delete(mirror.resolve("sampleproject").resolve(wheel.filename() + ".provenance"));
        try (IndexClient c = client(mirror)) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(wheel.sha256()).orElseThrow();
            assertThat(c.provenance(f, "4.0.0")).isInstanceOf(ProvenanceLookup.Failed.class);
        }
    }

    @Test
    void malformedMirrorPageIsAUsageError() throws Exception {
        Files.writeString(mirror.resolve("sampleproject").resolve("index.json"), "{\"meta\": ");
        try (IndexClient c = client(mirror)) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(UsageException.class)
                    .hasMessageStartingWith("malformed mirror page " + mirror.toRealPath().resolve("sampleproject")
                            .resolve("index.json") + ": the JSON project page");
        }
    }

    @Test
    void neitherUrlNorDirectoryIsAUsageError() {
        assertThatThrownBy(() -> IndexLocation.parse(tmp.resolve("missing").toString()))
                .isExactlyInstanceOf(UsageException.class)
                .hasMessageEndingWith("is neither an http(s) URL nor an existing directory");
        assertThatThrownBy(() -> IndexLocation.parse("ftp://example.org/simple"))
                .isExactlyInstanceOf(UsageException.class);
    }
}
