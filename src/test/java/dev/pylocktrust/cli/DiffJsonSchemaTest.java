package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code diff --format json} validates against {@code schema/diff-report.schema.json}: every golden JSON output
 * (which {@link DiffGoldenTest} proves is what the command prints), every finding code the schema lists appears in
 * at least one of them, and output that breaks the contract is rejected.
 */
class DiffJsonSchemaTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("schema/diff-report.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    static Stream<String> cases() throws IOException {
        return DiffGoldenTest.cases();
    }

    private static JsonNode golden(String name) throws IOException {
        return M.readTree(DiffGoldenTest.DIR.resolve(name).resolve("json.json").toFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenOutputMatchesTheSchema(String name) throws IOException {
        JsonNode json = golden(name);
        assertThat(schema.validate(json)).as(name).isEmpty();
    }

    @Test
    void everyFindingCodeOfTheSchemaIsExercised() throws IOException {
        JsonNode schemaJson = M.readTree(Path.of("schema/diff-report.schema.json").toFile());
        TreeSet<String> codes = new TreeSet<>();
        schemaJson.at("/$defs/finding/properties/code/enum").forEach(c -> codes.add(c.asText()));
        TreeSet<String> seen = new TreeSet<>();
        for (String name : cases().toList()) {
            golden(name).path("findings").forEach(f -> seen.add(f.path("code").asText()));
        }
        assertThat(seen).isEqualTo(codes);
    }

    @Test
    void theSchemaRejectsOutputThatBreaksTheContract() throws IOException {
        ObjectNode json = (ObjectNode) golden("takeover");
        ObjectNode identity = (ObjectNode) json.path("findings").get(0);
        assertThat(identity.path("code").asText()).isEqualTo("identity-changed");
        identity.put("severity", "notice");
        assertThat(schema.validate(json)).as("an identity change is always an error").isNotEmpty();
        identity.put("severity", "error");
        ((ObjectNode) identity.path("data")).remove("approved");
        assertThat(schema.validate(json)).as("an identity change says whether it is approved").isNotEmpty();
        json = (ObjectNode) golden("takeover");
        json.remove("failed");
        assertThat(schema.validate(json)).isNotEmpty();
        json = (ObjectNode) golden("takeover");
        ((ObjectNode) json.path("findings").get(0)).putArray("links").addObject().put("text", "x")
                .put("url", "javascript:alert(1)");
        assertThat(schema.validate(json)).as("links are https only").isNotEmpty();
    }
}
