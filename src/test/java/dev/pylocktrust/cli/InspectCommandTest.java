package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pylock-trust inspect} through the real command line (in-process): stdout, stderr and exit codes. */
class InspectCommandTest {
    private static final String F = "src/test/resources/fixtures/";
    private static final String PROV = F + "provenance/pypi_attestations-0.0.19.tar.gz.provenance.json";
    private static final String DIST = F + "dists/pypi_attestations-0.0.19.tar.gz";
    private static final String SHA = "9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3";

    @Test
    void verifiedProvenancePrintsTheIdentityAndExitsZero() {
        var r = CliRunner.run("inspect", PROV, "--dist", DIST);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).contains("bundle 1, attestation 1: VERIFIED\n")
                .contains("  publisher:       GitHub trailofbits/pypi-attestations (release.yml) (as the index asserts "
                        + "it)\n")
                .contains("  repository:      https://github.com/trailofbits/pypi-attestations (id 772247423)\n")
                .contains("  log entry:       index 153454663, integrated 2024-12-04T23:14:01Z\n")
                .endsWith("result: VERIFIED, 1 of 1 attestation verified\n");
    }

    @Test
    void nameAndDigestInsteadOfTheFile() {
        var r = CliRunner.run("inspect", PROV, "--filename", "pypi_attestations-0.0.19.tar.gz", "--sha256", SHA);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("distribution:  pypi_attestations-0.0.19.tar.gz sha256 " + SHA);
    }

    @Test
    void withoutADistributionItSaysSoAndStillVerifiesTheSignature() {
        var r = CliRunner.run("inspect", PROV);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("distribution:  NOT CHECKED").endsWith("(distribution not checked)\n");
        assertThat(r.stderr()).startsWith("warning: the distribution itself was not checked");
    }

    @Test
    void bareAttestationHasNoPublisher() {
        var r = CliRunner.run("inspect", F + "attestations/rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json",
                "--trusted-root", F + "trust/staging.trusted_root.json", "--dist",
                F + "dists/rfc8785-0.1.2-py3-none-any.whl");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("  publisher:       no publisher asserted")
                .contains("  signed by:       william@yossarian.net (e-mail)\n")
                .contains("  issuer:          https://github.com/login/oauth\n");
    }

    @Test
    void wrongDistributionExitsOneWithTheReasonOnStderr() {
        var r = CliRunner.run("inspect", PROV, "--filename", "pypi_attestations-0.0.19.tar.gz", "--sha256",
                "0".repeat(64));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("bundle 1, attestation 1: REJECTED (sha256 differs)");
        assertThat(r.stderr()).isEqualTo("error: " + PROV + ": bundle 1, attestation 1 rejected (sha256 differs): "
                + "the statement's subject has sha256 " + SHA + ", but the distribution "
                + "pypi_attestations-0.0.19.tar.gz has sha256 " + "0".repeat(64) + "\n");
    }

    @Test
    void tamperedPublisherExitsOne(@TempDir Path dir) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode p = (ObjectNode) m.readTree(Files.readAllBytes(Path.of(PROV)));
        ((ObjectNode) p.path("attestation_bundles").get(0).get("publisher")).put("repository", "evil/fork");
        Path f = dir.resolve("p.json");
        Files.write(f, m.writeValueAsBytes(p));
        var r = CliRunner.run("inspect", f.toString(), "--dist", DIST);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("rejected (signer is not the asserted publisher): the certificate does not "
                + "match the publisher GitHub evil/fork (release.yml): certificate source repository URI is "
                + "https://github.com/trailofbits/pypi-attestations, expected https://github.com/evil/fork");
    }

    @Test
    void jsonOutputIsStable() throws Exception {
        var r = CliRunner.run("inspect", PROV, "--dist", DIST, "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertThat(j.path("schema").asText()).isEqualTo("pylock-trust.inspect/2");
        assertThat(j.path("document").asText()).isEqualTo("provenance");
        assertThat(j.path("verified").asBoolean()).isTrue();
        assertThat(j.path("distribution").path("checked").asBoolean()).isTrue();
        assertThat(j.path("trusted_root").path("snapshot_date").asText()).isEqualTo("2026-08-21T19:25:56Z");
        JsonNode a = j.path("attestations").get(0);
        // One numbering: the text's "bundle 1, attestation 1" is bundle 1, index 1 here.
        assertThat(a.path("bundle").asInt()).isEqualTo(1);
        assertThat(a.path("index").asInt()).isEqualTo(1);
        assertThat(a.path("verdict").asText()).isEqualTo("verified");
        assertThat(a.path("publisher").path("kind").asText()).isEqualTo("GitHub");
        assertThat(a.path("identity").path("certified").toString()).isEqualTo("[\"kind\",\"repository\",\"workflow\"]");
        assertThat(a.path("identity").path("repository_id").asText()).isEqualTo("772247423");
        assertThat(a.path("claims").path("source_repository_ref").asText()).isEqualTo("refs/tags/v0.0.19");
        assertThat(a.path("transparency_log").path("log_index").asLong()).isEqualTo(153454663L);
    }

    @Test
    void jsonRejection() throws Exception {
        var r = CliRunner.run("inspect", F + "attestations/rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json",
                "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode a = new ObjectMapper().readTree(r.stdout()).path("attestations").get(0);
        assertThat(a.path("verdict").asText()).isEqualTo("rejected");
        assertThat(a.path("reason").asText()).isEqualTo("certificate_chain");
        assertThat(a.has("claims")).as("nothing signed is shown for a rejected attestation").isFalse();
        assertThat(r.stderr()).contains("hint: to verify an attestation signed by another Sigstore instance");
    }

    @Test
    void malformedFileExitsTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"version\": 1, \"attestation_bundles\": [");
        var r = CliRunner.run("inspect", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("error: " + f + ": document is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void legacyFileExitsTwo() {
        String legacy = F + "legacy/rfc8785-0.0.2-py3-none-any.whl.legacy-message_signature.json";
        var r = CliRunner.run("inspect", legacy);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + legacy + ": document is a pre-standard pypi-attestation-models "
                + "object");
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(CliRunner.run("inspect").exitCode()).isEqualTo(2);
        var both = CliRunner.run("inspect", PROV, "--dist", DIST, "--filename", "x.tar.gz", "--sha256", SHA);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).contains("mutually exclusive");
        var half = CliRunner.run("inspect", PROV, "--filename", "x-1.0.tar.gz");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.stderr()).contains("--sha256");
        var badSha = CliRunner.run("inspect", PROV, "--filename", "x-1.0.tar.gz", "--sha256", "abc");
        assertThat(badSha.exitCode()).isEqualTo(2);
        assertThat(badSha.stderr()).startsWith("error: invalid --filename/--sha256: sha256 must be 64 hex digits, got "
                + "'abc'");
        var missing = CliRunner.run("inspect", "does-not-exist.json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("error: cannot read does-not-exist.json: no such file");
        var badRoot = CliRunner.run("inspect", PROV, "--trusted-root", "nope.json");
        assertThat(badRoot.exitCode()).isEqualTo(2);
        assertThat(badRoot.stderr()).startsWith("error: cannot read trusted root nope.json");
    }

    @Test
    void quietPrintsNothingOnSuccess() {
        var r = CliRunner.run("inspect", "-q", PROV, "--dist", DIST);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void helpTeachesWithExamples() {
        var r = CliRunner.run("inspect", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("Examples:").contains("--dist pypi_attestations-0.0.19.tar.gz")
                .contains("Exit codes:").contains("--trusted-root=FILE");
    }
}
