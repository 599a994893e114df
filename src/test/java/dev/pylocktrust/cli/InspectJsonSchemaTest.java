package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.testkit.SchemaCheck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code inspect --format json} output validates against the published schema in {@code schema/}. */
class InspectJsonSchemaTest {
    private static final String F = "src/test/resources/fixtures/";
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/pylock-trust.inspect-2.schema.json");

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("verified provenance", List.of(F + "provenance/pypi_attestations-0.0.19.tar.gz"
                        + ".provenance.json", "--dist", F + "dists/pypi_attestations-0.0.19.tar.gz"), 0),
                Arguments.of("two attestations, no distribution", List.of(F + "provenance/variants/pypi_attestations"
                        + "-0.0.19.tar.gz.publish+slsa.provenance.json"), 0),
                Arguments.of("rejected provenance", List.of(F + "provenance/pypi_attestations-0.0.19.tar.gz"
                        + ".provenance.json", "--filename", "pypi_attestations-0.0.19.tar.gz", "--sha256",
                        "0".repeat(64)), 1),
                Arguments.of("bare Rekor v2 attestation with a timestamp", List.of(F + "attestations/variants/"
                        + "pypi_attestations-0.0.19.tar.gz.publish.staging-rekor-v2+rfc3161-timestamp.attestation.json",
                        "--trusted-root", F + "trust/staging.trusted_root.json"), 0),
                Arguments.of("bare attestation rejected by the root", List.of(F + "attestations/"
                        + "rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json"), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void outputMatchesTheSchema(String name, List<String> args, int exit) throws Exception {
        String[] all = Stream.concat(Stream.of("inspect", "--format", "json"), args.stream()).toArray(String[]::new);
        var r = CliRunner.run(all);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        SCHEMA.valid(new ObjectMapper().readTree(r.stdout()));
    }

    @Test
    void theSchemaRejectsOutputThatBreaksTheContract() throws Exception {
        var r = CliRunner.run("inspect", "--format", "json", F + "provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json");
        JsonNode verified = new ObjectMapper().readTree(r.stdout());
        assertThat(SCHEMA.rejections(verified, j -> ((ObjectNode) j.at("/attestations/0")).put("verdict", "rejected")
                .put("reason", "signature").put("message", "x")))
                .as("a rejected attestation must not carry signed claims").containsExactly("not at #/attestations/0");
        assertThat(SCHEMA.rejections(verified, j -> ((ObjectNode) j.at("/attestations/0")).put("reason", "signature")))
                .as("a verified attestation has no rejection reason").containsExactly("const at #/attestations/0/reason");
        assertThat(SCHEMA.rejections(verified, j -> ((ObjectNode) j.path("distribution")).put("checked", true)))
                .as("a checked distribution names its file and digest")
                .containsExactly("required at #/distribution (filename)", "required at #/distribution (sha256)");
        assertThat(SCHEMA.rejections(verified, j -> j.remove("verified")))
                .as("a report without its verdict (the error branch of the oneOf fails too)")
                .containsExactly("maxProperties at #", "oneOf at #", "required at # (error)",
                        "required at # (verified)");
    }
}
