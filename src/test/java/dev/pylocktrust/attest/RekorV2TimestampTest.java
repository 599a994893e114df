package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;

/**
 * What Sigstore production issues since Rekor v2: a {@code dsse} 0.0.2 entry (checkpoint signed with Ed25519, no
 * integrated time, no inclusion promise) whose signing time comes from an RFC 3161 timestamp verified against the
 * trusted root's timestamp authorities. On the real staging fixture, and with timestamps made by a test TSA to show
 * that the time checked against the certificate's validity is the verified timestamp's.
 */
class RekorV2TimestampTest {
    static final String V2 = "variants/pypi_attestations-0.0.19.tar.gz.publish.staging-rekor-v2+rfc3161-timestamp"
            + ".attestation.json";
    static final String PRODUCTION_TSA = "variants/pypi_attestations-0.0.19.tar.gz.publish.email-identity"
            + "+rfc3161-timestamp.attestation.json";
    static final Distribution DIST = Fixtures.dist("pypi_attestations-0.0.19.tar.gz");
    static final ObjectMapper M = new ObjectMapper();

    static AttestationResult verify(TrustRoot root, Attestation a) {
        return new AttestationVerifier(root).verify(a, Optional.empty(), Optional.of(DIST), Fixtures.NOW);
    }

    static AttestationResult.Rejected rejected(AttestationResult r) {
        assertThat(r).isInstanceOf(AttestationResult.Rejected.class);
        return (AttestationResult.Rejected) r;
    }

    /** The genTime inside a TimeStampResp, read with BouncyCastle (independently of the verifier). */
    static Instant genTime(byte[] timeStampResp) throws Exception {
        return new TimeStampResponse(timeStampResp).getTimeStampToken().getTimeStampInfo().getGenTime().toInstant();
    }

    static Tamper withTimestamps(Tamper t, List<byte[]> timestamps) {
        return t.edit(root -> {
            ArrayNode array = ((ObjectNode) root.get("verification_material")).putArray("timestamps");
            timestamps.forEach(ts -> array.add(Base64.getEncoder().encodeToString(ts)));
        });
    }

