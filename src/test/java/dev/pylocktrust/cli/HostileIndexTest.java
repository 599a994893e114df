package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.index.SizeLimits;
import dev.pylocktrust.testkit.FileTrees;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile or broken index, through {@code verify} and {@code lock}, in-process against the loopback index and the
 * test Sigstore. Every case ends in bounded time with a failure, never a pass:
 * <ul>
 *   <li>provenance the index chose to serve for a file, but that cannot be provenance, is a trust failure (exit 1:
 *       {@code attestation-invalid} for {@code verify}, the invalid-provenance refusal for {@code lock});</li>
 *   <li>a project page that cannot be read (too large, endless, cut, not JSON, nested too deep, the wrong type,
 *       redirect loops, refused redirects, a TLS failure) decides nothing: exit 3;</li>
 *   <li>transport failures (retries exhausted, a transfer cut short) are exit 3 for provenance too.</li>
 * </ul>
 * The slow transport faults (one byte a second, a hung answer) are bounded at the client level with a short timeout
 * ({@code IndexClientHostileTest}).
 */
class HostileIndexTest {
    /** The same release in both worlds: widget 1.0.0 by acme/widget. */
    private static final String WHEEL = "widget-1.0.0-py3-none-any.whl";
    private static final String WHEEL_PROVENANCE = "/integrity/widget/1.0.0/" + WHEEL + "/provenance";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static VerifyWorld world;
    private static LockScenario scenario;

