package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules of the transport: retry decisions, URL policy, redaction, URL building. */
class TransportRulesTest {
    @ParameterizedTest
    @CsvSource({"429, true", "500, true", "502, true", "503, true", "504, true", "599, true", "501, false",
        "505, false", "404, false", "403, false", "400, false", "301, false", "200, false"})
    void retryableStatuses(int code, boolean retry) {
        assertThat(RetryPolicy.retryableStatus(code)).isEqualTo(retry);
    }

    @ParameterizedTest(name = "after {0} failures, random {1}: {2} ms")
    @CsvSource({
        // base 500 ms, cap 60 s: full wait 500 * 2^(n-1), then equal jitter in [full/2, full].
        "1, 0.0, 250", "1, 0.999, 499", "2, 0.0, 500", "3, 0.5, 1500", "8, 0.0, 30000", "9, 0.0, 30000",
        "30, 0.0, 30000", "1000, 0.0, 30000",
    })
    void backoffIsExponentialWithEqualJitterAndCapped(int failures, double random, long millis) {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(60));
        assertThat(p.backoff(failures, random)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(nullValues = "NONE", value = {
        "7, 7", "0, 0", "' 120 ', 120", "'Wed, 21 Oct 2026 07:28:30 GMT', 30", "'Wed, 21 Oct 2026 07:27:00 GMT', 0",
        "soon, NONE", "'', NONE", "-5, NONE", "9999999999, 999999999",
    })
    void retryAfter(String header, Long seconds) {
        Instant now = Instant.parse("2026-10-21T07:28:00Z");
        assertThat(RetryPolicy.retryAfter(header, now)).isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://pypi.org/simple/, true", "http://pypi.org/simple/, false", "http://mirror.local/simple/, true",
        "http://mirror.local:8080/simple/, true", "http://other.local:8080/simple/, false",
        "http://pinned.local:8080/x, true", "http://pinned.local:9090/x, false", "http://[::1]:3141/x, true",
    })
    void plainHttpOnlyForTrustedHosts(String url, boolean allowed) {
        UrlPolicy p = new UrlPolicy(Set.of("mirror.local", "pinned.local:8080", "[::1]"));
        assertThat(p.allows(HttpUrl.get(url))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "OK", value = {
        "https://pypi.org/simple/a/, https://files.example/a/, OK",
        "https://pypi.org/simple/a/, http://pypi.org/simple/a/, refusing a redirect from https to plain http",
        "https://mirror.local/simple/a/, http://mirror.local/simple/a/, refusing a redirect from https to plain http",
        "http://mirror.local/simple/A/, http://mirror.local/simple/a/, OK",
        "http://mirror.local/simple/a/, http://other.local/simple/a/, refusing a redirect to plain http on another origin",
        "http://mirror.local/simple/a/, http://mirror.local:81/simple/a/, refusing a redirect to plain http on another origin",
        "http://mirror.local/simple/a/, https://cdn.example/a/, OK",
    })
    void redirectRules(String from, String to, String refusal) {
        UrlPolicy p = new UrlPolicy(Set.of("mirror.local", "other.local"));
        if (refusal == null) {
            p.checkRedirect(HttpUrl.get(from), HttpUrl.get(to));
        } else {
            assertThatThrownBy(() -> p.checkRedirect(HttpUrl.get(from), HttpUrl.get(to)))
                    .isInstanceOf(NetworkException.class).hasMessageStartingWith(refusal);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "https://user:pw@host/simple/, https://host/simple/",
        "https://host/f.whl?X-Amz-Signature=abc&x=1, https://host/f.whl?X-Amz-Signature=***&x=***",
        "https://host/p%20q/, https://host/p%20q/",
    })
    void redaction(String url, String redacted) {
        assertThat(Urls.redact(HttpUrl.get(url))).isEqualTo(redacted);
        assertThat(Urls.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource({
        "https://user:secret@/simple, https://***@/simple",
        "https://a:b@c@[bad/x, https://***@[bad/x",
        "not a url, not a url",
    })
    void unparseableUrlsStillLoseTheirPassword(String url, String redacted) {
        assertThat(Urls.redact(url)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource({
        "https://pypi.org/simple, https://pypi.org/simple/markup-safe/",
        "https://pypi.org/simple/, https://pypi.org/simple/markup-safe/",
        "https://host/, https://host/markup-safe/",
        "https://host/a/b, https://host/a/b/markup-safe/",
    })
    void projectPageUrlHasExactlyOneSlash(String base, String page) {
        assertThat(Urls.childDirectory(HttpUrl.get(base), "markup-safe").toString()).isEqualTo(page);
    }

    @ParameterizedTest
    @CsvSource({
        "https://pypi.org, MarkupSafe-3.0.2.tar.gz, https://pypi.org/integrity/markupsafe/3.0.2/MarkupSafe-3.0.2.tar.gz/provenance",
        "https://mirror.example/pypi/, a b#.whl, https://mirror.example/pypi/integrity/markupsafe/3.0.2/a%20b%23.whl/provenance",
    })
    void integrityUrls(String base, String filename, String expected) {
        IndexFile f = new IndexFile("markupsafe", filename, "https://x/" + filename, java.util.Map.of(),
                Optional.empty(), false, Optional.empty(), java.util.OptionalLong.empty(), Optional.empty(),
                Optional.empty(), new ProvenanceLink.Absent());
        assertThat(ProvenanceResolver.integrityUrl(HttpUrl.get(base), f, "3.0.2").toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "'{\"message\": \"No provenance available for a-1.whl\"}', true",
        "'{\"message\": \"No provenance available for A-1.whl\"}', false",
        "'{\"message\": \"Attestations temporarily disabled\"}', false",
        "'<h1>404 Not Found</h1>', false",
        "'', false",
    })
    void pypiNoProvenanceForm(String body, boolean none) {
        assertThat(ProvenanceResolver.isNoProvenanceMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "a-1.whl")).isEqualTo(none);
    }

    @ParameterizedTest
    @CsvSource({
        "https://h/a-1.whl, https://h/a-1.whl.metadata",
        "https://h/a-1.whl?token=x, https://h/a-1.whl.metadata?token=x",
        "file:///m/a/a-1.whl, file:///m/a/a-1.whl.metadata",
    })
    void metadataUrl(String file, String metadata) {
        assertThat(MetadataFetcher.metadataUrl(file)).isEqualTo(metadata);
    }

    @Test
    void metadataHashesAreCheckedForEveryComputableAlgorithm() {
        byte[] body = "x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha256 = DiskCache.sha256Hex(body);
        assertThat(MetadataFetcher.mismatch(java.util.Map.of("sha256", sha256), body)).isEmpty();
        assertThat(MetadataFetcher.mismatch(java.util.Map.of("sha256", sha256.toUpperCase()), body)).isEmpty();
        assertThat(MetadataFetcher.mismatch(java.util.Map.of("blake2b", "00"), body)).isEmpty();
        assertThat(MetadataFetcher.mismatch(java.util.Map.of("sha256", sha256, "md5", "0".repeat(32)), body))
                .contains("md5 expected " + "0".repeat(32) + ", got 9dd4e461268c8034f5c8564e155c67a6");
    }
}
