package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestIndexServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, size caps, redirect rules and proxies, against the test index server over http. */
class IndexClientTransportTest {
    private TestIndexServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestIndexServer.start(ServerFixture.smallIndex());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IndexConfig.Builder config() {
        return ServerFixture.config(server.simpleUrl(), server.host(), Optional.empty()).sleeper(waits::add);
    }

    @Test
    void tooManyRequestsThenSuccessHonoursRetryAfter() {
        server.faults().tooManyRequests("/simple/", "7", 1);
        try (IndexClient c = IndexClient.open(config().build())) {
            assertThat(c.projectPage("sampleproject").files()).hasSize(2);
            assertThat(waits).containsExactly(Duration.ofSeconds(7));
            assertThat(server.count("/simple/sampleproject/")).isEqualTo(2);
            assertThat(c.stats().retries()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterAsHttpDateIsMeasuredFromTheClock() {
        server.faults().tooManyRequests("/simple/", "Wed, 21 Oct 2026 07:28:30 GMT", 1);
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-10-21T07:28:00Z"),
                java.time.ZoneOffset.UTC);
        try (IndexClient c = IndexClient.open(config().clock(clock).build())) {
            c.projectPage("sampleproject");
            assertThat(waits).containsExactly(Duration.ofSeconds(30));
        }
    }

    @Test
    void retryAfterLongerThanTheCapEndsTheRunAtOnce() {
        server.faults().tooManyRequests("/simple/", "3600", Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().maxRetryDelay(Duration.ofSeconds(60)).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("the index asks to retry " + server.url("/simple/sampleproject/") + " after 3600 s, "
                            + "longer than the 60 s pylock-trust waits (HTTP 429 Client Error)");
            assertThat(server.count("/simple/")).isEqualTo(1);
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void persistentServerErrorIsExitThreeAfterTheConfiguredTries() {
        server.faults().status("/simple/", 502, Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().maxTries(4).retryBaseDelay(Duration.ofMillis(100)).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("GET " + server.url("/simple/sampleproject/") + " failed after 4 tries: HTTP 502 "
                            + "Server Error")
                    .satisfies(e -> assertThat(((NetworkException) e).exitCode()).isEqualTo(3));
            assertThat(server.count("/simple/")).isEqualTo(4);
            // Exponential backoff with equal jitter: 100 ms, 200 ms, 400 ms before jitter; each wait in [d/2, d].
            assertThat(waits).hasSize(3);
            long[] full = {100, 200, 400};
            for (int i = 0; i < 3; i++) {
                assertThat(waits.get(i).toMillis()).isBetween(full[i] / 2, full[i]);
            }
        }
    }

    @Test
    void notImplementedIsNotRetried() {
        server.faults().status("/simple/", 501, Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .hasMessage("the index answered HTTP 501 for the project page "
                            + server.url("/simple/sampleproject/"));
            assertThat(server.count("/simple/")).isEqualTo(1);
        }
    }

    @Test
    void droppedConnectionIsRetried() {
        server.faults().disconnect("/simple/sampleproject/", 1);
        try (IndexClient c = IndexClient.open(config().build())) {
            assertThat(c.projectPage("sampleproject").files()).hasSize(2);
            assertThat(c.stats().retries()).isEqualTo(1);
        }
    }

    @Test
    void hungConnectionTimesOutAndFails() {
        server.faults().hang("/simple/", Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().timeout(Duration.ofMillis(300)).maxTries(2).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessageStartingWith("GET " + server.url("/simple/sampleproject/") + " failed after 2 tries: "
                            + "timed out");
        }
    }

    @Test
    void oneByteASecondIsStoppedByTheCallTimeoutForPagesAndProvenance() {
        // Each read gets a byte in time, so only the whole-exchange timeout (4 x --timeout) can end it.
        server.faults().trickle("/simple/", Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().timeout(Duration.ofMillis(250)).maxTries(1).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessageStartingWith("GET " + server.url("/simple/sampleproject/") + " failed after 1 try: "
                            + "timed out");
        }
        server.faults().clear();
        server.faults().trickle("/integrity/", Faults.FOREVER);
        try (IndexClient c = IndexClient.open(config().timeout(Duration.ofMillis(250)).maxTries(1).build())) {
            var wheel = ServerFixture.smallIndex().file("sampleproject", "sampleproject-4.0.0-py3-none-any.whl");
            ProvenanceLookup r = c.provenance(c.projectPage("sampleproject").fileWithSha256(wheel.sha256())
                    .orElseThrow(), "4.0.0");
            assertThat(r).isInstanceOf(ProvenanceLookup.Failed.class);
            assertThat(((ProvenanceLookup.Failed) r).why()).contains("failed after 1 try: timed out");
        }
    }

    @Test
    void anEndlessBodyIsCutAtTheCap() {
        server.faults().endless("/simple/", Faults.FOREVER);
        SizeLimits small = new SizeLimits(256 * 1024, 1 << 20, 1 << 20, 1024);
        try (IndexClient c = IndexClient.open(config().limits(small).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isInstanceOf(NetworkException.class)
                    .hasMessage("the project page at " + server.url("/simple/sampleproject/")
                            + " is larger than the 256 KiB limit");
            assertThat(c.stats().retries()).as("an answer over the cap is not asked for again").isZero();
        }
    }

    @Test
    void answersInFlightTogetherAreBoundedBelowTheHeap() {
        server.faults().oversize("/simple/", 200_000, true, Faults.FOREVER);
        SizeLimits tight = new SizeLimits(1 << 20, 1 << 20, 1 << 20, 1024, 256 * 1024);
        try (IndexClient c = IndexClient.open(config().limits(tight).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("stopped reading the project page at " + server.url("/simple/sampleproject/")
                            + ": the index is sending more than 256 KiB at once, which would exhaust memory");
        }
        server.faults().clear();
        try (IndexClient c = IndexClient.open(config().limits(tight).build())) {
            assertThat(c.projectPage("sampleproject").files()).as("the budget is released after each answer")
                    .hasSize(2);
            assertThat(c.projectPage("sampleproject").files()).hasSize(2);
        }
    }

    @Test
    void oversizedPageIsRejectedWhetherDeclaredOrStreamed() {
        SizeLimits small = new SizeLimits(64 * 1024, 1 << 20, 1 << 20, 1024);
        for (boolean chunked : new boolean[] {false, true}) {
            server.faults().clear();
            server.faults().oversize("/simple/", 200_000, chunked, Faults.FOREVER);
            try (IndexClient c = IndexClient.open(config().limits(small).build())) {
                assertThatThrownBy(() -> c.projectPage("sampleproject"))
                        .isInstanceOf(NetworkException.class)
                        .hasMessage("the project page at " + server.url("/simple/sampleproject/")
                                + " is larger than the 64 KiB limit" + (chunked ? "" : " (200000 bytes declared)"));
            }
        }
    }

    @Test
    void redirectToPlainHttpOnAnotherHostIsRefused() {
        String otherHost = server.urlWithHost("127.0.0.1", "/simple/").toString();
        server.faults().redirect("/simple/", otherHost, Faults.FOREVER);
        // Even a trusted http host may not be left over http.
        try (IndexClient c = IndexClient.open(config().trustedHosts(Set.of(server.host(), "127.0.0.1")).build())) {
            assertThatThrownBy(() -> c.projectPage("sampleproject"))
                    .isExactlyInstanceOf(NetworkException.class)
                    .hasMessage("refusing a redirect to plain http on another origin: "
                            + server.url("/simple/sampleproject/") + " -> " + otherHost + "sampleproject/");
            assertThat(server.requestsMatching(r -> "127.0.0.1".equals(r.getUrl().host()))).isEmpty();
        }
    }

    @Test
    void plainHttpIndexNeedsTrustedHost() {
        assertThatThrownBy(() -> IndexClient.open(config().trustedHosts(Set.of()).build()))
                .isExactlyInstanceOf(UsageException.class)
                .hasMessage("--index-url " + server.url("/simple") + " uses plain http");
        assertThatThrownBy(() -> IndexClient.open(config().trustedHosts(Set.of("other.example")).build()))
                .isExactlyInstanceOf(UsageException.class);
        IndexClient.open(config().trustedHosts(Set.of(server.host() + ":" + server.port())).build()).close();
    }

    @Test
    void credentialsGoOnlyToTheIndexOriginAndAreNeverPrinted() {
        String withCreds = server.url("/simple").newBuilder().username("alice").password("s3cret").build().toString();
        try (IndexClient c = IndexClient.open(ServerFixture.config(withCreds, server.host(), Optional.empty()).build())) {
            c.projectPage("sampleproject");
            assertThat(server.requests().get(0).getHeaders().get("Authorization"))
                    .isEqualTo(okhttp3.Credentials.basic("alice", "s3cret"));
            assertThat(c.describeIndex()).isEqualTo(server.url("/simple").toString());
            server.faults().status("/simple/", 500, Faults.FOREVER);
            assertThatThrownBy(() -> c.projectPage("sampleproject")).satisfies(e -> {
                assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("alice");
            });
        }
    }

    @Test
    void proxyFromTheEnvironmentIsUsed() throws Exception {
        // The test server plays an HTTP proxy for a host that does not exist.
        Map<String, String> env = Map.of("http_proxy", "http://" + server.host() + ":" + server.port());
        IndexConfig cfg = IndexConfig.builder(new IndexLocation.Remote(URI.create("http://pypi.example.invalid/simple")))
                .trustedHosts(Set.of("pypi.example.invalid"))
                .environment(env).netrc(Optional.empty()).cacheDir(Optional.empty()).maxTries(1).build();
        try (IndexClient c = IndexClient.open(cfg)) {
            assertThat(c.projectPage("sampleproject").url()).isEqualTo("http://pypi.example.invalid/simple/sampleproject/");
            assertThat(server.requests().get(0).getRequestLine())
                    .startsWith("GET http://pypi.example.invalid/simple/sampleproject/ ");
        }
    }
}
