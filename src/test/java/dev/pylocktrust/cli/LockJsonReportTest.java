package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lock --format json}: validates against {@code schema/pylock-trust.lock-2.schema.json} and says what changed. */
class LockJsonReportTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonSchema schema() throws Exception {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("schema/pylock-trust.lock-2.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static JsonNode valid(JsonSchema schema, CliRunner.Result r) throws Exception {
        JsonNode json = M.readTree(r.stdout());
        assertThat(schema.validate(json)).as(r.stdout()).isEmpty();
        return json;
    }

    @Test
    void firstLockUpgradeRefusalAndAcceptanceAreReported() throws Exception {
        JsonSchema schema = schema();
        Path out = dir.resolve("pylock.toml");
        try (LockScenario s = new LockScenario(dir)) {
            JsonNode first = valid(schema, s.lock(out, "widget==1.0.0", "plain==1.0", "--format", "json"));
            assertThat(first.path("written").asBoolean()).isTrue();
            assertThat(first.path("previous").isNull()).isTrue();
            JsonNode widget = first.path("packages").get(1);
            assertThat(widget.path("name").asText()).isEqualTo("widget");
            assertThat(widget.path("change").asText()).isEqualTo("added");
            assertThat(widget.path("identity_status").asText()).isEqualTo("first-use");
            assertThat(widget.path("files").path("attested").asInt()).isEqualTo(2);
            assertThat(widget.path("identities").get(0).path("repository").asText()).isEqualTo("acme/widget");
            assertThat(first.path("packages").get(0).path("identity_status").asText()).isEqualTo("unattested");
            assertThat(first.path("packages").get(0).path("files").path("unattested").asInt()).isEqualTo(2);

            CliRunner.Result refused = s.lock(out, "widget==3.0.0", "--format", "json");
            assertThat(refused.exitCode()).isEqualTo(1);
            JsonNode r = valid(schema, refused);
            assertThat(r.path("refused").asBoolean()).isTrue();
            assertThat(r.path("written").asBoolean()).isFalse();
            assertThat(r.path("previous").asText()).isEqualTo(out.toString());
            assertThat(r.path("removed").get(0).path("name").asText()).isEqualTo("plain");
            JsonNode failure = r.path("findings").get(0);
            assertThat(failure.path("severity").asText()).isEqualTo("error");
            assertThat(failure.path("code").asText()).isEqualTo("identity-changed");
            assertThat(failure.path("location").path("path").asText()).isEqualTo(out.toString());
            assertThat(r.path("packages").get(0).path("previous_version").asText()).isEqualTo("1.0.0");
            assertThat(r.path("packages").get(0).path("change").asText()).isEqualTo("upgraded");

            JsonNode accepted = valid(schema, s.lock(out, "widget==3.0.0", "--format", "json",
                    "--accept-identity-change", "widget", "--reason", "checked"));
            assertThat(accepted.path("packages").get(0).path("identity_status").asText())
                    .isEqualTo("changed-approved");
            assertThat(accepted.path("findings").get(0).path("code").asText()).isEqualTo("identity-change-approved");
        }
    }
}
