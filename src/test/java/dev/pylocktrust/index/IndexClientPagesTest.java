package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Project pages from the test index server: both formats, URL resolution, yanked files, errors. */
class IndexClientPagesTest {
    private final TestIndex index = ServerFixture.smallIndex();
    private TestIndexServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestIndexServer.start(index);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexClient client() {
        return IndexClient.open(ServerFixture.config(server.simpleUrl(), server.host(), Optional.empty()).build());
    }

    @Test
    void jsonPageParsesEveryField() {
        TestFile wheel = index.file("sampleproject", "sampleproject-4.0.0-py3-none-any.whl");
        try (IndexClient c = client()) {
            ProjectPage page = c.projectPage("SampleProject");
            assertThat(page.format()).isEqualTo(ProjectPage.Format.JSON);
            assertThat(page.name()).isEqualTo("sampleproject");
            assertThat(page.apiVersion()).isEqualTo(new ApiVersion(1, 4));
            assertThat(page.versions()).containsExactly("4.0.0");
            assertThat(page.status()).contains("active");
            assertThat(page.warnings()).isEmpty();
            IndexFile f = c.findFile(page, wheel.sha256().toUpperCase()).orElseThrow();
            assertThat(f.filename()).isEqualTo(wheel.filename());
            assertThat(f.url()).isEqualTo(server.url("/files/sampleproject/" + wheel.filename()).toString());
            assertThat(f.hashes()).isEqualTo(Map.of("sha256", wheel.sha256()));
            assertThat(f.requiresPython()).contains(">=3.9");
            assertThat(f.yanked()).isFalse();
            assertThat(f.size()).isEqualTo(OptionalLong.of(wheel.content().length));
            assertThat(f.uploadTime()).contains(wheel.uploadTime());
            assertThat(f.coreMetadata()).contains(Map.of("sha256", wheel.metadataSha256()));
            assertThat(f.provenance()).isEqualTo(new ProvenanceLink.Listed(server.url(
                    "/integrity/sampleproject/4.0.0/" + wheel.filename() + "/provenance").toString()));
        }
    }

    @Test
    void jsonAndHtmlPagesParseToTheSameFiles() {
        try (IndexClient c = client()) {
            for (String project : List.of("sampleproject", "markup-safe", "oldpkg")) {
                ProjectPage json = c.projectPage(project);
                ProjectPage html = htmlPage(project);
                assertThat(html.format()).isEqualTo(ProjectPage.Format.HTML);
                assertThat(html.apiVersion()).isEqualTo(json.apiVersion());
                assertThat(html.files()).hasSameSizeAs(json.files());
                for (int i = 0; i < json.files().size(); i++) {
                    IndexFile j = json.files().get(i);
                    // HTML cannot carry size and upload time (PEP 700 is JSON-only).
                    IndexFile jWithoutJsonOnly = new IndexFile(j.project(), j.filename(), j.url(), j.hashes(),
                            j.requiresPython(), j.yanked(), j.yankedReason(), OptionalLong.empty(), Optional.empty(),
                            j.coreMetadata(), j.provenance());
                    assertThat(html.files().get(i)).isEqualTo(jWithoutJsonOnly);
                    assertThat(html.files().get(i).provenance()).isNotInstanceOf(ProvenanceLink.Absent.class);
                }
            }
        }
    }

