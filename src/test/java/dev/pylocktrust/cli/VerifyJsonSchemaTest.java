package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.testkit.SchemaCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --format json} output validates against {@code schema/verify-report.schema.json}. */
class VerifyJsonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/verify-report.schema.json");

    @TempDir
    Path tmp;

    VerifyWorld world;

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
        return SCHEMA.valid(json);
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
        JsonNode passed = validated(0);
        assertThat(SCHEMA.rejections(passed, j -> ((ObjectNode) j.path("summary")).put("failures", 1)))
                .as("passed with failures").containsExactly("const at #/summary/failures");
        assertThat(SCHEMA.rejections(passed, j -> j.put("result", "failed")))
                .as("failed without failures").containsExactly("minimum at #/summary/failures");
        assertThat(SCHEMA.rejections(passed, j -> ((ObjectNode) j.at("/packages/0/files/0"))
                .put("status", "attested").putArray("identities")))
                .as("attested without an identity").containsExactly("minItems at #/packages/0/files/0/identities");
        assertThat(SCHEMA.rejections(passed, j -> j.remove("packages")))
                .as("a report without its packages (the error branch of the oneOf fails too)")
                .containsExactly("maxProperties at #", "oneOf at #", "required at # (error)",
                        "required at # (packages)");
    }
}
