package dev.pylocktrust.testkit;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

/**
 * One minted PEP 740 attestation and the single-bundle provenance PyPI would serve for it.
 *
 * @param attestationJson the Attestation object (PyPI's JSON shape, compact UTF-8)
 * @param provenanceJson {@code {"version":1,"attestation_bundles":[{"publisher":...,"attestations":[this]}]}} with
 *     the publisher of the request's identity
 * @param logIndex the transparency log's global index of the entry
 * @param integratedTime the entry's integrated time (whole seconds)
 * @param leafCertificate the signing certificate
 * @param statementJson the in-toto statement bytes the envelope carries
 * @param request what was asked for (identity, faults, ...)
 */
public record Minted(
        byte[] attestationJson,
        byte[] provenanceJson,
        long logIndex,
        Instant integratedTime,
        X509Certificate leafCertificate,
        byte[] statementJson,
        MintRequest request) {

    public Minted {
        attestationJson = attestationJson.clone();
        provenanceJson = provenanceJson.clone();
        statementJson = statementJson.clone();
    }

    @Override
    public byte[] attestationJson() {
        return attestationJson.clone();
    }

    @Override
    public byte[] provenanceJson() {
        return provenanceJson.clone();
    }

    @Override
    public byte[] statementJson() {
        return statementJson.clone();
    }

    public String attestationJsonString() {
        return new String(attestationJson, StandardCharsets.UTF_8);
    }

    public String provenanceJsonString() {
        return new String(provenanceJson, StandardCharsets.UTF_8);
    }

    /** The publisher PyPI would assert for the signing identity (see {@link TestIdentity#publisher()}). */
    public Map<String, String> publisher() {
        return request.identity().publisher();
    }

    /** The distribution filename this attestation was minted for. */
    public String filename() {
        return request.filename();
    }
}