    /** The HTML the server negotiates for {@code Accept: text/html}, through the same parser entry point. */
    private ProjectPage htmlPage(String project) {
        okhttp3.OkHttpClient raw = new okhttp3.OkHttpClient();
        okhttp3.HttpUrl url = server.url("/simple/" + project + "/");
        try (okhttp3.Response r = raw.newCall(new okhttp3.Request.Builder().url(url).header("Accept", "text/html")
                .build()).execute()) {
            byte[] body = r.body().bytes();
            return ProjectPageParser.parse(body, r.header("Content-Type"), project, new PageBase() {
                @Override
                public String url() {
                    return url.toString();
                }

                @Override
                public Optional<String> resolve(String ref) {
                    return Optional.ofNullable(url.resolve(ref)).map(Object::toString);
                }

                @Override
                public boolean relativeProvenanceAllowed() {
                    return false;
                }
            });
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void relativeFileUrlsResolveAgainstThePageUrl() {
        server.relativeUrls(true);
        try (IndexClient c = client()) {
            IndexFile f = c.projectPage("markup-safe").files().get(0);
            assertThat(f.url()).isEqualTo(server.url("/files/markup-safe/MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.whl").toString());
        }
    }

    @Test
    void relativeUrlsResolveAgainstTheFinalUrlAfterARedirect() {
        // A same-origin redirect from /mirror/simple/... to /simple/...: relative URLs must use the final URL.
        server.faults().redirect("/mirror/", "/", Faults.FOREVER);
        okhttp3.HttpUrl moved = server.url("/mirror/simple");
        try (IndexClient c = IndexClient.open(ServerFixture.config(moved.toString(), server.host(), Optional.empty())
                .build())) {
            ProjectPage page = c.projectPage("markup-safe");
            assertThat(page.url()).isEqualTo(server.url("/simple/markup-safe/").toString());
            assertThat(page.files().get(0).url()).startsWith(server.url("/files/").toString());
        }
    }

    @Test
    void yankedFilesKeepTheirReason() {
        try (IndexClient c = client()) {
            IndexFile f = c.projectPage("oldpkg").files().get(0);
            assertThat(f.yanked()).isTrue();
            assertThat(f.yankedReason()).contains("broken <build>");
            assertThat(f.requiresPython()).contains("<3.8,>=2.7");
            assertThat(f.provenance()).isEqualTo(new ProvenanceLink.Null());
        }
    }

    @Test
    void unknownProjectIsProjectNotFound() {
        try (IndexClient c = client()) {
            assertThatThrownBy(() -> c.projectPage("no-such-project"))
                    .isInstanceOf(ProjectNotFoundException.class)
                    .hasMessage("project 'no-such-project' was not found on the index ("
                            + server.url("/simple/no-such-project/") + " answered 404)");
        }
    }

    @Test
    void truncatedJsonIsAnInputErrorNotACrash() {
        server.faults().truncate("/simple/sampleproject/", 1);
        try (IndexClient c = client()) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessageStartingWith("the index sent an unreadable project page: the JSON project page "
                            + server.url("/simple/sampleproject/") + " is not valid JSON at line")
                    .hasMessageContaining("end-of-input");
        }
    }

    @Test
    void wrongContentTypeIsRefused() {
        server.faults().contentType("/simple/sampleproject/", "text/plain; charset=utf-8", 1);
        try (IndexClient c = client()) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("the index sent an unreadable project page: the index sent "
                            + server.url("/simple/sampleproject/") + " as 'text/plain', which is not a Simple API "
                            + "project page (expected application/vnd.pypi.simple.v1+json or text/html)");
        }
    }

    @Test
    void majorApiVersionAboveOneIsAHardErrorAndNewerMinorAWarning() {
        try (IndexClient c = client()) {
            server.apiVersion("2.0");
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessageContaining("the index speaks Simple API version 2.0, but pylock-trust understands "
                            + "only major version 1");
            server.apiVersion("1.9");
            assertThat(c.projectPage("sampleproject").warnings()).containsExactly("the index speaks Simple API "
                    + "version 1.9, newer than the supported 1.4; features added since are ignored");
        }
    }

    @Test
    void invalidNameIsAUsageError() {
        try (IndexClient c = client()) {
            assertThatThrownBy(() -> c.projectPage("../etc"))
                    .isInstanceOf(dev.pylocktrust.UsageException.class)
                    .hasMessageStartingWith("invalid project name '../etc': ");
            assertThat(server.requests()).isEmpty();
        }
    }
}
