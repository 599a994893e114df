package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.testkit.SchemaCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;
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
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/diff-report.schema.json");

    static Stream<String> cases() throws IOException {
        return DiffGoldenTest.cases();
    }

    private static JsonNode golden(String name) throws IOException {
        return M.readTree(DiffGoldenTest.DIR.resolve(name).resolve("json.json").toFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenOutputMatchesTheSchema(String name) throws IOException {
        SCHEMA.valid(golden(name));
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
        JsonNode takeover = golden("takeover");
        assertThat(takeover.at("/findings/0/code").asText()).isEqualTo("identity-changed");
        assertThat(SCHEMA.rejections(takeover, j -> ((ObjectNode) j.at("/findings/0")).put("severity", "notice")))
                .as("an identity change is always an error").containsExactly("const at #/findings/0/severity");
        assertThat(SCHEMA.rejections(takeover, j -> ((ObjectNode) j.at("/findings/0/data")).remove("approved")))
                .as("an identity change says whether it is approved")
                .containsExactly("required at #/findings/0/data (approved)");
        assertThat(SCHEMA.rejections(takeover, j -> j.remove("failed")))
                .as("a report without its outcome (the error branch of the oneOf fails too)")
                .containsExactly("maxProperties at #", "oneOf at #", "required at # (error)",
                        "required at # (failed)");
        assertThat(SCHEMA.rejections(takeover, j -> ((ObjectNode) j.at("/findings/0")).putArray("links").addObject()
                .put("text", "x").put("url", "javascript:alert(1)")))
                .as("links are https only").containsExactly("pattern at #/findings/0/links/0/url");
    }
}
