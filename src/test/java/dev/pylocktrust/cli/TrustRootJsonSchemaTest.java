package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.testkit.SchemaCheck;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.trust.LoopbackTuf;
import dev.pylocktrust.trust.SigstoreTufRepository;
import dev.pylocktrust.trust.TestTufRepository;
import dev.pylocktrust.trust.TufForgery;
import dev.pylocktrust.trust.TufRepositorySpec;
import dev.pylocktrust.trust.TufServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trust-root show|update --format json} validates against {@code schema/pylock-trust.trust-root-1.schema.json}. */
class TrustRootJsonSchemaTest {
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/pylock-trust.trust-root-1.schema.json");

    @TempDir
    Path tmp;

    private static JsonNode valid(CliRunner.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return SCHEMA.valid(new ObjectMapper().readTree(r.stdout()));
    }

    @Test
    void embeddedFileAndTufOutputsMatchTheSchema() throws Exception {
        JsonNode embedded = valid(CliRunner.run("trust-root", "show", "--format", "json"));
        assertThat(embedded.path("source").asText()).isEqualTo("embedded");
        assertThat(embedded.path("age_seconds").asLong()).isPositive();

        JsonNode file = valid(CliRunner.run("trust-root", "show", "--format", "json", "--trusted-root",
                "src/test/resources/fixtures/trust/staging.trusted_root.json"));
        assertThat(file.path("source").asText()).isEqualTo("file");

        Instant now = Instant.now();
        var repo = TestTufRepository.create(TestSigstore.create(5, Clock.fixed(now, ZoneOffset.UTC))
                .trustedRootJson(), now);
        try (TufServer server = TufServer.serving(repo)) {
            Path bootstrap = Files.write(tmp.resolve("root.json"), repo.bootstrapRoot());
            String[] tuf = {"--trust-root-source", "tuf", "--tuf-url", server.url().toString(), "--tuf-root",
                bootstrap.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--format", "json"};
            JsonNode updated = valid(CliRunner.run(concat(new String[] {"trust-root", "update"}, tuf)));
            assertThat(updated.path("source").asText()).isEqualTo("tuf");
            assertThat(updated.path("tuf").path("targets_version").asInt()).isEqualTo(1);
            JsonNode cached = valid(CliRunner.run(concat(new String[] {"trust-root", "show"}, tuf)));
            assertThat(cached.path("source").asText()).isEqualTo("tuf-cache");
            assertThat(cached.path("cache_dir").asText()).startsWith(tmp.resolve("cache").toString());
        }
    }

    @Test
    void aCacheThatFailedVerificationIsNamedInValidOutput() throws Exception {
        Path dir = tmp.resolve("cache").resolve(SigstoreTufRepository.CACHE_SUBDIR)
                .resolve(TufRepositorySpec.sigstoreProduction().cacheKey());
        LoopbackTuf.write(dir.resolve("g-1-forged"), TufForgery.reviewersForgery(TestSigstore.create(6,
                Clock.systemUTC()).trustedRootJson()));
        Files.writeString(dir.resolve("g-1-forged").resolve("refresh.properties"), "refreshed-at=2026-01-01T00\\:00\\:00Z\n");
        Files.writeString(dir.resolve("current"), "g-1-forged\n");

        JsonNode shown = valid(CliRunner.run("trust-root", "show", "--offline", "--trust-root-source", "tuf",
                "--cache-dir", tmp.resolve("cache").toString(), "--format", "json"));

        assertThat(shown.path("source").asText()).isEqualTo("embedded");
        assertThat(shown.path("cache_ignored").asText()).isEqualTo("timestamp.json: not signed by enough trusted keys "
                + "(threshold 1, valid signatures 0)");
    }

    @Test
    void theSchemaRejectsOutputThatBreaksTheContract() throws Exception {
        JsonNode embedded = valid(CliRunner.run("trust-root", "show", "--format", "json"));
        assertThat(SCHEMA.rejections(embedded, j -> j.put("source", "somewhere")))
                .as("an unknown source").containsExactly("enum at #/source");
        assertThat(SCHEMA.rejections(embedded, j -> j.put("sha256", "abc")))
                .as("a digest that is not sha256 hex").containsExactly("pattern at #/sha256");
        assertThat(SCHEMA.rejections(embedded, j -> ((ObjectNode) j.at("/transparency_logs/0"))
                .put("status", "maybe")))
                .as("an unknown log status").containsExactly("enum at #/transparency_logs/0/status");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
