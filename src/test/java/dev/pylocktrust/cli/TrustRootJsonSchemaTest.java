package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.trust.LoopbackTuf;
import dev.pylocktrust.trust.SigstoreTufRepository;
import dev.pylocktrust.trust.TestTufRepository;
import dev.pylocktrust.trust.TufForgery;
import dev.pylocktrust.trust.TufRepositorySpec;
import dev.pylocktrust.trust.TufServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trust-root show|update --format json} validates against {@code schema/pylock-trust.trust-root-1.schema.json}. */
class TrustRootJsonSchemaTest {
    private static JsonSchema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws Exception {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("schema/pylock-trust.trust-root-1.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static JsonNode valid(CliRunner.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(schema.validate(json)).as(r.stdout()).isEmpty();
        return json;
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
        var json = (ObjectNode) new ObjectMapper().readTree(CliRunner.run("trust-root", "show", "--format", "json")
                .stdout());
        json.put("source", "somewhere");
        assertThat(schema.validate(json)).isNotEmpty();
        json.put("source", "embedded").put("sha256", "abc");
        assertThat(schema.validate(json)).isNotEmpty();
        json.put("sha256", "0".repeat(64));
        ((ObjectNode) json.path("transparency_logs").get(0)).put("status", "maybe");
        assertThat(schema.validate(json)).isNotEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
