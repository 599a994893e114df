package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.ExitCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of provenance and attestation documents: shapes accepted, and every malformed shape named. */
class ParsingTest {
    private static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation.json";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void base64WithEmbeddedNewlinesIsTheSameAttestation() {
        Attestation wrapped = Fixtures.attestation("variants/sampleproject-3.0.0.tar.gz.publish.mime-wrapped-base64"
                + ".attestation.json");
        Attestation plain = Fixtures.attestation("sampleproject-3.0.0.tar.gz.publish.attestation.json");
        assertThat(Arrays.equals(wrapped.verificationMaterial().certificate(),
                plain.verificationMaterial().certificate())).isTrue();
        assertThat(wrapped.envelope()).isEqualTo(plain.envelope());
    }

    @Test
    void unknownKeysAndNullClaimsAreTolerated() {
        ObjectNode p = (ObjectNode) Tamper.ofBytes(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json")).json();
        p.put("future_key", 3);
        ObjectNode publisher = (ObjectNode) p.path("attestation_bundles").get(0).get("publisher");
        publisher.putNull("claims");
        publisher.put("new_field", "x");
        ((ObjectNode) p.path("attestation_bundles").get(0).path("attestations").get(0)).put("extension", true);
        Provenance parsed = Provenance.parse(Tamper.ofBytes(p.toString().getBytes(StandardCharsets.UTF_8)).bytes());
        Publisher pub = parsed.attestationBundles().get(0).publisher();
        assertThat(pub).isInstanceOf(GitHubPublisher.class);
        assertThat(pub.toIdentityTable()).containsEntry("new_field", "x").doesNotContainKey("claims");
    }

    @Test
    void environmentEmptyStringNullAndAbsentAreTheSame() {
        Provenance p = Fixtures.provenance("sampleproject-4.0.0.tar.gz.provenance.json");
        GitHubPublisher gh = (GitHubPublisher) p.attestationBundles().get(0).publisher();
        assertThat(gh.environment()).isEmpty();
        assertThat(gh.sameIdentity(GitHubPublisher.of("pypa/sampleproject", "release.yml", null))).isTrue();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"version\": 1, ", "attestation is not valid JSON: Unexpected end-of-input"),
                Arguments.of("[1]", "attestation must be a JSON object, found an array"),
                Arguments.of("{\"version\": 1, \"version\": 1}", "attestation is not valid JSON: Duplicate field "
                        + "'version'"),
                Arguments.of("{\"version\": 2, \"verification_material\": {}, \"envelope\": {}}",
                        "attestation.version must be the integer 1 (the only version PEP 740 defines), found 2"),
                Arguments.of("{\"version\": \"1\", \"verification_material\": {}, \"envelope\": {}}",
                        "attestation.version must be the integer 1 (the only version PEP 740 defines), found \"1\""),
                Arguments.of("{\"version\": 1, \"envelope\": {}}", "attestation: missing \"verification_material\""),
                Arguments.of("{}", "document is neither"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedDocumentsAreNamed(String json, String message) {
        if (message.startsWith("document")) {
            assertThatThrownBy(() -> AttestationDocument.parse(utf8(json)))
                    .isInstanceOf(MalformedAttestationException.class).hasMessageStartingWith(message);
        } else {
            assertThatThrownBy(() -> Attestation.parse(utf8(json)))
                    .isInstanceOf(MalformedAttestationException.class).hasMessageStartingWith(message);
        }
    }

    @Test
    void wrongProvenanceVersion() {
        ObjectNode p = (ObjectNode) Tamper.ofBytes(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json")).json();
        p.put("version", 2);
        assertThatThrownBy(() -> Provenance.parse(utf8(p.toString())))
                .isInstanceOf(MalformedAttestationException.class)
                .hasMessage("provenance.version must be the integer 1 (the only version PEP 740 defines), found 2");
    }

    @Test
    void wrongAttestationVersionInsideAProvenanceNamesItsPath() {
        ObjectNode p = (ObjectNode) Tamper.ofBytes(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json")).json();
        ((ObjectNode) p.path("attestation_bundles").get(0).path("attestations").get(0)).put("version", 0);
        assertThatThrownBy(() -> Provenance.parse(utf8(p.toString())))
                .hasMessage("provenance.attestation_bundles[0].attestations[0].version must be the integer 1 (the "
                        + "only version PEP 740 defines), found 0");
    }

    @Test
    void truncatedBase64() {
        byte[] json = Tamper.of(PUBLISH).edit(a -> {
            ObjectNode vm = (ObjectNode) a.get("verification_material");
            String cert = vm.get("certificate").asText();
            vm.put("certificate", cert.substring(0, cert.length() - 7));
        }).bytes();
        assertThatThrownBy(() -> Attestation.parse(json)).isInstanceOf(MalformedAttestationException.class)
                .hasMessageMatching("attestation\\.verification_material\\.certificate is not valid base64: \\d+ "
                        + "characters is not a multiple of 4 \\(truncated\\?\\)");
    }

    @Test
    void truncatedCertificateBytes() {
        byte[] json = Tamper.of(PUBLISH).edit(a -> {
            ObjectNode vm = (ObjectNode) a.get("verification_material");
            String cert = vm.get("certificate").asText();
            vm.put("certificate", cert.substring(0, cert.length() - 400));
        }).bytes();
        assertThatThrownBy(() -> Attestation.parse(json)).isInstanceOf(MalformedAttestationException.class)
                .hasMessageStartingWith("attestation.verification_material.certificate is not a DER X.509 "
                        + "certificate");
    }

    @Test
    void invalidBase64Alphabet() {
        byte[] json = Tamper.of(PUBLISH).edit(a -> ((ObjectNode) a.get("envelope")).put("signature", "MEUC*QD1"))
                .bytes();
        assertThatThrownBy(() -> Attestation.parse(json))
                .hasMessageStartingWith("attestation.envelope.signature is not valid base64: Illegal base64 "
                        + "character 2a");
    }

    @Test
    void emptyTransparencyEntries() {
        byte[] json = Tamper.of(PUBLISH).edit(a -> ((ObjectNode) a.get("verification_material"))
                .putArray("transparency_entries")).bytes();
        assertThatThrownBy(() -> Attestation.parse(json)).hasMessage("attestation.verification_material"
                + ".transparency_entries is empty: an attestation needs a transparency log entry");
    }

    @Test
    void oversizedDocument() {
        byte[] big = new byte[Json.MAX_DOCUMENT_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> Provenance.parse(big)).hasMessage("provenance is 4194305 bytes, more than the limit "
                + "of 4194304 bytes");
    }

    @Test
    void deeplyNestedJsonIsRejectedNotAStackOverflow() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertThatThrownBy(() -> Attestation.parse(utf8(deep))).isInstanceOf(MalformedAttestationException.class)
                .hasMessageContaining("nesting depth");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "rfc8785-0.0.2-py3-none-any.whl.legacy-message_signature.json",
        "rfc8785-0.1.2-py3-none-any.whl.legacy-message_signature.digest-of-payload.json",
        "rfc8785-0.1.2-py3-none-any.whl.legacy-message_signature.digest-of-wheel.json"})
    void legacyPreStandardObjectsAreNotAttestations(String file) {
        byte[] json = Fixtures.bytes("legacy/" + file);
        assertThatThrownBy(() -> Attestation.parse(json)).isInstanceOf(MalformedAttestationException.class)
                .hasMessage("attestation is a pre-standard pypi-attestation-models object (it has "
                        + "\"message_signature\" and no \"envelope\"): not a PEP 740 attestation, which signs an "
                        + "in-toto statement in a DSSE envelope");
        assertThatThrownBy(() -> AttestationDocument.parse(json)).hasMessageContaining("pre-standard");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "legacy/rfc8785-0.0.2-py3-none-any.whl.legacy.sigstore.json",
        "legacy/rfc8785-0.1.2-py3-none-any.whl.legacy.digest-of-payload.sigstore.json",
        "legacy/rfc8785-0.1.2-py3-none-any.whl.legacy.digest-of-wheel.sigstore.json",
        "bundles/pypi_attestation_models-0.0.4a2.tar.gz.publish.sigstore.json"})
    void sigstoreBundlesAreNotAttestations(String file) {
        assertThatThrownBy(() -> AttestationDocument.parse(Fixtures.bytes(file)))
                .isInstanceOf(MalformedAttestationException.class)
                .hasMessageContaining("is a Sigstore bundle (application/vnd.dev.sigstore.bundle")
                .hasMessageEndingWith("not a PEP 740 attestation or provenance object");
    }

    @Test
    void documentDetectsBothShapes() {
        assertThat(AttestationDocument.parse(Fixtures.bytes("attestations/" + PUBLISH)))
                .isInstanceOf(AttestationDocument.OfAttestation.class);
        assertThat(AttestationDocument.parse(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json"))).isInstanceOf(AttestationDocument.OfProvenance.class);
    }

    @Test
    void malformedIsATrustFailureUnlessTheUserGaveTheFile() {
        var e = new MalformedAttestationException("attestation: missing \"envelope\"");
        assertThat(e.exitCode()).isEqualTo(ExitCode.TRUST_FAILURE);
        var usage = e.asUsageError("x.json");
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.getMessage()).isEqualTo("x.json: attestation: missing \"envelope\"");
    }

    @Test
    void publisherWithoutKindIsMalformed() {
        ObjectNode p = (ObjectNode) Tamper.ofBytes(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json")).json();
        ((ObjectNode) p.path("attestation_bundles").get(0).get("publisher")).remove("kind");
        assertThatThrownBy(() -> Provenance.parse(utf8(p.toString())))
                .hasMessage("provenance.attestation_bundles[0].publisher: missing \"kind\" (a string naming the "
                        + "publisher type)");
    }

    @Test
    void gitHubPublisherWithAPathAsWorkflowIsMalformed() {
        ObjectNode p = (ObjectNode) Tamper.ofBytes(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz"
                + ".provenance.json")).json();
        ((ObjectNode) p.path("attestation_bundles").get(0).get("publisher")).put("workflow",
                "release.yml@refs/heads/main");
        assertThatThrownBy(() -> Provenance.parse(utf8(p.toString())))
                .hasMessageStartingWith("provenance.attestation_bundles[0].publisher: invalid \"workflow\" "
                        + "'release.yml@refs/heads/main'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "true", "{}", "[\"pypi\"]"})
    void publisherIdentityValuesMustBeStrings(String environment) {
        // Found by the mutation suite: {"environment": 0} became the index-asserted environment "0".
        String json = new String(Fixtures.bytes("provenance/pypi_attestations-0.0.19.tar.gz.provenance.json"),
                StandardCharsets.UTF_8).replace("\"environment\":null", "\"environment\":" + environment);
        assertThatThrownBy(() -> Provenance.parse(utf8(json)))
                .isInstanceOf(MalformedAttestationException.class)
                .hasMessageStartingWith("provenance.attestation_bundles[0].publisher.environment must be a string, found ");
    }

    @Test
    void aNumberOutOfRangeIsMalformed() {
        // Found by ProvenanceFuzzTest (crash-eacbe002...): Jackson's NumberFormatException escaped the parser.
        assertThatThrownBy(() -> AttestationDocument.parse(utf8("{\"version\": 1E1111111111111}")))
                .isInstanceOf(MalformedAttestationException.class)
                .hasMessage("document is not valid JSON: a number is out of range");
        assertThatThrownBy(() -> Provenance.parse(utf8("{\"version\": 1, \"x\": -1e-99999999999999}")))
                .isInstanceOf(MalformedAttestationException.class)
                .hasMessage("provenance is not valid JSON: a number is out of range");
    }
}
