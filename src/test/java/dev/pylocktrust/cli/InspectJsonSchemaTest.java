package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SchemaValidatorsConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code inspect --format json} output validates against the published schema in {@code schema/}. */
class InspectJsonSchemaTest {
    private static final String F = "src/test/resources/fixtures/";
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("schema/pylock-trust.inspect-2.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

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
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(schema.validate(json)).as(r.stdout()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theSchemaRejectsOutputThatBreaksTheContract() throws Exception {
        var r = CliRunner.run("inspect", "--format", "json", F + "provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(r.stdout());
        var attestation = (com.fasterxml.jackson.databind.node.ObjectNode) json.path("attestations").get(0);
        attestation.put("verdict", "rejected").put("reason", "signature").put("message", "x");
        assertThat(schema.validate(json)).as("a rejected attestation must not carry signed claims").isNotEmpty();
        json.remove("verified");
        assertThat(schema.validate(json)).isNotEmpty();
    }
}
