package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.attest.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@link Fault} is caught by the check it names. First through the production path: every fault yields the
 * {@link RejectionReason} {@code AttestationVerifier} names for it. Then, as a backstop on the layer below, through
 * sigstore-java alone: its exact message for the checks it makes, and for the checks only pylock-trust makes, proof
 * that the minted object has the defect while sigstore-java 2.0.0 accepts it (which is why those checks are ours).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultTest {

    private static final TestIdentity IDENTITY = TestIdentity.github("octo-org/demo", "release.yml").withEnvironment("pypi");

    private TestSigstore sigstore;
    private SigstoreJava verifier;
    private ProductionPath production;

    @BeforeAll
    void setUp() throws Exception {
        sigstore = TestSigstore.create(5, TestSigstoreVerificationTest.CLOCK);
        verifier = SigstoreJava.trusting(sigstore.trustedRootJson());
        production = ProductionPath.trusting(sigstore.trustedRootJson());
    }

    static Stream<Arguments> rejectionReasons() {
        return Stream.of(
                Arguments.of(Fault.EXPIRED_AT_LOG_TIME, RejectionReason.TIME_OUTSIDE_VALIDITY),
                Arguments.of(Fault.LOG_TIME_OUTSIDE_VALIDITY, RejectionReason.TIME_OUTSIDE_VALIDITY),
                Arguments.of(Fault.WRONG_CT_KEY, RejectionReason.CERTIFICATE_CHAIN),
                Arguments.of(Fault.UNTRUSTED_CA, RejectionReason.CERTIFICATE_CHAIN),
                Arguments.of(Fault.TWO_SUBJECTS, RejectionReason.SUBJECT_COUNT),
                Arguments.of(Fault.WRONG_PREDICATE_TYPE, RejectionReason.PREDICATE_TYPE),
                Arguments.of(Fault.BAD_DSSE_SIGNATURE, RejectionReason.SIGNATURE),
                Arguments.of(Fault.WRONG_LOG_KEY, RejectionReason.SIGNED_ENTRY_TIMESTAMP),
                Arguments.of(Fault.WRONG_CHECKPOINT_KEY, RejectionReason.CHECKPOINT),
                Arguments.of(Fault.UNTRUSTED_LOG, RejectionReason.TRANSPARENCY_LOG),
                Arguments.of(Fault.BAD_INCLUSION_PROOF, RejectionReason.INCLUSION_PROOF),
                Arguments.of(Fault.LOG_ENTRY_OTHER_CERTIFICATE, RejectionReason.LOG_CERTIFICATE_MISMATCH));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejectionReasons")
    void productionVerifierNamesTheFault(Fault fault, RejectionReason reason) {
        Minted minted = mint(fault);
        TestSigstoreVerificationTest.assertRejected(production.verify(minted, TestSigstoreVerificationTest.NOW), reason);
    }

    @ParameterizedTest(name = "{0} -> {1}, deeper in the log")
    @MethodSource("rejectionReasons")
    void productionVerifierNamesTheFaultDeeperInTheLog(Fault fault, RejectionReason reason) {
        mint();
        mint();
        TestSigstoreVerificationTest.assertRejected(production.verify(mint(fault), TestSigstoreVerificationTest.NOW),
                reason);
    }

    @Test
    void everyFaultHasAProductionRejectionReason() {
        Set<Fault> covered = EnumSet.noneOf(Fault.class);
        rejectionReasons().forEach(arguments -> covered.add((Fault) arguments.get()[0]));
        assertThat(covered).isEqualTo(EnumSet.allOf(Fault.class));
    }

    static Stream<Arguments> faultsSigstoreJavaCatches() {
        return Stream.of(
                Arguments.of(Fault.WRONG_CT_KEY,
                        "Fulcio certificate was not valid: No valid SCTs were found, all(1) SCTs were invalid"),
                Arguments.of(Fault.UNTRUSTED_CA, "Fulcio certificate was not valid: Certificate was not verifiable "
                        + "against CAs\nhttps://fulcio.sigstore.test (signature check failed)"),
                Arguments.of(Fault.BAD_DSSE_SIGNATURE, "DSSE signature was not valid"),
                Arguments.of(Fault.WRONG_LOG_KEY,
                        "Transparency log entry could not be verified | cause: Entry SET was not valid"),
                Arguments.of(Fault.WRONG_CHECKPOINT_KEY,
                        "Transparency log entry could not be verified | cause: Checkpoint signature was invalid"),
                Arguments.of(Fault.UNTRUSTED_LOG, "Transparency log entry could not be verified | cause: "
                        + "Log entry (logid) does not match any provided transparency logs."),
                Arguments.of(Fault.BAD_INCLUSION_PROOF,
                        "Transparency log entry could not be verified | cause: Inclusion proof verification failed"));
    }

    @ParameterizedTest(name = "sigstore-java alone: {0} on a fresh log")
    @MethodSource("faultsSigstoreJavaCatches")
    void sigstoreJavaNamesTheFault(Fault fault, String expected) throws Exception {
        assertThat(verifier.failureOf(mint(fault))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sigstore-java alone: {0} after other entries")
    @MethodSource("faultsSigstoreJavaCatches")
    void sigstoreJavaNamesTheFaultDeeperInTheLog(Fault fault, String expected) throws Exception {
        mint();
        mint();
        assertThat(verifier.failureOf(mint(fault))).isEqualTo(expected);
    }

    @Test
    void expiredAtLogTime() throws Exception {
        Minted minted = mint(Fault.EXPIRED_AT_LOG_TIME);
        Instant notAfter = minted.leafCertificate().getNotAfter().toInstant();
        assertThat(minted.integratedTime()).isEqualTo(notAfter.plusSeconds(60)).isAfter(notAfter);
        assertThat(transparencyEntry(minted).required("integratedTime").asText())
                .isEqualTo(Long.toString(notAfter.getEpochSecond() + 60));
        assertThat(verifier.failureOf(minted)).as("sigstore-java 2.0.0 does not compare log time and validity").isNull();
    }

    @Test
    void logTimeOutsideValidity() throws Exception {
        Minted minted = mint(Fault.LOG_TIME_OUTSIDE_VALIDITY);
        Instant notBefore = minted.leafCertificate().getNotBefore().toInstant();
        assertThat(minted.integratedTime()).isEqualTo(notBefore.minusSeconds(60)).isBefore(notBefore);
        assertThat(transparencyEntry(minted).required("integratedTime").asText())
                .isEqualTo(Long.toString(notBefore.getEpochSecond() - 60));
        assertThat(verifier.failureOf(minted)).as("sigstore-java 2.0.0 does not compare log time and validity").isNull();
    }

    @Test
    void twoSubjects() throws Exception {
        Minted minted = mint(Fault.TWO_SUBJECTS);
        JsonNode subjects = statement(minted).required("subject");
        assertThat(subjects).hasSize(2);
        assertThat(subjects.get(0).required("name").asText()).isEqualTo("demo-1.0.tar.gz");
        assertThat(subjects.get(1).required("name").asText()).isEqualTo(TestSigstore.EXTRA_SUBJECT_NAME);
        assertThat(verifier.failureOf(minted)).as("sigstore-java accepts any one matching subject").isNull();
    }

    @Test
    void explicitExtraSubjectsAreWrittenInOrder() throws Exception {
        Minted minted = sigstore.mint(request().withExtraSubject("other-2.0.tar.gz", "ab".repeat(32)));
        JsonNode subjects = statement(minted).required("subject");
        assertThat(subjects).hasSize(2);
        assertThat(subjects.get(1).toString()).isEqualTo("{\"name\":\"other-2.0.tar.gz\",\"digest\":{\"sha256\":\""
                + "ab".repeat(32) + "\"}}");
        assertThat(verifier.failureOf(minted)).isNull();
    }

    @Test
    void wrongPredicateType() throws Exception {
        Minted minted = mint(Fault.WRONG_PREDICATE_TYPE);
        assertThat(statement(minted).required("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v0.2");
        assertThat(verifier.failureOf(minted)).as("sigstore-java does not check predicate types").isNull();
    }

    @Test
    void logEntryOtherCertificate() throws Exception {
        Minted minted = mint(Fault.LOG_ENTRY_OTHER_CERTIFICATE);
        JsonNode body = AttestationDocuments.parse(Base64.getDecoder().decode(
                transparencyEntry(minted).required("canonicalizedBody").asText()));
        String pem = new String(Base64.getDecoder().decode(
                body.at("/spec/signatures/0/verifier").asText()), StandardCharsets.US_ASCII);
        X509Certificate logged = TestCa.parse(Base64.getMimeDecoder().decode(
                pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")));
        assertThat(logged).isNotEqualTo(minted.leafCertificate());
        assertThat(logged.getPublicKey()).isNotEqualTo(minted.leafCertificate().getPublicKey());
        assertThat(CertificateClaimsReader.extensions(logged)).isEqualTo(CertificateClaimsReader.extensions(minted.leafCertificate()));
        logged.verify(sigstore.intermediateCertificate().getPublicKey());
        assertThat(verifier.failureOf(minted)).as("sigstore-java 2.0.0 does not compare the dsse 0.0.1 entry's certificate")
                .isNull();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyFaultIsRecordedOnTheRequestAndLeavesTheLogConsistent(Fault fault) {
        int before = sigstore.logSize();
        Minted minted = mint(fault);
        assertThat(minted.request().faults()).containsExactly(fault);
        assertThat(sigstore.logSize()).isEqualTo(fault == Fault.UNTRUSTED_LOG ? before : before + 1);
        // The next honest entry still verifies: a faulty entry never poisons the log.
        TestSigstoreVerificationTest.verified(production.verify(mint(), TestSigstoreVerificationTest.NOW));
    }

    @Test
    void faultsCombine() throws Exception {
        Minted minted = sigstore.mint(request().withFaults(Fault.TWO_SUBJECTS).withFaults(Fault.WRONG_PREDICATE_TYPE));
        assertThat(minted.request().faults()).isEqualTo(EnumSet.of(Fault.TWO_SUBJECTS, Fault.WRONG_PREDICATE_TYPE));
        assertThat(statement(minted).required("subject")).hasSize(2);
        assertThat(statement(minted).required("predicateType").asText()).isEqualTo(TestSigstore.WRONG_PREDICATE_TYPE);
    }

    @Test
    void contradictoryLogTimeFaultsAreRefused() {
        assertThatThrownBy(() -> sigstore.mint(request().withFaults(Fault.EXPIRED_AT_LOG_TIME, Fault.LOG_TIME_OUTSIDE_VALIDITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXPIRED_AT_LOG_TIME and LOG_TIME_OUTSIDE_VALIDITY set the log time both ways");
    }

    @Test
    void signingTimeOutsideTheCaValidityIsRefused() {
        Instant tooEarly = TestSigstoreVerificationTest.CLOCK.instant().minus(Duration.ofDays(6 * 365));
        assertThatThrownBy(() -> sigstore.mint(request().signedAt(tooEarly)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("signing time " + tooEarly + " is outside the test CA's validity");
    }

    private Minted mint(Fault... faults) {
        return sigstore.mint(request().withFaults(faults));
    }

    private static MintRequest request() {
        return MintRequest.of("demo-1.0.tar.gz", "12".repeat(32), IDENTITY);
    }

    private static JsonNode statement(Minted minted) {
        return AttestationDocuments.parse(minted.statementJson());
    }

    private static JsonNode transparencyEntry(Minted minted) {
        return AttestationDocuments.parse(minted.attestationJson()).at("/verification_material/transparency_entries/0");
    }

    /** The faults only pylock-trust's own checks catch; each has its own test above. */
    private static final Set<Fault> OURS = EnumSet.of(Fault.EXPIRED_AT_LOG_TIME, Fault.LOG_TIME_OUTSIDE_VALIDITY,
            Fault.TWO_SUBJECTS, Fault.WRONG_PREDICATE_TYPE, Fault.LOG_ENTRY_OTHER_CERTIFICATE);

    @Test
    void everyFaultIsCoveredByExactlyOneTable() {
        Set<Fault> caughtBySigstoreJava = EnumSet.noneOf(Fault.class);
        faultsSigstoreJavaCatches().forEach(arguments -> caughtBySigstoreJava.add((Fault) arguments.get()[0]));
        assertThat(caughtBySigstoreJava).doesNotContainAnyElementsOf(OURS);
        Set<Fault> all = EnumSet.copyOf(caughtBySigstoreJava);
        all.addAll(OURS);
        assertThat(all).isEqualTo(EnumSet.allOf(Fault.class));
    }
}
