package dev.pylocktrust.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of a PEP 740 attestation, byte-for-byte in the shapes PyPI serves: the in-toto statement, the
 * DSSE pre-authentication encoding, the Rekor {@code dsse} 0.0.1 entry body, the Attestation object with its
 * protobuf-JSON transparency entry (camelCase, 64-bit integers as strings, bytes as base64), and the Provenance object.
 */
final class AttestationDocuments {

    static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
    static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

    /** Shared, never reconfigured after construction (ObjectMapper is thread-safe once configured). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttestationDocuments() {}

    /** Compact statement JSON with keys in the order pypi-attestations writes them. */
    static byte[] statement(List<MintRequest.Subject> subjects, String predicateType, JsonNode predicate) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("_type", STATEMENT_TYPE);
        ArrayNode subjectArray = statement.putArray("subject");
        for (MintRequest.Subject subject : subjects) {
            ObjectNode node = subjectArray.addObject();
            node.put("name", subject.name());
            node.putObject("digest").put("sha256", subject.sha256Hex());
        }
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate == null ? NullNode.getInstance() : predicate);
        return bytes(statement);
    }

    /**
     * A small SLSA v1 predicate built from the certificate claims (GitHub's build type for GitHub identities, a
     * testkit build type otherwise). PyPI does not interpret predicates; this only has to be plausible.
     */
    static JsonNode slsaPredicate(FulcioClaims claims) {
        Map<Integer, String> c = claims.derUtf8();
        boolean github = GitHubIdentity.ISSUER.equals(claims.issuer());
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", github ? "https://actions.github.io/buildtypes/workflow/v1"
                : "https://pylock-trust.test/testkit/buildtypes/ci/v1");
        ObjectNode external = definition.putObject("externalParameters");
        if (c.containsKey(FulcioClaims.BUILD_CONFIG_URI)) {
            ObjectNode workflow = external.putObject("workflow");
            workflow.put("ref", c.get(FulcioClaims.SOURCE_REPOSITORY_REF));
            workflow.put("repository", c.get(FulcioClaims.SOURCE_REPOSITORY_URI));
            workflow.put("config", c.get(FulcioClaims.BUILD_CONFIG_URI));
            ObjectNode internal = definition.putObject("internalParameters").putObject(github ? "github" : "ci");
            internal.put("event_name", c.get(FulcioClaims.BUILD_TRIGGER));
            internal.put("repository_id", c.get(FulcioClaims.SOURCE_REPOSITORY_IDENTIFIER));
            internal.put("repository_owner_id", c.get(FulcioClaims.SOURCE_REPOSITORY_OWNER_IDENTIFIER));
            internal.put("runner_environment", c.get(FulcioClaims.RUNNER_ENVIRONMENT));
            ObjectNode dependency = definition.putArray("resolvedDependencies").addObject();
            dependency.put("uri", "git+" + c.get(FulcioClaims.SOURCE_REPOSITORY_URI) + "@"
                    + c.get(FulcioClaims.SOURCE_REPOSITORY_REF));
            dependency.putObject("digest").put("gitCommit", c.get(FulcioClaims.SOURCE_REPOSITORY_DIGEST));
        } else {
            external.put("identity", claims.san());
        }
        ObjectNode runDetails = predicate.putObject("runDetails");
        runDetails.putObject("builder").put("id", c.getOrDefault(FulcioClaims.BUILD_SIGNER_URI, claims.issuer()));
        if (c.containsKey(FulcioClaims.RUN_INVOCATION_URI)) {
            runDetails.putObject("metadata").put("invocationId", c.get(FulcioClaims.RUN_INVOCATION_URI));
        }
        return predicate;
    }

    /** DSSE v1 PAE: {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths in bytes. */
    static byte[] pae(byte[] body) {
        byte[] header = ("DSSEv1 " + IN_TOTO_PAYLOAD_TYPE.length() + " " + IN_TOTO_PAYLOAD_TYPE + " " + body.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] pae = new byte[header.length + body.length];
        System.arraycopy(header, 0, pae, 0, header.length);
        System.arraycopy(body, 0, pae, header.length, body.length);
        return pae;
    }

    /**
     * The Rekor {@code dsse} 0.0.1 canonicalized body. {@code envelopeHash} is the SHA-256 of the compact envelope
     * JSON (no verifier recomputes it); {@code verifier} is the base64 of the PEM certificate, as Rekor stores it.
     */
    static byte[] rekorDsseBody(byte[] statement, byte[] signature, X509Certificate verifier) {
        String base64Signature = Base64.getEncoder().encodeToString(signature);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("payload", Base64.getEncoder().encodeToString(statement));
        envelope.put("payloadType", IN_TOTO_PAYLOAD_TYPE);
        envelope.putArray("signatures").addObject().put("sig", base64Signature);

        ObjectNode body = JSON.createObjectNode();
        body.put("apiVersion", "0.0.1");
        body.put("kind", "dsse");
        ObjectNode spec = body.putObject("spec");
        spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", sha256Hex(bytes(envelope)));
        spec.putObject("payloadHash").put("algorithm", "sha256").put("value", sha256Hex(statement));
        ObjectNode entry = spec.putArray("signatures").addObject();
        entry.put("signature", base64Signature);
        entry.put("verifier", Base64.getEncoder().encodeToString(pem(verifier).getBytes(StandardCharsets.US_ASCII)));
        return bytes(body);
    }

    /** The PEP 740 Attestation object with one transparency entry. */
    static ObjectNode attestation(X509Certificate leaf, TestRekor.LogEntry entry, byte[] statement, byte[] signature) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode attestation = JSON.createObjectNode();
        attestation.put("version", 1);
        ObjectNode material = attestation.putObject("verification_material");
        material.put("certificate", base64.encodeToString(encoded(leaf)));
        ObjectNode tlog = material.putArray("transparency_entries").addObject();
        tlog.put("logIndex", Long.toString(entry.logIndex()));
        tlog.putObject("logId").put("keyId", base64.encodeToString(entry.logId()));
        tlog.putObject("kindVersion").put("kind", "dsse").put("version", "0.0.1");
        tlog.put("integratedTime", Long.toString(entry.integratedTime()));
        tlog.putObject("inclusionPromise").put("signedEntryTimestamp", base64.encodeToString(entry.signedEntryTimestamp()));
        ObjectNode proof = tlog.putObject("inclusionProof");
        proof.put("logIndex", Long.toString(entry.treeIndex()));
        proof.put("rootHash", base64.encodeToString(entry.rootHash()));
        proof.put("treeSize", Long.toString(entry.treeSize()));
        ArrayNode hashes = proof.putArray("hashes");
        entry.proofHashes().forEach(hash -> hashes.add(base64.encodeToString(hash)));
        proof.putObject("checkpoint").put("envelope", entry.checkpoint());
        tlog.put("canonicalizedBody", base64.encodeToString(entry.body()));
        ObjectNode envelope = attestation.putObject("envelope");
        envelope.put("statement", base64.encodeToString(statement));
        envelope.put("signature", base64.encodeToString(signature));
        return attestation;
    }

    /** A Provenance object with one bundle: {@code publisher} (null values become JSON null) and the attestations. */
    static byte[] provenance(Map<String, String> publisher, List<byte[]> attestations) {
        return provenance(List.of(new Bundle(publisher, attestations)));
    }

    /** One attestation bundle: the publisher it asserts (values may be null) and its attestations. */
    record Bundle(Map<String, String> publisher, List<byte[]> attestations) {}

    /** A Provenance object with these bundles, in order. */
    static byte[] provenance(List<Bundle> bundles) {
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("version", 1);
        ArrayNode bundleArray = provenance.putArray("attestation_bundles");
        for (Bundle b : bundles) {
            ObjectNode bundle = bundleArray.addObject();
            ObjectNode publisherNode = bundle.putObject("publisher");
            b.publisher().forEach(publisherNode::put);
            ArrayNode array = bundle.putArray("attestations");
            for (byte[] attestation : b.attestations()) {
                array.add(parse(attestation));
            }
        }
        return bytes(provenance);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson failed to write a tree it built", e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    static String pem(X509Certificate certificate) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded(certificate))
                + "\n-----END CERTIFICATE-----\n";
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate the test CA built cannot be encoded", e);
        }
    }

    private static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(EcKey.sha256(data));
    }
}