    static byte[] stagingRootWith(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) M.readTree(Fixtures.bytes("trust/staging.trusted_root.json"));
        edit.accept(json);
        return M.writeValueAsBytes(json);
    }

    @Test
    void theRealStagingEntryVerifiesWithTheTimestampsTimeAsItsSignedTime() throws Exception {
        Attestation a = Fixtures.attestation(V2);
        TransparencyEntry entry = a.verificationMaterial().transparencyEntries().get(0);
        assertThat(entry.kind()).contains("dsse");
        assertThat(entry.kindVersion()).contains("0.0.2");
        assertThat(entry.hasSignedEntryTimestamp()).isFalse();
        Instant tsaTime = genTime(a.verificationMaterial().timestamps().get(0));

        var result = verify(Fixtures.staging(), a);

        assertThat(result).isInstanceOf(AttestationResult.Verified.class);
        VerifiedAttestation v = ((AttestationResult.Verified) result).attestation();
        assertThat(v.integratedTime()).isEmpty();
        assertThat(v.timestampTimes()).containsExactly(tsaTime);
        assertThat(v.signedTime()).isEqualTo(tsaTime).isBetween(v.claims().notBefore(), v.claims().notAfter());
        assertThat(v.claims().notAfter()).as("the certificate expired long before now").isBefore(Fixtures.NOW);
        assertThat(v.logIndex()).isEqualTo(27301);
    }

    @Test
    void aTamperedTimestampIsRejected() {
        // The last bytes of the TimeStampResp are the TSA's signature value.
        Tamper t = Tamper.of(V2).edit(root -> {
            ArrayNode ts = (ArrayNode) root.path("verification_material").path("timestamps");
            byte[] token = Base64.getDecoder().decode(ts.get(0).asText());
            token[token.length - 5] ^= 0x01;
            ts.set(0, M.getNodeFactory().textNode(Base64.getEncoder().encodeToString(token)));
        });

        var r = rejected(verify(Fixtures.staging(), t.attestation()));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(r.message()).startsWith("an RFC 3161 timestamp does not verify against the Sigstore staging root "
                + "(test fixture) (RFC3161 timestamp verification failed: ");
    }

    @Test
    void aTimestampOfAnotherSignatureFromAnotherTsaIsRejected() {
        byte[] other = Fixtures.attestation(PRODUCTION_TSA).verificationMaterial().timestamps().get(0);

        var r = rejected(verify(Fixtures.staging(), withTimestamps(Tamper.of(V2), List.of(other)).attestation()));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(r.message()).startsWith("an RFC 3161 timestamp does not verify against the Sigstore staging root");
    }

    @Test
    void withoutItsTimestampTheEntryHasNoSignedTimeEvenWithAnIntegratedTimeWrittenIn() {
        Attestation a = Fixtures.attestation(V2);
        long inside = a.verificationMaterial().x509Certificate().getNotBefore().toInstant().getEpochSecond() + 60;
        Tamper t = withTimestamps(Tamper.of(V2), List.of())
                .editEntry(e -> e.put("integratedTime", Long.toString(inside)));

        var r = rejected(verify(Fixtures.staging(), t.attestation()));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(r.message()).isEqualTo("the Rekor v2 log entry carries no signed time and the attestation has no "
                + "RFC 3161 timestamp");
    }

    @Test
    void aRootWithoutTheTimestampAuthorityRejectsTheTimestamp() throws Exception {
        TrustRoot noTsa = TrustRoot.fromBytes(stagingRootWith(j -> j.putArray("timestampAuthorities")),
                "staging root without TSAs", Optional.empty());

        var r = rejected(verify(noTsa, Fixtures.attestation(V2)));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
    }

    @Test
    void theTimestampAuthoritysValidityWindowIsEnforced() throws Exception {
        Instant tsaTime = genTime(Fixtures.attestation(V2).verificationMaterial().timestamps().get(0));
        TrustRoot late = TrustRoot.fromBytes(stagingRootWith(j -> {
            for (var tsa : j.withArray("/timestampAuthorities")) {
                ((ObjectNode) tsa.path("validFor")).put("start", tsaTime.plusSeconds(1).toString());
            }
        }), "staging root with TSAs valid only later", Optional.empty());

        var r = rejected(verify(late, Fixtures.attestation(V2)));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(r.message()).contains("Timestamp generation time is not within TSA's validity period");
    }

    @Test
    void theSignedTimeIsTheVerifiedTimestampsAndItMustLieInsideTheCertificate() throws Exception {
        Attestation real = Fixtures.attestation(V2);
        X509Certificate cert = real.verificationMaterial().x509Certificate();
        TestTsa tsa = new TestTsa();
        TrustRoot root = TrustRoot.fromBytes(tsa.addTo(Fixtures.bytes("trust/staging.trusted_root.json")),
                "staging root plus a test TSA", Optional.empty());
        byte[] signature = real.envelope().signature();

        Instant inside = cert.getNotBefore().toInstant().plus(Duration.ofMinutes(3));
        var ok = verify(root, withTimestamps(Tamper.of(V2), List.of(tsa.timestamp(signature, inside)))
                .attestation());
        assertThat(ok).isInstanceOf(AttestationResult.Verified.class);
        assertThat(((AttestationResult.Verified) ok).attestation().signedTime()).isEqualTo(inside);

        Instant after = cert.getNotAfter().toInstant().plus(Duration.ofDays(1));
        var r = rejected(verify(root, withTimestamps(Tamper.of(V2), List.of(tsa.timestamp(signature, after)))
                .attestation()));
        assertThat(r.reason()).isEqualTo(RejectionReason.TIME_OUTSIDE_VALIDITY);
        assertThat(r.message()).startsWith("the RFC 3161 timestamp is outside the certificate's validity");

        Instant before = cert.getNotBefore().toInstant().minus(Duration.ofMinutes(1));
        var early = rejected(verify(root, withTimestamps(Tamper.of(V2), List.of(tsa.timestamp(signature, before)))
                .attestation()));
        assertThat(early.reason()).isEqualTo(RejectionReason.TIME_OUTSIDE_VALIDITY);
    }

    @Test
    void aTimestampOverAnotherSignatureIsRejectedEvenFromATrustedTsa() throws Exception {
        Attestation real = Fixtures.attestation(V2);
        TestTsa tsa = new TestTsa();
        TrustRoot root = TrustRoot.fromBytes(tsa.addTo(Fixtures.bytes("trust/staging.trusted_root.json")),
                "staging root plus a test TSA", Optional.empty());
        Instant inside = real.verificationMaterial().x509Certificate().getNotBefore().toInstant().plusSeconds(60);

        var r = rejected(verify(root, withTimestamps(Tamper.of(V2),
                List.of(tsa.timestamp("another signature".getBytes(), inside))).attestation()));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(r.message()).contains("message imprint digest does not match");
    }

    @Test
    void aSecondTimestampThatFailsRejectsTheAttestation() throws Exception {
        Attestation real = Fixtures.attestation(V2);
        byte[] good = real.verificationMaterial().timestamps().get(0);
        byte[] foreign = Fixtures.attestation(PRODUCTION_TSA).verificationMaterial().timestamps().get(0);

        var r = rejected(verify(Fixtures.staging(), withTimestamps(Tamper.of(V2), List.of(good, foreign))
                .attestation()));

        assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP);
    }

    /** Found by the mutation suite: sigstore-java threw unclassified exceptions for both of these tokens. */
    @Test
    void anUnreadableTimestampIsNamedAndAnUnparsableOneIsMalformed() {
        byte[] token = Fixtures.attestation(PRODUCTION_TSA).verificationMaterial().timestamps().get(0);
        var truncated = rejected(verify(Fixtures.production(),
                withTimestamps(Tamper.of(PRODUCTION_TSA), List.of(java.util.Arrays.copyOf(token, 626))).attestation()));
        assertThat(truncated.reason()).isEqualTo(RejectionReason.TIMESTAMP);
        assertThat(truncated.message()).startsWith("an RFC 3161 timestamp cannot be read: ");

        byte[] flipped = token.clone();
        flipped[1154] ^= (byte) 0x80;
        var unparsable = rejected(verify(Fixtures.production(),
                withTimestamps(Tamper.of(PRODUCTION_TSA), List.of(flipped)).attestation()));
        assertThat(unparsable.reason()).isEqualTo(RejectionReason.MALFORMED);
        assertThat(unparsable.message()).startsWith("sigstore-java cannot process the attestation: Unknown signature "
                + "type requested");
    }
}
