package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line tells time by the one clock it is given: no command reads the system clock itself. */
class CommandClockTest {
    private static final String STAGING = "src/test/resources/fixtures/trust/staging.trusted_root.json";

    private static List<String> logStatuses(Instant now) throws IOException {
        var r = CliRunner.run(PylockTrust.commandLine(Clock.fixed(now, ZoneOffset.UTC)), "trust-root", "show",
                "--trusted-root", STAGING, "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode log : new ObjectMapper().readTree(r.stdout()).path("transparency_logs")) {
            out.add(log.path("status").asText());
        }
        return out;
    }

    @Test
    void trustRootWindowsAreJudgedAtTheCommandLinesTime() throws IOException {
        List<String> before = logStatuses(Instant.parse("2000-01-01T00:00:00Z"));
        List<String> after = logStatuses(Instant.parse("2999-01-01T00:00:00Z"));

        assertThat(before).hasSize(5).containsOnly("not yet valid");
        assertThat(after).hasSize(5).doesNotContain("not yet valid").contains("expired");
    }
}
