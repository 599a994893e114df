package dev.pylocktrust.gather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceGathererTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
    private static final IdentitySpec GOOD = IdentitySpec.github("acme/widget", "release.yml", null);

    @TempDir
    Path tmp;

    private TestSigstore sigstore;
    private TestIndexServer server;
    private TestIndex index;
    private IndexClient client;
    private EvidenceGatherer gatherer;

    @BeforeEach
    void setUp() throws Exception {
        sigstore = TestSigstore.create(7, CLOCK);
        index = new TestIndexBuilder(new SigstoreProvenanceMinter(sigstore))
                .add(TestRelease.of("widget", "1.0.0").withIdentity(GOOD))
                .add(TestRelease.of("plain", "2.0"))
                .build();
        server = TestIndexServer.start(index);
        client = IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(java.net.URI.create(server.simpleUrl())))
                .maxTries(1)
                .trustedHosts(java.util.Set.of(server.host())).cacheDir(Optional.empty()).build());
        TrustRoot root = TrustRoot.fromFile(sigstore.writeTrustedRoot(tmp));
        gatherer = new EvidenceGatherer(client, new ProvenanceVerifier(root), CLOCK, 2);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    private static FileRequest request(TestFile f) {
        return new FileRequest(f.project(), f.version(), f.sha256(), f.filename());
    }

    @Test
    void attestedFilesYieldTheirVerifiedIdentity() {
        List<TestFile> files = index.project("widget").orElseThrow().files();
        Map<String, FileEvidence> evidence = gatherer.gather(files.stream().map(EvidenceGathererTest::request).toList());

        assertThat(evidence).hasSize(files.size());
        for (TestFile f : files) {
            assertThat(evidence.get(f.sha256())).isInstanceOfSatisfying(FileEvidence.Attested.class, a -> {
                assertThat(a.file().filename()).isEqualTo(f.filename());
                assertThat(a.identities()).singleElement().satisfies(id ->
                        assertThat(id.publisher().toIdentityTable()).containsEntry("repository", "acme/widget")
                                .containsEntry("workflow", "release.yml"));
                assertThat(a.attestations()).singleElement().satisfies(v -> assertThat(v.logIndex()).isNotNegative());
            });
        }
    }

    @Test
    void filesWithoutProvenanceAreReportedAsSuchNotAsFailures() {
        TestFile f = index.project("plain").orElseThrow().files().get(0);
        assertThat(gatherer.gather(List.of(request(f))).get(f.sha256()))
                .isInstanceOf(FileEvidence.NoProvenance.class);
    }

    @Test
    void aFileTheIndexDoesNotListIsNotOnIndex() {
        TestFile f = index.project("widget").orElseThrow().files().get(0);
        FileRequest unknown = new FileRequest("widget", "1.0.0", "ab".repeat(32), "widget-9.9.9.tar.gz");
        assertThat(gatherer.gather(List.of(request(f), unknown)).get("ab".repeat(32)))
                .isInstanceOfSatisfying(FileEvidence.NotOnIndex.class, n ->
                        assertThat(n.why()).contains("no file with sha256 " + "ab".repeat(32))
                                .contains("widget-9.9.9.tar.gz"));
    }

    @Test
    void provenanceForAnotherFileIsInvalid() {
        List<TestFile> files = index.project("widget").orElseThrow().files();
        TestFile wheel = files.get(0);
        TestFile other = files.get(1);
        // The index serves the other file's (genuine) provenance for this one: an attestation for another file.
        TestIndex swapped = index.withFile("widget", wheel.filename(), f -> f.withProvenance(other.provenance()));
        server.serve(swapped);
        assertThat(gatherer.gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Invalid.class, i ->
                        assertThat(i.reason()).containsAnyOf("subject", "digest"));
    }

    @Test
    void malformedProvenanceIsInvalidNotACrash() {
        TestFile wheel = index.project("widget").orElseThrow().files().get(0);
        server.serve(index.withFile("widget", wheel.filename(),
                f -> f.withProvenance("{\"version\": 1}".getBytes(StandardCharsets.UTF_8))));
        assertThat(gatherer.gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Invalid.class, i ->
                        assertThat(i.reason()).startsWith("malformed provenance from "));
    }

    @Test
    void anUnreachableProvenanceIsALookupFailureNeverNoProvenance() {
        TestFile wheel = index.project("widget").orElseThrow().files().get(0);
        server.faults().status("/integrity/", 503, dev.pylocktrust.testkit.index.Faults.FOREVER);
        assertThat(gatherer.gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOf(FileEvidence.LookupFailed.class);
    }

    private EvidenceGatherer cached(boolean offline) throws Exception {
        IndexClient c = IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(
                java.net.URI.create(server.simpleUrl()))).maxTries(1).trustedHosts(java.util.Set.of(server.host()))
                .cacheDir(Optional.of(tmp.resolve("cache"))).offline(offline).build());
        opened.add(c);
        return new EvidenceGatherer(c, new ProvenanceVerifier(TrustRoot.fromFile(sigstore.writeTrustedRoot(tmp))),
                CLOCK, 2);
    }

    private final List<IndexClient> opened = new java.util.ArrayList<>();

    @AfterEach
    void closeCached() {
        opened.forEach(IndexClient::close);
    }

    private Path cachedProvenance(TestFile f) throws java.io.IOException {
        try (var all = java.nio.file.Files.walk(tmp.resolve("cache"))) {
            return all.filter(p -> p.getFileName().toString().equals(f.sha256() + ".json")).findFirst().orElseThrow();
        }
    }

    @Test
    void provenanceThatFailsIsNeverCachedSoTheNextRunAsksTheIndexAgain() throws Exception {
        List<TestFile> files = index.project("widget").orElseThrow().files();
        TestFile wheel = files.get(0);
        server.serve(index.withFile("widget", wheel.filename(), f -> f.withProvenance(files.get(1).provenance())));
        assertThat(cached(false).gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOf(FileEvidence.Invalid.class);

        server.serve(index);
        server.clearRequests();
        assertThat(cached(false).gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Attested.class, a -> assertThat(a.fromCache()).isFalse());
        assertThat(server.count("/integrity/")).isEqualTo(1);
        assertThat(cached(true).gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Attested.class, a -> assertThat(a.fromCache()).isTrue());
    }

    @Test
    void aTamperedCacheEntryIsFetchedAgainOnlineAndFailsOffline() throws Exception {
        List<TestFile> files = index.project("widget").orElseThrow().files();
        TestFile wheel = files.get(0);
        cached(false).gather(List.of(request(wheel)));
        // Someone who can write the cache swaps in another file's genuine provenance (valid JSON, wrong subject).
        java.nio.file.Files.write(cachedProvenance(wheel), files.get(1).provenance());

        assertThat(cached(true).gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Invalid.class, i -> assertThat(i.reason()).isEqualTo(
                        "subject is another distribution: the statement's subject is " + files.get(1).filename()
                                + ", but the distribution is " + wheel.filename() + " (compared as parsed filenames: "
                                + "project name, version, build tag and tags)"));
        server.clearRequests();
        assertThat(cached(false).gather(List.of(request(wheel))).get(wheel.sha256()))
                .isInstanceOfSatisfying(FileEvidence.Attested.class, a -> assertThat(a.fromCache()).isFalse());
        assertThat(server.count("/integrity/")).isEqualTo(1);
        assertThat(java.nio.file.Files.readAllBytes(cachedProvenance(wheel))).isEqualTo(wheel.provenance());
    }
}
