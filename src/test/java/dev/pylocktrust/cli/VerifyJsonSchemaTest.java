package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.pylocktrust.policy.FindingCode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --format json} output validates against {@code schema/verify-report.schema.json}. */
class VerifyJsonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;
    private static JsonNode schemaJson;

    @TempDir
    Path tmp;

    VerifyWorld world;

    @BeforeAll
    static void loadSchema() throws Exception {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("schema/verify-report.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
        schemaJson = JSON.readTree(Path.of("schema/verify-report.schema.json").toFile());
    }

    @BeforeEach
    void setUp() throws Exception {
        world = VerifyWorld.start(tmp);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private JsonNode validated(int exit, String... args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--format", "json"));
        var r = world.verify(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        JsonNode json = JSON.readTree(r.stdout());
        assertThat(schema.validate(json)).as(r.stdout()).isEmpty();
        return json;
    }

    @Test
    void passedFailedIncompleteAndCurrentOutputsMatchTheSchema() throws Exception {
        // Caches the pages and one file per package; the offline run then misses the other files.
        validated(0, "--environment", "current", "--python-version", "3.12", "--platform", "win_amd64", "--extra",
                "speed", "--group", "dev");
        JsonNode incomplete = validated(3, "--offline");
        assertThat(incomplete.path("result").asText()).isEqualTo("incomplete");
        JsonNode passed = validated(0);
        assertThat(passed.path("result").asText()).isEqualTo("passed");
        world.change("widget", "widget-1.0.0-py3-none-any.whl", f -> f.withProvenance(null));
        JsonNode failed = validated(1, "--require-attestations");
        assertThat(failed.path("result").asText()).isEqualTo("failed");
        assertThat(failed.path("summary").path("failures").asInt()).isEqualTo(3);
    }

    @Test
    void theSchemaRejectsOutputThatBreaksTheContract() throws Exception {
        ObjectNode json = (ObjectNode) validated(0);
        ((ObjectNode) json.path("summary")).put("failures", 1);
        assertThat(schema.validate(json)).as("passed with failures").isNotEmpty();
        ((ObjectNode) json.path("summary")).put("failures", 0);
        ObjectNode file = (ObjectNode) json.path("packages").get(0).path("files").get(0);
        file.put("status", "attested").putArray("identities");
        assertThat(schema.validate(json)).as("attested without an identity").isNotEmpty();
        json.remove("packages");
        assertThat(schema.validate(json)).isNotEmpty();
    }
}
