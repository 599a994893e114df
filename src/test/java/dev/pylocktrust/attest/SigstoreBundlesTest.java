package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundle handed to sigstore-java carries the attestation's parts unchanged (the entry spliced in verbatim). */
class SigstoreBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pypi_attestations-0.0.19.tar.gz.publish.attestation.json",
            "rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json"})
    void bundleJsonCarriesTheEntryCertificateAndEnvelopeUnchanged(String name) throws Exception {
        Attestation a = Fixtures.attestation(name);
        JsonNode bundle = Json.MAPPER.readTree(SigstoreBundles.toBundleJson(a));

        assertThat(bundle.path("mediaType").textValue()).isEqualTo(SigstoreBundles.MEDIA_TYPE);
        JsonNode entries = bundle.path("verificationMaterial").path("tlogEntries");
        assertThat(entries.size()).isEqualTo(1);
        TransparencyEntry entry = a.verificationMaterial().transparencyEntries().get(0);
        assertThat(entries.get(0)).isEqualTo(Json.MAPPER.readTree(entry.json()));
        assertThat(Base64.getDecoder().decode(bundle.path("verificationMaterial").path("certificate")
                .path("rawBytes").textValue())).isEqualTo(a.verificationMaterial().certificate());
        assertThat(Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").textValue()))
                .isEqualTo(a.envelope().statement());
        assertThat(bundle.path("dsseEnvelope").path("payloadType").textValue()).isEqualTo(Envelope.PAYLOAD_TYPE);
        JsonNode sigs = bundle.path("dsseEnvelope").path("signatures");
        assertThat(sigs.size()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(sigs.get(0).path("sig").textValue()))
                .isEqualTo(a.envelope().signature());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pypi_attestations-0.0.19.tar.gz.publish.attestation.json"})
    void sigstoreJavaParsesTheBundleWithTheSameLogEntry(String name) throws Exception {
        Attestation a = Fixtures.attestation(name);
        TransparencyEntry entry = a.verificationMaterial().transparencyEntries().get(0);

        var parsed = SigstoreBundles.toBundle(a);

        assertThat(parsed.getEntries()).hasSize(1);
        assertThat(parsed.getEntries().get(0).getLogIndex()).isEqualTo(entry.logIndex().orElseThrow());
        assertThat(parsed.getEntries().get(0).getIntegratedTime()).isEqualTo(entry.integratedTime().orElseThrow());
    }
}
