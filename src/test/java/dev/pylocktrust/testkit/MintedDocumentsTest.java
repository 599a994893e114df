package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The minted documents are what PyPI serves, and every signature in them verifies with plain JCA against the keys of
 * the trusted root: an independent check of the formats sigstore-java also accepts.
 */
class MintedDocumentsTest {

    private static final Clock CLOCK = TestSigstoreVerificationTest.CLOCK;
    private static final GitHubIdentity GITHUB = TestIdentity.github("octo-org/demo", "release.yml");
    private static final String SHA = "c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b";

    private TestSigstore sigstore;

    @BeforeEach
    void setUp() {
        sigstore = TestSigstore.create(3, CLOCK);
    }

    @Test
    void attestationHasExactlyTheShapeOfARealPypiAttestation() throws Exception {
        JsonNode real;
        try (InputStream in = getClass().getResourceAsStream(
                "/fixtures/attestations/sampleproject-4.0.0.tar.gz.publish.attestation.json")) {
            real = AttestationDocuments.parse(in.readAllBytes());
        }
        // The second entry, so that its inclusion proof has a hash (the first entry's tree has one leaf: no hashes).
        sigstore.mint(MintRequest.of("first-1.0.tar.gz", SHA, GITHUB));
        JsonNode ours = AttestationDocuments.parse(sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB)).attestationJson());
        assertThat(shape(ours)).isEqualTo(shape(real));
    }

    @Test
    void publishStatementIsCompactInTotoV1WithANullPredicate() {
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0-py3-none-any.whl", SHA, GITHUB));
        assertThat(new String(minted.statementJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"demo-1.0-py3-none-any.whl\","
                        + "\"digest\":{\"sha256\":\"" + SHA + "\"}}],"
                        + "\"predicateType\":\"https://docs.pypi.org/attestations/publish/v1\",\"predicate\":null}");
        JsonNode attestation = AttestationDocuments.parse(minted.attestationJson());
        assertThat(Base64.getDecoder().decode(attestation.at("/envelope/statement").asText())).isEqualTo(minted.statementJson());
        assertThat(attestation.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void dsseSignatureCoversThePaeOfTheStatementUnderTheLeafKey() throws Exception {
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        JsonNode attestation = AttestationDocuments.parse(minted.attestationJson());
        byte[] statement = minted.statementJson();
        byte[] pae = ("DSSEv1 28 application/vnd.in-toto+json " + statement.length + " "
                + new String(statement, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(attestation.at("/envelope/signature").asText());
        assertThat(verifies(minted.leafCertificate().getPublicKey(), pae, signature)).isTrue();
        assertThat(verifies(minted.leafCertificate().getPublicKey(), statement, signature)).isFalse();
    }

    @Test
    void logEntryBodyIsADsseEntryNamingThePayloadSignatureAndCertificate() throws Exception {
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        JsonNode attestation = AttestationDocuments.parse(minted.attestationJson());
        JsonNode entry = attestation.at("/verification_material/transparency_entries/0");
        JsonNode body = AttestationDocuments.parse(Base64.getDecoder().decode(entry.get("canonicalizedBody").asText()));
        assertThat(body.get("apiVersion").asText()).isEqualTo("0.0.1");
        assertThat(body.get("kind").asText()).isEqualTo("dsse");
        assertThat(entry.at("/kindVersion").toString()).isEqualTo("{\"kind\":\"dsse\",\"version\":\"0.0.1\"}");
        assertThat(body.at("/spec/payloadHash/algorithm").asText()).isEqualTo("sha256");
        assertThat(body.at("/spec/payloadHash/value").asText())
                .isEqualTo(HexFormat.of().formatHex(EcKey.sha256(minted.statementJson())));
        assertThat(body.at("/spec/signatures")).hasSize(1);
        assertThat(body.at("/spec/signatures/0/signature").asText()).isEqualTo(attestation.at("/envelope/signature").asText());
        String pem = new String(Base64.getDecoder().decode(body.at("/spec/signatures/0/verifier").asText()),
                StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(line -> !line.startsWith("-----")).allMatch(line -> line.length() <= 64)).isTrue();
        assertThat(pem).isEqualTo(AttestationDocuments.pem(minted.leafCertificate()));
    }

    @Test
    void signedEntryTimestampCoversTheCanonicalEntryUnderTheRekorKey() throws Exception {
        sigstore.mint(MintRequest.of("first-1.0.tar.gz", SHA, GITHUB));
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        JsonNode entry = AttestationDocuments.parse(minted.attestationJson()).at("/verification_material/transparency_entries/0");
        String logIdHex = HexFormat.of().formatHex(Base64.getDecoder().decode(entry.at("/logId/keyId").asText()));
        assertThat(logIdHex).isEqualTo(HexFormat.of().formatHex(EcKey.sha256(sigstore.rekorPublicKey().getEncoded())));
        String canonical = "{\"body\":\"" + entry.get("canonicalizedBody").asText() + "\",\"integratedTime\":"
                + entry.get("integratedTime").asText() + ",\"logID\":\"" + logIdHex + "\",\"logIndex\":"
                + entry.get("logIndex").asText() + "}";
        byte[] set = Base64.getDecoder().decode(entry.at("/inclusionPromise/signedEntryTimestamp").asText());
        assertThat(verifies(sigstore.rekorPublicKey(), canonical.getBytes(StandardCharsets.UTF_8), set)).isTrue();
        assertThat(entry.get("logIndex").asText()).isEqualTo("1");
        assertThat(minted.integratedTime()).isEqualTo(CLOCK.instant().plusSeconds(1));
        assertThat(entry.get("integratedTime").asText()).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond() + 1));
    }

    @Test
    void checkpointIsASignedNoteOfTheProofsRootByTheRekorHost() throws Exception {
        for (int i = 0; i < 4; i++) {
            sigstore.mint(MintRequest.of("x-" + i + ".tar.gz", SHA, GITHUB));
        }
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        JsonNode proof = AttestationDocuments.parse(minted.attestationJson())
                .at("/verification_material/transparency_entries/0/inclusionProof");
        assertThat(proof.get("logIndex").asText()).isEqualTo("4");
        assertThat(proof.get("treeSize").asText()).isEqualTo("5");
        assertThat(proof.get("hashes")).as("leaf 4 of 5: one sibling, the root of leaves 0-3").hasSize(1);
        String checkpoint = proof.at("/checkpoint/envelope").asText();
        Matcher note = Pattern.compile("(rekor\\.sigstore\\.test - [0-9]+\n5\n([A-Za-z0-9+/=]+)\n)\n"
                + "\u2014 rekor\\.sigstore\\.test ([A-Za-z0-9+/=]+)\n").matcher(checkpoint);
        assertThat(note.matches()).as(checkpoint).isTrue();
        assertThat(note.group(2)).isEqualTo(proof.get("rootHash").asText());
        byte[] hintAndSignature = Base64.getDecoder().decode(note.group(3));
        byte[] keyId = EcKey.sha256(sigstore.rekorPublicKey().getEncoded());
        assertThat(Arrays.copyOf(hintAndSignature, 4)).isEqualTo(Arrays.copyOf(keyId, 4));
        byte[] signature = Arrays.copyOfRange(hintAndSignature, 4, hintAndSignature.length);
        assertThat(verifies(sigstore.rekorPublicKey(), note.group(1).getBytes(StandardCharsets.UTF_8), signature)).isTrue();
    }

    @Test
    void embeddedSctIsFromTheTrustedCtLogAtIssuanceTime() {
        X509Certificate leaf = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB)).leafCertificate();
        byte[] list = ASN1OctetString.getInstance(ASN1OctetString.getInstance(
                leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).getOctets()).getOctets();
        ByteBuffer tls = ByteBuffer.wrap(list);
        assertThat(Short.toUnsignedInt(tls.getShort())).isEqualTo(list.length - 2);
        int sctLength = Short.toUnsignedInt(tls.getShort());
        assertThat(sctLength).isEqualTo(list.length - 4);
        assertThat(tls.get()).as("SCT v1").isZero();
        byte[] logId = new byte[32];
        tls.get(logId);
        assertThat(logId).isEqualTo(EcKey.sha256(sigstore.ctLogPublicKey().getEncoded()));
        assertThat(tls.getLong()).isEqualTo(CLOCK.instant().toEpochMilli());
        assertThat(tls.getShort()).as("no extensions").isZero();
        assertThat(new byte[] {tls.get(), tls.get()}).as("sha256, ecdsa").containsExactly(4, 3);
    }

    @Test
    void signedAtOverridesTheClockForOneMint() {
        Instant later = Instant.parse("2026-05-05T05:05:05.750Z");
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB).signedAt(later));
        assertThat(minted.leafCertificate().getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-05-05T05:05:05Z"));
        assertThat(minted.integratedTime()).isEqualTo(Instant.parse("2026-05-05T05:05:06Z"));
        assertThat(sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB)).leafCertificate().getNotBefore().toInstant())
                .isEqualTo(CLOCK.instant());
    }

    @Test
    void sameSeedClockAndRequestsGiveIdenticalBytes() {
        List<MintRequest> requests = List.of(
                MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB.withEnvironment("pypi")),
                MintRequest.of("demo-1.0.tar.gz", SHA, TestIdentity.gitlab("group/demo", ".gitlab-ci.yml")).slsa(),
                MintRequest.of("demo-1.0.tar.gz", SHA, TestIdentity.google("a@b.iam.gserviceaccount.com"))
                        .withFaults(Fault.TWO_SUBJECTS));
        TestSigstore first = TestSigstore.create(99, CLOCK);
        TestSigstore second = TestSigstore.create(99, CLOCK);
        assertThat(second.trustedRootJson()).isEqualTo(first.trustedRootJson());
        for (MintRequest request : requests) {
            Minted a = first.mint(request);
            Minted b = second.mint(request);
            assertThat(b.attestationJson()).isEqualTo(a.attestationJson());
            assertThat(b.provenanceJson()).isEqualTo(a.provenanceJson());
        }
        TestSigstore otherSeed = TestSigstore.create(100, CLOCK);
        assertThat(otherSeed.trustedRootJson()).isNotEqualTo(first.trustedRootJson());
        assertThat(otherSeed.rekorPublicKey()).isNotEqualTo(first.rekorPublicKey());
        TestSigstore otherClock = TestSigstore.create(99, Clock.offset(CLOCK, java.time.Duration.ofDays(1)));
        assertThat(otherClock.rekorPublicKey()).isEqualTo(first.rekorPublicKey());
        assertThat(otherClock.mint(requests.get(0)).attestationJson())
                .isNotEqualTo(TestSigstore.create(99, CLOCK).mint(requests.get(0)).attestationJson());
    }

    @Test
    void provenanceWrapsTheAttestationUnderTheIdentitysPublisher() {
        Minted minted = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        JsonNode provenance = AttestationDocuments.parse(minted.provenanceJson());
        assertThat(provenance.get("version").asInt()).isEqualTo(1);
        assertThat(provenance.get("attestation_bundles")).hasSize(1);
        assertThat(provenance.at("/attestation_bundles/0/publisher").toString()).isEqualTo(
                "{\"kind\":\"GitHub\",\"repository\":\"octo-org/demo\",\"workflow\":\"release.yml\",\"environment\":null}");
        assertThat(provenance.at("/attestation_bundles/0/attestations")).hasSize(1);
        assertThat(provenance.at("/attestation_bundles/0/attestations/0"))
                .isEqualTo(AttestationDocuments.parse(minted.attestationJson()));
    }

    @Test
    void provenanceCanAssertAPublisherTheCertificateDoesNotSupport() {
        Minted publish = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        Minted slsa = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB).slsa());
        Map<String, String> other = new LinkedHashMap<>(GITHUB.publisher());
        other.put("workflow", "evil.yml");
        other.put("environment", null);
        JsonNode provenance = AttestationDocuments.parse(TestSigstore.provenanceAsserting(other, publish, slsa));
        assertThat(provenance.at("/attestation_bundles/0/publisher/workflow").asText()).isEqualTo("evil.yml");
        assertThat(provenance.at("/attestation_bundles/0/publisher/environment").isNull()).isTrue();
        assertThat(provenance.at("/attestation_bundles/0/attestations")).hasSize(2);

        JsonNode both = AttestationDocuments.parse(TestSigstore.provenance(publish, slsa));
        assertThat(both.at("/attestation_bundles/0/publisher/workflow").asText()).isEqualTo("release.yml");
        assertThat(both.at("/attestation_bundles/0/attestations/1"))
                .isEqualTo(AttestationDocuments.parse(slsa.attestationJson()));
    }

    @Test
    void provenanceOfAttestationsFromDifferentPublishersMustNameOne() {
        Minted github = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        Minted google = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, TestIdentity.google("a@b.iam.gserviceaccount.com")));
        assertThatThrownBy(() -> TestSigstore.provenance(github, google))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("attestations have different publishers")
                .hasMessageEndingWith("use provenanceAsserting to choose one");
        assertThatThrownBy(TestSigstore::provenance).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void provenanceOfEachHasOneBundlePerPublisher() {
        Minted github = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA, GITHUB));
        Minted google = sigstore.mint(MintRequest.of("demo-1.0.tar.gz", SHA,
                TestIdentity.google("a@b.iam.gserviceaccount.com")));
        JsonNode provenance = AttestationDocuments.parse(TestSigstore.provenanceOfEach(github, google));
        assertThat(provenance.at("/attestation_bundles")).hasSize(2);
        assertThat(provenance.at("/attestation_bundles/0/publisher/kind").asText()).isEqualTo("GitHub");
        assertThat(provenance.at("/attestation_bundles/1/publisher/kind").asText()).isEqualTo("Google");
        assertThat(provenance.at("/attestation_bundles/1/attestations/0"))
                .isEqualTo(AttestationDocuments.parse(google.attestationJson()));
        assertThatThrownBy(TestSigstore::provenanceOfEach).isInstanceOf(IllegalArgumentException.class);
    }

    /** Field names and value kinds, recursively; arrays by their first element. */
    private static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), shape(field.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            return node.isEmpty() ? List.of() : List.of(shape(node.get(0)));
        }
        return node.getNodeType().toString();
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }
}
