package dev.pylocktrust.testkit.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.ProjectPage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test index server itself: PyPI's wire behaviour, and the "at least 50 projects" done-criterion. */
class TestIndexServerTest {
    private final OkHttpClient raw = new OkHttpClient.Builder().followRedirects(false).build();
    private TestIndex index;
    private TestIndexServer server;

    @BeforeEach
    void start() throws Exception {
        List<TestRelease> releases = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TestRelease r = TestRelease.of("Project_" + i, "1.0." + i).withDependencies("project-" + (i + 1) + ">=1");
            releases.add(i % 3 == 0 ? r : r.withIdentity(IdentitySpec.github("org/p" + i, "release.yml", null)));
        }
        releases.add(TestRelease.of("Project_0", "2.0").withIdentity(IdentitySpec.google("ci@example.iam.gserviceaccount.com")));
        index = new TestIndexBuilder(new FakeProvenance()).addAll(releases).build();
        server = TestIndexServer.start(index);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response get(String path, String accept) throws Exception {
        Request.Builder b = new Request.Builder().url(server.url(path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return raw.newCall(b.build()).execute();
    }

    @Test
    void servesSixtyBuiltProjectsToTheRealClient() {
        assertThat(index.projects()).hasSize(60);
        IndexConfig cfg = IndexConfig.builder(new IndexLocation.Remote(URI.create(server.simpleUrl())))
                .trustedHosts(Set.of(server.host())).environment(Map.of()).netrc(Optional.empty())
                .cacheDir(Optional.empty()).build();
        try (IndexClient c = IndexClient.open(cfg)) {
            Map<String, ProjectPage> pages = c.projectPages(index.projects().stream().map(TestProject::name).toList());
            assertThat(pages).hasSize(60);
            for (TestProject p : index.projects()) {
                ProjectPage page = pages.get(p.name());
                assertThat(page.files()).hasSameSizeAs(p.files());
                assertThat(page.versions()).isEqualTo(p.versions());
                for (TestFile f : p.files()) {
                    assertThat(page.fileWithSha256(f.sha256())).hasValueSatisfying(
                            x -> assertThat(x.filename()).isEqualTo(f.filename()));
                }
            }
            assertThat(pages.get("project-0").versions()).containsExactly("1.0.0", "2.0");
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {
        "NONE, application/vnd.pypi.simple.v1+html",
        "text/html, text/html",
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+json",
        "'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01', application/vnd.pypi.simple.v1+json",
        "'application/vnd.pypi.simple.v1+json;q=0.1, text/html', text/html",
        "application/vnd.pypi.simple.latest+json, application/vnd.pypi.simple.v1+json",
        "image/png, application/vnd.pypi.simple.v1+html",
    })
    void negotiatesLikePyPI(String accept, String expected) throws Exception {
        try (Response r = get("/simple/project-1/", accept)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo(expected);
        }
    }

    @Test
    void redirectsToTheNormalizedNameAndTheTrailingSlash() throws Exception {
        try (Response r = get("/simple/Project_1/", null)) {
            assertThat(r.code()).isEqualTo(301);
            assertThat(r.header("Location")).isEqualTo("/simple/project-1/");
        }
        try (Response r = get("/simple/project-1", null)) {
            assertThat(r.code()).isEqualTo(301);
            assertThat(r.header("Location")).isEqualTo("/simple/project-1/");
        }
    }

    @Test
    void integrityApiAnswersLikePyPI() throws Exception {
        TestFile attested = index.file("project-1", "project_1-1.0.1-py3-none-any.whl");
        TestFile bare = index.file("project-0", "project_0-1.0.0.tar.gz");
        try (Response r = get("/integrity/Project.1/1.0.1/" + attested.filename() + "/provenance", null)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/vnd.pypi.integrity.v1+json");
            assertThat(r.body().bytes()).isEqualTo(attested.provenance());
        }
        try (Response r = get("/integrity/project-0/1.0.0/" + bare.filename() + "/provenance", null)) {
            assertThat(r.code()).isEqualTo(404);
            assertThat(r.body().string()).isEqualTo("{\"message\": \"No provenance available for project_0-1.0.0.tar.gz\"}");
        }
        try (Response r = get("/integrity/project-0/1.0.0/PROJECT_0-1.0.0.tar.gz/provenance", null)) {
            assertThat(r.code()).isEqualTo(404);
            assertThat(r.body().string()).doesNotContain("message");
        }
        try (Response r = get("/integrity/project-1/1.0.1/" + attested.filename() + "/provenance", "text/html")) {
            assertThat(r.code()).isEqualTo(406);
        }
    }

    @Test
    void pagesCarryEtagsAndAnswer304() throws Exception {
        String etag;
        try (Response r = get("/simple/project-2/", "application/vnd.pypi.simple.v1+json")) {
            etag = r.header("ETag");
        }
        Request req = new Request.Builder().url(server.url("/simple/project-2/"))
                .header("Accept", "application/vnd.pypi.simple.v1+json").header("If-None-Match", etag).build();
        try (Response r = raw.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(304);
        }
    }

    @Test
    void mirrorDirectoryHasTheDocumentedLayout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        index.writeDirectory(dir);
        TestFile attested = index.file("project-1", "project_1-1.0.1-py3-none-any.whl");
        java.nio.file.Path p = dir.resolve("project-1");
        assertThat(p.resolve("index.json")).exists();
        assertThat(p.resolve(attested.filename())).hasBinaryContent(attested.content());
        assertThat(p.resolve(attested.filename() + ".metadata")).hasBinaryContent(attested.metadata());
        assertThat(p.resolve(attested.filename() + ".provenance")).hasBinaryContent(attested.provenance());
        assertThat(new String(java.nio.file.Files.readAllBytes(p.resolve("index.json")), StandardCharsets.UTF_8))
                .contains("\"url\" : \"" + attested.filename() + "\"")
                .contains("\"provenance\" : \"" + attested.filename() + ".provenance\"");
    }
}
