package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.index.SizeLimits;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
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
 * Provenance the index chose to serve for a file, but that cannot be provenance, is a trust failure (exit 1:
 * {@code attestation-invalid} for {@code verify}, the invalid-provenance refusal for {@code lock}); only transport
 * failures are exit 3 ("nothing decided"). Each case runs through both commands, in-process, against the loopback
 * index and the test Sigstore.
 */
class HostileProvenanceTest {
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
        deleteTree(world.cache);
    }

    private static void deleteTree(Path root) throws IOException {
        if (java.nio.file.Files.exists(root)) {
            try (var paths = java.nio.file.Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
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
        assertThat(r.stderr()).as(r.toString()).contains("error: widget 1.0.0: the provenance of " + WHEEL
                + " does not verify\n");
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
