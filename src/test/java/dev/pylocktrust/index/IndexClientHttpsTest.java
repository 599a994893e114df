package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestTls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The https paths: custom CA, HTTP/2, cross-host redirects without credentials, no downgrade to http. */
class IndexClientHttpsTest {
    private static final TestTls TLS = TestTls.create();
    @TempDir
    Path tmp;
    private TestIndexServer server;
    private Path caPem;

    @BeforeEach
    void start() throws Exception {
        server = TestIndexServer.startHttps(ServerFixture.smallIndex(), TLS);
        caPem = TLS.writeCaPem(tmp.resolve("ca.pem"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexConfig.Builder config(String indexUrl) {
        return IndexConfig.builder(new IndexLocation.Remote(URI.create(indexUrl)))
                .caCertificates(Optional.of(caPem))
                .environment(Map.of()).netrc(Optional.empty()).cacheDir(Optional.empty())
                .maxTries(2).retryBaseDelay(Duration.ZERO).sleeper(d -> { });
    }

    @Test
    void httpsWithTheGivenCaSpeaksHttp2() {
        try (IndexClient c = IndexClient.open(config(server.simpleUrl()).build())) {
            assertThat(c.projectPage("sampleproject").files()).hasSize(2);
            assertThat(server.requests().get(0).getVersion()).isEqualTo("HTTP/2");
        }
    }

    @Test
    void credentialsAreNotSentAfterACrossHostRedirect() {
        String other = server.urlWithHost("127.0.0.1", "/simple/").toString();
        server.faults().redirect("/simple/", other, 1);
        String withCreds = server.url("/simple").newBuilder().username("alice").password("s3cret").build().toString();
        try (IndexClient c = IndexClient.open(config(withCreds).build())) {
            ProjectPage page = c.projectPage("sampleproject");
            assertThat(page.url()).isEqualTo(other + "sampleproject/");
            RecordedRequest first = server.requests().get(0);
            RecordedRequest second = server.requests().get(1);
            assertThat(first.getUrl().host()).isEqualTo("localhost");
            assertThat(first.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic("alice", "s3cret"));
            assertThat(second.getUrl().host()).isEqualTo("127.0.0.1");
            assertThat(second.getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void netrcCredentialsAreBoundToTheirHost() throws Exception {
        Path netrc = java.nio.file.Files.writeString(tmp.resolve("netrc"),
                "machine localhost login bob password hunter2\n");
        String other = server.urlWithHost("127.0.0.1", "/simple/").toString();
        server.faults().redirect("/simple/", other, 1);
        try (IndexClient c = IndexClient.open(config(server.simpleUrl()).netrc(Optional.of(netrc)).build())) {
            c.projectPage("sampleproject");
            assertThat(server.requests().get(0).getHeaders().get("Authorization"))
                    .isEqualTo(okhttp3.Credentials.basic("bob", "hunter2"));
            assertThat(server.requests().get(1).getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void redirectFromHttpsToHttpIsRefusedEvenForATrustedHost() {
        server.faults().redirect("/simple/", "http://localhost:9/simple/", 1);
        try (IndexClient c = IndexClient.open(config(server.simpleUrl()).trustedHosts(Set.of("localhost")).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("refusing a redirect from https to plain http: " + server.url("/simple/sampleproject/")
                            + " -> http://localhost:9/simple/sampleproject/");
        }
    }

    @Test
    void untrustedCertificateFailsAtOnceWithAHint() {
        try (IndexClient c = IndexClient.open(config(server.simpleUrl()).caCertificates(Optional.empty()).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessageStartingWith("TLS connection to localhost failed: ")
                    .satisfies(e -> assertThat(((NetworkException) e).hints())
                            .containsExactly("if a corporate proxy re-signs TLS traffic, pass its CA bundle with --cert FILE"));
            assertThat(c.stats().retries()).isZero();
        }
    }
}
