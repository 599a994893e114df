package dev.pylocktrust.gather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EvidenceGatherer#gather(List, Map)} reuses the pages it is given and fetches only the others. */
class EvidenceGathererPagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void givenPagesAreNotFetchedAgain() throws Exception {
        TestSigstore sigstore = TestSigstore.create(3, CLOCK);
        TestIndex index = new TestIndexBuilder(new SigstoreProvenanceMinter(sigstore))
                .add(TestRelease.of("widget", "1.0").withIdentity(IdentitySpec.github("acme/widget", "r.yml", null)))
                .add(TestRelease.of("plain", "1.0"))
                .build();
        try (TestIndexServer server = TestIndexServer.start(index);
             IndexClient client = IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(
                     URI.create(server.simpleUrl()))).maxTries(1).trustedHosts(Set.of(server.host()))
                     .cacheDir(Optional.empty()).build())) {
            EvidenceGatherer gatherer = new EvidenceGatherer(client,
                    new ProvenanceVerifier(TrustRoot.fromFile(sigstore.writeTrustedRoot(tmp))), CLOCK, 1);
            ProjectPage widgetPage = client.projectPage("widget");
            server.clearRequests();
            TestFile w = index.project("widget").orElseThrow().files().get(0);
            TestFile p = index.project("plain").orElseThrow().files().get(0);

            Map<String, FileEvidence> evidence = gatherer.gather(List.of(
                    new FileRequest("Widget", "1.0", w.sha256(), w.filename()),
                    new FileRequest("plain", "1.0", p.sha256(), p.filename())), Map.of("widget", widgetPage));

            assertThat(evidence.get(w.sha256())).isInstanceOf(FileEvidence.Attested.class);
            assertThat(evidence.get(p.sha256())).isInstanceOf(FileEvidence.NoProvenance.class);
            assertThat(server.count("/simple/widget")).isZero();
            assertThat(server.count("/simple/plain")).isEqualTo(1);
        }
    }
}
