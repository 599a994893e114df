package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache: revalidated pages, request-free provenance and metadata, offline mode, damaged entries. */
class IndexClientCacheTest {
    private final TestIndex index = ServerFixture.manyProjects(12);
    @TempDir
    Path cache;
    private TestIndexServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestIndexServer.start(index);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexClient client(boolean offline) {
        return IndexClient.open(ServerFixture.config(server.simpleUrl(), server.host(), Optional.of(cache))
                .offline(offline).build());
    }

    /**
     * What lock or verify does: pages for every project, then provenance for every file, then (as if every document
     * verified) each fetched one is remembered.
     */
    private Map<String, ProvenanceLookup> run(IndexClient c) {
        return run(c, true);
    }

    private Map<String, ProvenanceLookup> run(IndexClient c, boolean verified) {
        List<String> names = index.projects().stream().map(TestProject::name).toList();
        List<ProvenanceRequest> requests = new ArrayList<>();
        for (ProjectPage p : c.projectPages(names).values()) {
            requests.add(new ProvenanceRequest(p.files().get(0), p.versions().get(0)));
        }
        Map<String, ProvenanceLookup> found = c.provenance(requests);
        if (verified) {
            for (ProvenanceRequest r : requests) {
                if (found.get(r.file().sha256().orElseThrow()) instanceof ProvenanceLookup.Found f) {
                    c.rememberVerified(r.file(), f);
                }
            }
        }
        return found;
    }

    @Test
    void provenanceIsCachedOnlyOnceTheCallerSaysItVerified() {
        try (IndexClient c = client(false)) {
            assertThat(run(c, false).values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && !f.fromCache());
        }
        server.clearRequests();
        try (IndexClient c = client(false)) {
            assertThat(run(c).values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && !f.fromCache());
        }
        assertThat(server.count("/integrity/")).isEqualTo(12);
    }

    @Test
    void withoutTheCacheTheIndexIsAskedAgain() {
        try (IndexClient c = client(false)) {
            run(c);
        }
        server.clearRequests();
        try (IndexClient c = client(false)) {
            List<ProvenanceRequest> requests = c.projectPages(List.of("proj-1")).values().stream()
                    .map(p -> new ProvenanceRequest(p.files().get(0), p.versions().get(0))).toList();
            assertThat(c.provenance(requests, false).values())
                    .allMatch(r -> r instanceof ProvenanceLookup.Found f && !f.fromCache());
        }
        assertThat(server.count("/integrity/")).isEqualTo(1);
    }

    @Test
    void secondRunMakesNoProvenanceRequestsAndRevalidatesPages() {
        try (IndexClient c = client(false)) {
            assertThat(run(c).values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && !f.fromCache());
        }
        assertThat(server.count("/integrity/")).isEqualTo(12);
        server.clearRequests();
        try (IndexClient c = client(false)) {
            Map<String, ProvenanceLookup> second = run(c);
            assertThat(second.values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && f.fromCache());
            assertThat(server.count("/integrity/")).isZero();
            assertThat(server.count("/simple/")).isEqualTo(12);
            assertThat(server.requestsMatching(r -> r.getHeaders().get("If-None-Match") != null)).hasSize(12);
            assertThat(c.stats().notModified()).isEqualTo(12);
            assertThat(c.stats().cacheHits()).isEqualTo(24);
            // The cached bytes are exactly what the server served.
            for (var f : index.allFiles()) {
                assertThat(((ProvenanceLookup.Found) second.get(f.sha256())).json()).isEqualTo(f.provenance());
            }
        }
    }

    @Test
    void offlineRunMakesNoRequestsAtAll() {
        try (IndexClient c = client(false)) {
            run(c);
        }
        server.clearRequests();
        try (IndexClient c = client(true)) {
            assertThat(run(c).values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && f.fromCache());
            assertThat(c.projectPage("proj-1").fromCache()).isTrue();
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void offlineMissIsAClearErrorNeverAPass() {
        try (IndexClient c = client(true)) {
            assertThatThrownBy(() -> c.projectPage("proj-1"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("the project page " + server.url("/simple/proj-1/") + " is not in the cache, and "
                            + "--offline forbids the network");
        }
        try (IndexClient c = client(false)) {
            c.projectPage("proj-1");
        }
        try (IndexClient c = client(true)) {
            IndexFile f = c.projectPage("proj-1").files().get(0);
            ProvenanceLookup r = c.provenance(f, "1.1");
            assertThat(r).isInstanceOf(ProvenanceLookup.Failed.class);
            assertThat(((ProvenanceLookup.Failed) r).why()).isEqualTo("the provenance at "
                    + ((ProvenanceLink.Listed) f.provenance()).url() + " is not in the cache, and --offline forbids "
                    + "the network");
        }
        assertThat(server.count("/integrity/")).isZero();
    }

    @Test
    void offlineWithoutCacheIsAUsageError() {
        assertThatThrownBy(() -> IndexClient.open(ServerFixture.config(server.simpleUrl(), server.host(),
                Optional.empty()).offline(true).build()))
                .isExactlyInstanceOf(UsageException.class)
                .hasMessage("--offline needs the cache, but the cache is off (--no-cache)");
    }

    @Test
    void damagedCacheEntriesAreMissesNotVerdicts() throws Exception {
        try (IndexClient c = client(false)) {
            run(c);
        }
        // Break every cached provenance file and every cached page.
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(p, "{ not json");
            }
        }
        server.clearRequests();
        try (IndexClient c = client(false)) {
            Map<String, ProvenanceLookup> again = run(c);
            assertThat(again.values()).allMatch(r -> r instanceof ProvenanceLookup.Found f && !f.fromCache());
            assertThat(server.count("/integrity/")).isEqualTo(12);
        }
    }

    @Test
    void cachedMetadataIsRehashedAndADifferentOneIsRefetched() throws Exception {
        var wheel = index.allFiles().get(0);
        try (IndexClient c = client(false)) {
            c.metadata(c.projectPage(wheel.project()).fileWithSha256(wheel.sha256()).orElseThrow());
        }
        Path cached;
        try (Stream<Path> files = Files.walk(cache.resolve("v1/metadata"))) {
            cached = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        server.clearRequests();
        try (IndexClient c = client(false)) {
            IndexFile f = c.projectPage(wheel.project()).fileWithSha256(wheel.sha256()).orElseThrow();
            assertThat(c.metadata(f).name()).isEqualTo(wheel.project());
            assertThat(server.count("/files/")).isZero();
            Files.writeString(cached, "Metadata-Version: 2.1\nName: evil\nVersion: 6.6.6\n");
            assertThat(c.metadata(f).name()).isEqualTo(wheel.project());
            assertThat(server.count("/files/")).isEqualTo(1);
        }
    }
}