    /** What the index serves as the wheel's provenance, and the words the refusal must contain. */
    enum Served {
        INVALID_UTF8("is not valid JSON") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, new byte[] {'{', '"', 'v', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            }
        },
        NOT_JSON("is not valid JSON") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, utf8("<html><body>provenance</body></html>"));
            }
        },
        AN_ARRAY("is not a JSON object") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, utf8("[{\"version\": 1, \"attestation_bundles\": []}]"));
            }
        },
        EMPTY_BODY("is not a JSON object") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, new byte[0]);
            }
        },
        NESTED_TOO_DEEP("nesting depth") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, utf8("{\"version\": 1, \"x\": " + "[".repeat(100_000) + "]".repeat(100_000)
                        + "}"));
            }
        },
        TRAILING_DATA("has data after the end") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, utf8("{\"version\": 1} {\"version\": 1}"));
            }
        },
        WRONG_SHAPE("attestation_bundles") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                serve(server, index, utf8("{\"version\": 1, \"attestation_bundles\": \"none\"}"));
            }
        },
        OVER_THE_CAP_STREAMED("is larger than the 4 MiB limit") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                server.faults().oversize(WHEEL_PROVENANCE, SizeLimits.DEFAULT.provenance() + 1, true,
                        Faults.FOREVER);
            }
        },
        OVER_THE_CAP_DECLARED("is larger than the 4 MiB limit (4194305 bytes declared)") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                server.faults().oversize(WHEEL_PROVENANCE, SizeLimits.DEFAULT.provenance() + 1, false,
                        Faults.FOREVER);
            }
        },
        ENDLESS("is larger than the 4 MiB limit") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                server.faults().endless(WHEEL_PROVENANCE, Faults.FOREVER);
            }
        },
        PLAIN_HTTP_ON_ANOTHER_ORIGIN("provenance on another origin than the index must be https (PEP 740)") {
            @Override
            void apply(TestIndexServer server, TestIndex index) {
                server.provenanceHost("127.0.0.1");
            }
        };

        final String why;

        Served(String why) {
            this.why = why;
        }

        abstract void apply(TestIndexServer server, TestIndex index);

        static void serve(TestIndexServer server, TestIndex index, byte[] provenance) {
            server.serve(index.withFile("widget", WHEEL, f -> f.withProvenance(provenance)));
        }
    }

    /** What the index does with widget's project page: nothing can be decided (exit 3), except where noted. */
    enum PageFault {
        HUGE_DECLARED(3, "is larger than the 64 MiB limit (67108865 bytes declared)") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().oversize(PAGE, SizeLimits.DEFAULT.projectPage() + 1, false, Faults.FOREVER);
            }
        },
        HUGE_STREAMED(3, "is larger than the 64 MiB limit\n") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().oversize(PAGE, SizeLimits.DEFAULT.projectPage() + 1, true, Faults.FOREVER);
            }
        },
        ENDLESS(3, "is larger than the 64 MiB limit\n") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().endless(PAGE, Faults.FOREVER);
            }
        },
        HALF_A_PAGE(3, "the index sent an unreadable project page") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().truncate(PAGE, Faults.FOREVER);
            }
        },
        WRONG_CONTENT_TYPE(3, "as 'application/octet-stream', which is not a Simple API project page") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().contentType(PAGE, "application/octet-stream", Faults.FOREVER);
            }
        },
        INVALID_UTF8_JSON(3, "is not valid JSON") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().body(PAGE, JSON, new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff,
                    '"', '}'}, Faults.FOREVER);
            }
        },
        INVALID_UTF8_HTML(3, "is not valid UTF-8") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().body(PAGE, "text/html", new byte[] {'<', 'a', ' ', 'h', 'r', 'e', 'f', '=', (byte) 0xc3,
                    (byte) 0x28, '>'}, Faults.FOREVER);
            }
        },
        NESTED_TOO_DEEP(3, "nesting depth") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().body(PAGE, JSON, utf8("{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"widget\", "
                        + "\"files\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"), Faults.FOREVER);
            }
        },
        HTML_WITH_100_000_ANCHORS(1, "is not on the index with sha256") {
            @Override
            void apply(TestIndexServer server) {
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                for (int i = 0; i < 100_000; i++) {
                    html.append("<a href=\"../../files/widget/widget-").append(i).append(".0-py3-none-any.whl#sha256=")
                            .append("0".repeat(64)).append("\">widget-").append(i).append(".0-py3-none-any.whl</a>\n");
                }
                server.faults().body(PAGE, "text/html", utf8(html.append("</body></html>").toString()),
                        Faults.FOREVER);
            }
        },
        REDIRECT_LOOP(3, "more than 10 redirects starting at") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().redirect(PAGE, PAGE, Faults.FOREVER);
            }
        },
        REDIRECT_TO_PLAIN_HTTP_ON_ANOTHER_HOST(3, "refusing a redirect to plain http on another origin") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().redirect(PAGE, server.urlWithHost("127.0.0.1", PAGE).toString(), Faults.FOREVER);
            }
        },
        PROVENANCE_REDIRECTED_TO_PLAIN_HTTP_ON_ANOTHER_HOST(3, "refusing a redirect to plain http on another origin") {
            @Override
            void apply(TestIndexServer server) {
                server.faults().redirect(WHEEL_PROVENANCE, server.urlWithHost("127.0.0.1", WHEEL_PROVENANCE)
                        .toString(), Faults.FOREVER);
            }
        };

        static final String PAGE = "/simple/widget/";
        static final String JSON = "application/vnd.pypi.simple.v1+json";

        final int exit;
        final String why;

        PageFault(int exit, String why) {
            this.exit = exit;
            this.why = why;
        }

        abstract void apply(TestIndexServer server);
    }

    @BeforeAll
    static void start() throws IOException {
        world = VerifyWorld.start(shared.resolve("verify"));
        scenario = new LockScenario(java.nio.file.Files.createDirectories(shared.resolve("lock")));
    }

    @AfterAll
    static void stop() {
        world.close();
        scenario.close();
    }

    @BeforeEach
    void reset() throws IOException {
        for (TestIndexServer s : new TestIndexServer[] {world.server, scenario.server}) {
            s.faults().clear();
            s.provenanceHost(null);
        }
        world.server.serve(world.index);
        scenario.server.serve(scenario.index);
        FileTrees.delete(world.cache);
    }

    @ParameterizedTest
    @EnumSource(Served.class)
    void verifyReportsHostileProvenanceAsAttestationInvalid(Served served) {
        served.apply(world.server, world.index);
        CliRunner.Result r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).as(r.toString()).contains("error[attestation-invalid]: widget 1.0.0: " + WHEEL
                + " has provenance that does not verify\n");
        assertThat(r.stdout()).as(r.toString()).contains(served.why);
        assertThat(r.stdout()).doesNotContain("lookup-failed");
    }

    @ParameterizedTest
    @EnumSource(Served.class)
    void lockRefusesHostileProvenanceAsInvalid(Served served) {
        served.apply(scenario.server, scenario.index);
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result r = scenario.lock(out, "widget==1.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).as(r.toString()).contains("error: widget 1.0.0: " + WHEEL
                + " has provenance that does not verify\n");
        assertThat(r.stderr()).as(r.toString()).contains(served.why);
        assertThat(out).doesNotExist();
    }

    @Test
    void rateLimitedUntilTheTriesRunOutIsANetworkErrorForBoth() {
        world.server.faults().tooManyRequests("/integrity/", "0", Faults.FOREVER);
        CliRunner.Result v = world.verify();
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(3);
        assertThat(v.stdout()).as(v.toString()).contains("error[lookup-failed]: widget 1.0.0: " + WHEEL
                + " could not be checked: the index failed\n");

        scenario.server.faults().tooManyRequests("/integrity/", "0", Faults.FOREVER);
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result l = scenario.lock(out, "widget==1.0.0");
        assertThat(l.exitCode()).as(l.toString()).isEqualTo(3);
        assertThat(l.stderr()).as(l.toString()).contains("failed after 4 tries: HTTP 429");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTransferCutShortIsANetworkErrorNotInvalidProvenance() {
        // Headers promise the whole document, then the connection drops: the network, not the index's choice.
        world.server.faults().disconnect(WHEEL_PROVENANCE, Faults.FOREVER);
        CliRunner.Result v = world.verify();
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(3);
        assertThat(v.stdout()).as(v.toString()).contains("error[lookup-failed]: widget 1.0.0: " + WHEEL)
                .doesNotContain("attestation-invalid");
    }

    @ParameterizedTest
    @EnumSource(PageFault.class)
    void verifyStopsOnAHostilePageInBoundedTime(PageFault fault) {
        fault.apply(world.server);
        CliRunner.Result r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(fault.exit);
        assertThat(r.stdout() + r.stderr()).as(r.toString()).contains(fault.why);
    }

    @Test
    void lockStopsOnAnEndlessPageAndWritesNothing() {
        PageFault.ENDLESS.apply(scenario.server);
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result r = scenario.lock(out, "widget==1.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).as(r.toString()).startsWith("error: the project page at ").contains(
                "is larger than the 64 MiB limit\nhint: an index answer this large is a broken or hostile index");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUntrustedTlsCertificateIsANetworkErrorWithoutRetries() throws IOException {
        TestTls tls = TestTls.create();
        try (TestIndexServer https = TestIndexServer.startHttps(world.index, tls)) {
            CliRunner.Result r = CliRunner.run("verify", world.lock.toString(), "--index-url", https.simpleUrl(),
                    "--trusted-root", world.trustedRoot.toString(), "--no-cache");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.stderr()).as(r.toString()).contains("TLS connection to localhost failed",
                    "hint: if a corporate proxy re-signs TLS traffic, pass its CA bundle with --cert FILE");
            assertThat(https.requests()).as("no request got through").isEmpty();

            // Another CA than the server's is no better.
            Path otherCa = TestTls.create().writeCaPem(dir.resolve("other-ca.pem"));
            CliRunner.Result other = CliRunner.run("verify", world.lock.toString(), "--index-url", https.simpleUrl(),
                    "--trusted-root", world.trustedRoot.toString(), "--no-cache", "--cert", otherCa.toString());
            assertThat(other.exitCode()).as(other.toString()).isEqualTo(3);
            assertThat(other.stderr()).contains("TLS connection to localhost failed");
        }
    }

    @Test
    void anHttpsIndexRedirectingToPlainHttpIsRefused() throws IOException {
        TestTls tls = TestTls.create();
        try (TestIndexServer https = TestIndexServer.startHttps(world.index, tls)) {
            https.faults().redirect("/simple/", world.server.url("/simple/").toString(), Faults.FOREVER);
            CliRunner.Result r = CliRunner.run("verify", world.lock.toString(), "--index-url", https.simpleUrl(),
                    "--trusted-host", world.server.host(), "--trusted-root", world.trustedRoot.toString(),
                    "--no-cache", "--cert", tls.writeCaPem(dir.resolve("ca.pem")).toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.stdout() + r.stderr()).as(r.toString()).contains("refusing a redirect from https to plain http");
            assertThat(world.server.requests()).as("nothing was fetched over http").isEmpty();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
