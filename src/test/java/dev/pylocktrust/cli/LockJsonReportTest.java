package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.testkit.SchemaCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lock --format json}: validates against {@code schema/pylock-trust.lock-2.schema.json} and says what changed. */
class LockJsonReportTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/pylock-trust.lock-2.schema.json");

    private static JsonNode valid(CliRunner.Result r) throws Exception {
        return SCHEMA.valid(M.readTree(r.stdout()));
    }

    @Test
    void firstLockUpgradeRefusalAndAcceptanceAreReported() throws Exception {
        Path out = dir.resolve("pylock.toml");
        try (LockScenario s = new LockScenario(dir)) {
            JsonNode first = valid(s.lock(out, "widget==1.0.0", "plain==1.0", "--format", "json"));
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
            JsonNode r = valid(refused);
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

            JsonNode accepted = valid(s.lock(out, "widget==3.0.0", "--format", "json",
                    "--accept-identity-change", "widget", "--reason", "checked"));
            assertThat(accepted.path("packages").get(0).path("identity_status").asText())
                    .isEqualTo("changed-approved");
            assertThat(accepted.path("findings").get(0).path("code").asText()).isEqualTo("identity-change-approved");
        }
    }
}
