package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five provenance outcomes: a failed lookup never reads as "no provenance", and bytes or URLs the index chose
 * that cannot be provenance are Invalid (a trust failure), while transport failures are Failed.
 */
class IndexClientProvenanceTest {
    private final TestIndex index = ServerFixture.smallIndex();
    private final TestFile wheel = index.file("sampleproject", "sampleproject-4.0.0-py3-none-any.whl");
    private final TestFile unattested = index.file("markup-safe", "MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.whl");
    private TestIndexServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestIndexServer.start(index);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexClient client(IndexConfig.Builder b) {
        return IndexClient.open(b.build());
    }

    private IndexConfig.Builder config() {
        return ServerFixture.config(server.simpleUrl(), server.host(), Optional.empty());
    }

    private static IndexFile file(ProjectPage page, TestFile f) {
        return page.fileWithSha256(f.sha256()).orElseThrow();
    }

    @Test
    void listedProvenanceIsFound() {
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Found.class);
            ProvenanceLookup.Found found = (ProvenanceLookup.Found) r;
            assertThat(found.json()).isEqualTo(wheel.provenance());
            assertThat(found.fromCache()).isFalse();
            assertThat(found.url()).isEqualTo(server.url("/integrity/sampleproject/4.0.0/" + wheel.filename()
                    + "/provenance").toString());
        }
    }

    @Test
    void eachLookupIsHandedOnAsSoonAsItIsKnown() throws Exception {
        // proj-1's provenance is answered only once proj-0's lookup has been handed on (else, after 10 s, with 404):
        // a client that handed lookups on only when all were done would never release it.
        server.serve(ServerFixture.manyProjects(2));
        CountDownLatch proj0HandedOn = new CountDownLatch(1);
        server.holdUntil("/integrity/proj-1/", proj0HandedOn, Duration.ofSeconds(10));
        try (IndexClient c = client(config())) {
            List<ProvenanceRequest> requests = c.projectPages(List.of("proj-0", "proj-1")).values().stream()
                    .map(p -> new ProvenanceRequest(p.files().get(0), p.versions().get(0))).toList();
            String proj0 = requests.get(0).file().sha256().orElseThrow();
            Map<String, ProvenanceLookup> handedOn = new ConcurrentHashMap<>();

            Map<String, ProvenanceLookup> found = c.provenance(requests, true, (sha, lookup) -> {
                handedOn.put(sha, lookup);
                if (sha.equals(proj0)) {
                    proj0HandedOn.countDown();
                }
            });

            assertThat(found.values()).hasSize(2).allMatch(ProvenanceLookup.Found.class::isInstance);
            assertThat(handedOn).isEqualTo(found);
        }
    }

    @Test
    void realProvenanceArrivesByteForByte() throws Exception {
        byte[] real;
        try (var in = getClass().getResourceAsStream("/fixtures/provenance/sampleproject-4.0.0.tar.gz.provenance.json")) {
            real = in.readAllBytes();
        }
        TestIndex withReal = new dev.pylocktrust.testkit.index.TestIndexBuilder((name, sha, id) -> real)
                .add(dev.pylocktrust.testkit.index.TestRelease.of("sampleproject", "4.0.0")
                        .withFiles("sampleproject-4.0.0.tar.gz").withIdentity(ServerFixture.SAMPLE_ID))
                .build();
        server.serve(withReal);
        try (IndexClient c = client(config())) {
            IndexFile f = c.projectPage("sampleproject").files().get(0);
            assertThat(((ProvenanceLookup.Found) c.provenance(f, "4.0.0")).json()).isEqualTo(real);
        }
    }

    @Test
    void nullProvenanceIsNotPublishedWithoutARequest() {
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("markup-safe"), unattested);
            server.clearRequests();
            assertThat(c.provenance(f, "3.0.2")).isEqualTo(new ProvenanceLookup.NotPublished(
                    "the index lists no provenance for " + unattested.filename()));
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void oldIndexWithoutIntegrityApiIsNotSupported() {
        server.apiVersion("1.1").provenanceKey(false);
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            assertThat(f.provenance()).isEqualTo(new ProvenanceLink.Absent());
            assertThat(c.provenance(f, "4.0.0")).isEqualTo(new ProvenanceLookup.NotSupported(
                    "the index does not serve PEP 740 provenance (its page for 'sampleproject' predates Simple API "
                            + "1.3); nothing is known about " + wheel.filename()
                            + "; pass --integrity-url BASE if the index mirrors PyPI"));
        }
    }

    @Test
    void integrityApiDistinguishesFoundNoneAndUnknown() {
        server.apiVersion("1.1").provenanceKey(false);
        try (IndexClient c = client(config().integrityUrl(Optional.of(URI.create(server.url("/").toString()))))) {
            IndexFile attested = file(c.projectPage("sampleproject"), wheel);
            IndexFile none = file(c.projectPage("markup-safe"), unattested);

            ProvenanceLookup found = c.provenance(attested, "4.0.0");
            assertThat(found).isInstanceOf(ProvenanceLookup.Found.class);
            assertThat(((ProvenanceLookup.Found) found).json()).isEqualTo(wheel.provenance());

            String noneUrl = server.url("/integrity/markup-safe/3.0.2/" + unattested.filename() + "/provenance").toString();
            assertThat(c.provenance(none, "3.0.2")).isEqualTo(new ProvenanceLookup.NotPublished(
                    "the Integrity API has no provenance for " + unattested.filename() + " (" + noneUrl
                            + ": 404 \"No provenance available for " + unattested.filename() + "\")"));

            // Wrong version: PyPI answers a bare 404. That is a failed lookup, never "no provenance".
            ProvenanceLookup unknown = c.provenance(none, "9.9");
            assertThat(unknown).isInstanceOf(ProvenanceLookup.Failed.class);
            ProvenanceLookup.Failed failed = (ProvenanceLookup.Failed) unknown;
            assertThat(failed.why()).isEqualTo("the Integrity API does not know markup-safe / 9.9 / "
                    + unattested.filename() + " (bare 404 from " + server.url("/integrity/markup-safe/9.9/"
                    + unattested.filename() + "/provenance") + ")");
            assertThat(failed.error().exitCode()).isEqualTo(ExitCode.NETWORK);
        }
    }

    @Test
    void listedUrlAnswering404IsAFailureNotNone() {
        server.faults().status("/integrity/", 404, Faults.FOREVER);
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Failed.class);
            assertThat(((ProvenanceLookup.Failed) r).why()).isEqualTo("the index lists provenance for "
                    + wheel.filename() + " at " + ((ProvenanceLink.Listed) f.provenance()).url()
                    + ", but it answered 404");
        }
    }

    @Test
    void persistentServerErrorsFailAfterTheConfiguredTries() {
        server.faults().status("/integrity/", 503, Faults.FOREVER);
        try (IndexClient c = client(config().maxTries(3))) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            server.clearRequests();
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Failed.class);
            ProvenanceLookup.Failed failed = (ProvenanceLookup.Failed) r;
            assertThat(failed.error().exitCode()).isEqualTo(ExitCode.NETWORK);
            assertThat(failed.why()).isEqualTo("GET " + server.url("/integrity/sampleproject/4.0.0/" + wheel.filename()
                    + "/provenance") + " failed after 3 tries: HTTP 503 Server Error");
            assertThat(server.count("/integrity/")).isEqualTo(3);
            assertThat(c.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void halfADocumentServedAsCompleteIsInvalidProvenance() {
        // The Content-Length matches the half: the index chose to send these bytes.
        server.faults().truncate("/integrity/", Faults.FOREVER);
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Invalid.class);
            assertThat(((ProvenanceLookup.Invalid) r).why()).startsWith("the provenance at "
                    + server.url("/integrity/sampleproject/4.0.0/" + wheel.filename() + "/provenance")
                    + " is not valid JSON at line");
        }
    }

    @Test
    void aTransferCutShortIsAFailedLookupAfterTheRetries() {
        server.faults().disconnect("/integrity/", Faults.FOREVER);
        try (IndexClient c = client(config().maxTries(2))) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            server.clearRequests();
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Failed.class);
            assertThat(((ProvenanceLookup.Failed) r).error().exitCode()).isEqualTo(ExitCode.NETWORK);
            assertThat(((ProvenanceLookup.Failed) r).why()).startsWith("GET " + server.url(
                    "/integrity/sampleproject/4.0.0/" + wheel.filename() + "/provenance") + " failed after 2 tries: ");
            assertThat(server.count("/integrity/")).isEqualTo(2);
        }
    }

    @Test
    void oversizedProvenanceIsInvalidWhetherDeclaredOrStreamed() {
        for (boolean chunked : new boolean[] {false, true}) {
            server.faults().clear();
            server.faults().oversize("/integrity/", 5000, chunked, Faults.FOREVER);
            try (IndexClient c = client(config().limits(new SizeLimits(1 << 20, 1 << 20, 4096, 1024)))) {
                IndexFile f = file(c.projectPage("sampleproject"), wheel);
                server.clearRequests();
                ProvenanceLookup r = c.provenance(f, "4.0.0");
                assertThat(((ProvenanceLookup.Invalid) r).why()).isEqualTo("the provenance at "
                        + server.url("/integrity/sampleproject/4.0.0/" + wheel.filename() + "/provenance")
                        + " is larger than the 4 KiB limit" + (chunked ? "" : " (5000 bytes declared)"));
                assertThat(server.count("/integrity/")).as("an oversized answer is not retried").isEqualTo(1);
            }
        }
    }

    @Test
    void bytesThatAreNotOneJsonObjectAreInvalidProvenance() {
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        List<Map.Entry<String, byte[]>> hostile = List.of(
                Map.entry("is not valid JSON", invalidUtf8),
                Map.entry("is not a JSON object", utf8("[{\"version\": 1}]")),
                Map.entry("is not a JSON object", new byte[0]),
                Map.entry("nesting depth", utf8("{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}")),
                Map.entry("has data after the end", utf8("{} {}")));
        for (Map.Entry<String, byte[]> e : hostile) {
            server.serve(index.withFile("sampleproject", wheel.filename(), x -> x.withProvenance(e.getValue())));
            try (IndexClient c = client(config())) {
                ProvenanceLookup r = c.provenance(file(c.projectPage("sampleproject"), wheel), "4.0.0");
                assertThat(r).as(e.getKey()).isInstanceOf(ProvenanceLookup.Invalid.class);
                assertThat(((ProvenanceLookup.Invalid) r).why()).as(e.getKey()).contains(e.getKey());
            }
        }
    }

    @Test
    void forbiddenIsAFailureWithTheIndexMessage() {
        server.faults().status("/integrity/", 403, Faults.FOREVER);
        try (IndexClient c = client(config())) {
            IndexFile f = file(c.projectPage("sampleproject"), wheel);
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(((ProvenanceLookup.Failed) r).why()).startsWith("the index refused the provenance of "
                    + wheel.filename());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void crossOriginHttpProvenanceIsInvalidWithoutARequest() {
        String otherOrigin = server.urlWithHost("127.0.0.1", "/integrity/x/1/x.whl/provenance").toString();
        IndexFile f = new IndexFile("sampleproject", wheel.filename(), server.url("/files/x.whl").toString(),
                Map.of("sha256", wheel.sha256()), Optional.empty(), false, Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), new ProvenanceLink.Listed(otherOrigin));
        try (IndexClient c = client(config().trustedHosts(java.util.Set.of(server.host(), "127.0.0.1")))) {
            ProvenanceLookup r = c.provenance(f, "4.0.0");
            assertThat(((ProvenanceLookup.Invalid) r).why()).isEqualTo("refusing provenance URL " + otherOrigin
                    + ": provenance on another origin than the index must be https (PEP 740)");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void fileUrlFromARemoteIndexIsInvalid() {
        IndexFile f = new IndexFile("sampleproject", wheel.filename(), server.url("/files/x.whl").toString(),
                Map.of("sha256", wheel.sha256()), Optional.empty(), false, Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), new ProvenanceLink.Listed("file:///etc/passwd"));
        try (IndexClient c = client(config())) {
            assertThat(((ProvenanceLookup.Invalid) c.provenance(f, "4.0.0")).why()).isEqualTo(
                    "refusing the file: URL file:///etc/passwd for provenance: only a mirror directory may point at "
                            + "local files");
        }
    }

    @Test
    void invalidListedUrlIsInvalidProvenance() {
        IndexFile f = new IndexFile("sampleproject", wheel.filename(), server.url("/files/x.whl").toString(),
                Map.of("sha256", wheel.sha256()), Optional.empty(), false, Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(),
                new ProvenanceLink.Invalid("../prov", "relative provenance URL; PEP 740 requires an absolute https URL"));
        try (IndexClient c = client(config())) {
            assertThat(((ProvenanceLookup.Invalid) c.provenance(f, "4.0.0")).why()).isEqualTo(
                    "the index lists an invalid provenance URL for " + wheel.filename() + ": relative provenance URL; "
                            + "PEP 740 requires an absolute https URL ('../prov')");
        }
    }

    @Test
    void bulkLookupKeysBySha256InOrderAndBoundsConcurrency() {
        TestIndex many = ServerFixture.manyProjects(30);
        server.serve(many);
        server.faults().latency(java.time.Duration.ofMillis(40));
        try (IndexClient c = client(config().jobs(3))) {
            List<ProvenanceRequest> requests = new ArrayList<>();
            for (var p : c.projectPages(many.projects().stream().map(tp -> tp.name()).toList()).values()) {
                requests.add(new ProvenanceRequest(p.files().get(0), p.versions().get(0)));
            }
            requests.add(requests.get(0)); // a duplicate is looked up once
            server.clearRequests();
            Map<String, ProvenanceLookup> results = c.provenance(requests);
            assertThat(results).hasSize(30);
            assertThat(List.copyOf(results.keySet())).isEqualTo(requests.subList(0, 30).stream()
                    .map(r -> r.file().sha256().orElseThrow()).toList());
            assertThat(results.values()).allMatch(r -> r instanceof ProvenanceLookup.Found);
            assertThat(server.count("/integrity/")).isEqualTo(30);
            assertThat(server.maxConcurrentRequests()).isLessThanOrEqualTo(3).isGreaterThan(1);
            for (ProvenanceRequest r : requests.subList(0, 30)) {
                byte[] expected = many.file(r.file().project(), r.file().filename()).provenance();
                assertThat(((ProvenanceLookup.Found) results.get(r.file().sha256().orElseThrow())).json())
                        .isEqualTo(expected);
            }
        }
    }
}
