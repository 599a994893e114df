package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PEP 658 metadata: fields, hash check, files without metadata. */
class IndexClientMetadataTest {
    private final TestIndex index = ServerFixture.smallIndex();
    private final TestFile wheel = index.file("sampleproject", "sampleproject-4.0.0-py3-none-any.whl");
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
    void metadataFieldsAreParsed() {
        try (IndexClient c = client()) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(wheel.sha256()).orElseThrow();
            CoreMetadata m = c.metadata(f);
            assertThat(m).isEqualTo(new CoreMetadata("2.1", "sampleproject", "4.0.0",
                    List.of("peppercorn", "check-manifest>=0.42; extra == \"dev\""), Optional.of(">=3.9"), List.of(),
                    List.of()));
            assertThat(server.count("/files/sampleproject/" + wheel.filename() + ".metadata")).isEqualTo(1);
        }
    }

    @Test
    void metadataNotMatchingItsHashIsRejected() {
        byte[] evil = "Metadata-Version: 2.1\nName: sampleproject\nVersion: 4.0.0\nRequires-Dist: evil\n"
                .getBytes(StandardCharsets.UTF_8);
        server.serve(index.withFile("sampleproject", wheel.filename(), f -> f.withServedMetadata(evil)));
        try (IndexClient c = client()) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(wheel.sha256()).orElseThrow();
            assertThatThrownBy(() -> c.metadata(f))
                    .isExactlyInstanceOf(TrustException.class)
                    .hasMessage("the core metadata of " + wheel.filename() + " at "
                            + server.url("/files/sampleproject/" + wheel.filename() + ".metadata")
                            + " does not match the hash on the project page: sha256 expected " + wheel.metadataSha256()
                            + ", got " + DiskCache.sha256Hex(evil));
        }
    }

    @Test
    void fileWithoutMetadataSaysSo() {
        TestFile sdist = index.file("sampleproject", "sampleproject-4.0.0.tar.gz");
        try (IndexClient c = client()) {
            IndexFile f = c.projectPage("sampleproject").fileWithSha256(sdist.sha256()).orElseThrow();
            assertThat(f.coreMetadata()).isEmpty();
            assertThatThrownBy(() -> c.metadata(f))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("the index serves no PEP 658 metadata for sampleproject-4.0.0.tar.gz");
        }
    }
}
