package dev.pylocktrust.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import java.io.StringReader;
import java.util.Base64;

/**
 * Re-shapes a PEP 740 attestation into a Sigstore bundle v0.3 (the mapping pypi-attestations' {@code to_bundle}
 * defines): the certificate becomes {@code verificationMaterial.certificate.rawBytes}, the transparency entry goes
 * in as it is, RFC 3161 tokens go to {@code timestampVerificationData}, and the statement and signature become a DSSE
 * envelope with payload type {@code application/vnd.in-toto+json}.
 */
final class SigstoreBundles {
    static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    private SigstoreBundles() {}

    /** The bundle JSON for one attestation, using only its first transparency entry. */
    static String toBundleJson(Attestation attestation) {
        VerificationMaterial vm = attestation.verificationMaterial();
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode bundle = Json.MAPPER.createObjectNode();
        bundle.put("mediaType", MEDIA_TYPE);
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("certificate").put("rawBytes", b64.encodeToString(vm.certificate()));
        ArrayNode entries = material.putArray("tlogEntries");
        entries.add(vm.transparencyEntries().get(0).node());
        if (!vm.timestamps().isEmpty()) {
            ArrayNode ts = material.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
            for (byte[] t : vm.timestamps()) {
                ts.addObject().put("signedTimestamp", b64.encodeToString(t));
            }
        }
        ObjectNode dsse = bundle.putObject("dsseEnvelope");
        dsse.put("payload", b64.encodeToString(attestation.envelope().statement()));
        dsse.put("payloadType", Envelope.PAYLOAD_TYPE);
        dsse.putArray("signatures").addObject().put("sig", b64.encodeToString(attestation.envelope().signature()));
        try {
            return Json.MAPPER.writeValueAsString(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing a tree this class built", e);
        }
    }

    /**
     * Parses the bundle with sigstore-java.
     *
     * @throws BundleParseException or an unchecked exception from sigstore-java (both mean: not a usable bundle)
     */
    static Bundle toBundle(Attestation attestation) throws BundleParseException {
        return Bundle.from(new StringReader(toBundleJson(attestation)));
    }
}
