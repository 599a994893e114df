package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.RejectionReason;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Minted attestations verify through the production path ({@code dev.pylocktrust.attest}) under the generated root,
 * and only under it: the real production root, and another seed's root, reject them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSigstoreVerificationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final Instant NOW = CLOCK.instant().plusSeconds(3600);

    private TestSigstore sigstore;
    private ProductionPath trustingTestRoot;
    private ProductionPath trustingProductionRoot;

    @BeforeAll
    void setUp() {
        sigstore = TestSigstore.create(42, CLOCK);
        trustingTestRoot = ProductionPath.trusting(sigstore.trustedRootJson());
        trustingProductionRoot = ProductionPath.embeddedProduction();
    }

    static Stream<Arguments> identities() {
        return Stream.of(
                Arguments.of("GitHub", TestIdentity.github("octo-org/demo", "release.yml")),
                Arguments.of("GitHub with environment", TestIdentity.github("octo-org/demo", "release.yml")
                        .withEnvironment("PyPI").withRef("refs/heads/main")),
                Arguments.of("GitHub reusable workflow", TestIdentity.github("octo-org/demo", "release.yml")
                        .withJobWorkflowRef("octo-org/shared/.github/workflows/publish.yml@refs/heads/main")),
                Arguments.of("GitLab", TestIdentity.gitlab("group/sub/demo", ".gitlab-ci.yml")),
                Arguments.of("GitLab with environment", TestIdentity.gitlab("group/demo", "ci/release.yml")
                        .withEnvironment("production").withRef("refs/tags/v2.0.0")),
                Arguments.of("Google", TestIdentity.google("publisher@demo-project.iam.gserviceaccount.com")));
    }

    @ParameterizedTest(name = "{0}: publish/v1 verifies under the generated root")
    @MethodSource("identities")
    void publishAttestationVerifies(String name, TestIdentity identity) {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0-py3-none-any.whl", bytes(name), identity));
        VerifiedAttestation verified = verified(trustingTestRoot.verify(minted, NOW));
        assertThat(verified.predicateType()).isEqualTo(PredicateType.PUBLISH_V1.uri());
        assertThat(verified.signedTime()).isEqualTo(minted.integratedTime()).isEqualTo(CLOCK.instant().plusSeconds(1));
        assertThat(verified.logIndex()).isEqualTo(minted.logIndex());
        assertThat(verified.identity()).get().extracting(i -> i.publisher().kind())
                .isEqualTo(identity.publisher().get("kind"));
    }

    @ParameterizedTest(name = "{0}: SLSA v1 verifies under the generated root")
    @MethodSource("identities")
    void slsaAttestationVerifies(String name, TestIdentity identity) {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes(name), identity).slsa());
        assertThat(verified(trustingTestRoot.verify(minted, NOW)).predicateType()).isEqualTo(PredicateType.SLSA_V1.uri());
        assertThat(new String(minted.statementJson(), StandardCharsets.UTF_8)).contains("\"buildDefinition\":{");
    }

    @ParameterizedTest(name = "{0}: rejected under the embedded production root")
    @MethodSource("identities")
    void failsUnderTheProductionRoot(String name, TestIdentity identity) {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes(name), identity));
        assertRejected(trustingProductionRoot.verify(minted, NOW), RejectionReason.CERTIFICATE_CHAIN)
                .satisfies(r -> assertThat(r.message()).startsWith("the certificate was not issued by a Fulcio CA of "
                        + "the embedded Sigstore production root").contains("https://fulcio.sigstore.dev"));
    }

    @Test
    void failsUnderTheProductionRootFixtureFile() throws Exception {
        Path production = Path.of(getClass().getResource("/fixtures/trust/production.trusted_root.json").toURI());
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("file"),
                TestIdentity.github("octo-org/demo", "release.yml")));
        assertRejected(ProductionPath.trusting(production).verify(minted, NOW), RejectionReason.CERTIFICATE_CHAIN);
    }

    @Test
    void theProductionRootStillAcceptsARealProvenanceAndTheTestRootRejectsIt() throws Exception {
        // Guards the tests above: the production path is not simply rejecting everything.
        byte[] real;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/provenance/sampleproject-4.0.0.tar.gz.provenance.json")) {
            real = in.readAllBytes();
        }
        Distribution dist = new Distribution("sampleproject-4.0.0.tar.gz",
                "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b");
        verified(trustingProductionRoot.verify(real, dist, NOW));
        assertRejected(trustingTestRoot.verify(real, dist, NOW), RejectionReason.CERTIFICATE_CHAIN);
    }

    @Test
    void failsUnderAnotherSeedsRoot() {
        ProductionPath otherRoot = ProductionPath.trusting(TestSigstore.create(43, CLOCK).trustedRootJson());
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("x"),
                TestIdentity.github("octo-org/demo", "release.yml")));
        assertRejected(otherRoot.verify(minted, NOW), RejectionReason.CERTIFICATE_CHAIN);
    }

    @Test
    void failsForAnotherArtifact() {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("content"),
                TestIdentity.google("a@b.iam.gserviceaccount.com")));
        assertRejected(trustingTestRoot.verify(minted.provenanceJson(), new Distribution("demo-1.0.0.tar.gz", "00".repeat(32)),
                NOW), RejectionReason.DIGEST);
        assertRejected(trustingTestRoot.verify(minted.provenanceJson(), new Distribution("demo-1.0.1.tar.gz",
                minted.request().sha256Hex()), NOW), RejectionReason.SUBJECT_NAME);
    }

    @Test
    void theIndexCanAssertAPublisherTheCertificateDoesNotSupport() {
        GitHubIdentity identity = TestIdentity.github("octo-org/demo", "release.yml");
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("p"), identity));
        Map<String, String> otherWorkflow = new LinkedHashMap<>(identity.publisher());
        otherWorkflow.put("workflow", "evil.yml");
        Distribution dist = new Distribution(minted.filename(), minted.request().sha256Hex());
        assertRejected(trustingTestRoot.verify(TestSigstore.provenanceAsserting(otherWorkflow, minted), dist, NOW),
                RejectionReason.PUBLISHER_MISMATCH);
        Map<String, String> otherKind = TestIdentity.gitlab("octo-org/demo", "release.yml").publisher();
        assertRejected(trustingTestRoot.verify(TestSigstore.provenanceAsserting(otherKind, minted), dist, NOW),
                RejectionReason.PUBLISHER_MISMATCH);
    }

    @Test
    void theDeploymentEnvironmentIsCertifiedOnlyWhenTheCertificateCarriesIt() {
        GitHubIdentity certified = TestIdentity.github("octo-org/demo", "release.yml").withEnvironment("pypi");
        Minted withExtension = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("e1"), certified));
        VerifiedIdentity identity = verified(trustingTestRoot.verify(withExtension, NOW)).identity().orElseThrow();
        assertThat(identity.certifiedKeys()).contains("environment");
        assertThat(identity.repositoryId()).contains(certified.repositoryId());
        assertThat(identity.ownerId()).contains(certified.ownerId());

        Map<String, String> otherEnvironment = new LinkedHashMap<>(certified.publisher());
        otherEnvironment.put("environment", "testpypi");
        assertRejected(trustingTestRoot.verify(TestSigstore.provenanceAsserting(otherEnvironment, withExtension),
                new Distribution(withExtension.filename(), withExtension.request().sha256Hex()), NOW),
                RejectionReason.PUBLISHER_MISMATCH);

        Minted withoutExtension = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("e2"),
                certified.withEnvironment("pypi", false)));
        assertThat(verified(trustingTestRoot.verify(withoutExtension, NOW)).identity().orElseThrow().indexAssertedKeys())
                .contains("environment");
    }

    @Test
    void theWrittenTrustedRootLoadsFromAFileAsTheCliWould(@TempDir Path dir) {
        Path file = sigstore.writeTrustedRoot(dir.resolve("roots"));
        assertThat(file).isEqualTo(dir.resolve("roots/trusted_root.json")).hasBinaryContent(sigstore.trustedRootJson());
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("file"),
                TestIdentity.gitlab("group/demo", ".gitlab-ci.yml")));
        verified(ProductionPath.trusting(file).verify(minted, NOW));
    }

    @Test
    void theTrustedRootListsTheGeneratedKeysUnderSigstoreKeyIds() throws Exception {
        SigstoreTrustedRoot root = SigstoreTrustedRoot.from(new ByteArrayInputStream(sigstore.trustedRootJson()));
        assertThat(root.getTLogs()).singleElement().satisfies(log -> {
            assertThat(log.getBaseUrl()).hasToString(TestSigstore.REKOR_URL);
            assertThat(log.getLogId().getKeyId()).isEqualTo(EcKey.sha256(sigstore.rekorPublicKey().getEncoded()));
            assertThat(log.getPublicKey().toJavaPublicKey()).isEqualTo(sigstore.rekorPublicKey());
            assertThat(log.getPublicKey().getValidFor().contains(CLOCK.instant())).isTrue();
        });
        assertThat(root.getCTLogs()).singleElement().satisfies(log -> {
            assertThat(log.getLogId().getKeyId()).isEqualTo(EcKey.sha256(sigstore.ctLogPublicKey().getEncoded()));
            assertThat(log.getPublicKey().getKeyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
        });
        assertThat(root.getCAs()).singleElement().satisfies(ca -> {
            assertThat(ca.getUri()).hasToString(TestSigstore.FULCIO_URL);
            assertThat(List.<java.security.cert.Certificate>copyOf(ca.getCertPath().getCertificates()))
                    .containsExactly(sigstore.intermediateCertificate(), sigstore.rootCertificate());
            assertThat(ca.getValidFor().contains(CLOCK.instant())).isTrue();
        });
        assertThat(root.getTSAs()).isEmpty();
        sigstore.rootCertificate().verify(sigstore.rootCertificate().getPublicKey());
        sigstore.intermediateCertificate().verify(sigstore.rootCertificate().getPublicKey());
        assertThat(sigstore.intermediateCertificate().getBasicConstraints()).isZero();
    }

    @Test
    void everyEntryOfALongShardedLogVerifiesIncludingEarlyOnesWithShallowProofs() {
        TestSigstore fresh = TestSigstore.builder(7, CLOCK).logIndexOffset(150_000_000L).build();
        ProductionPath verifier = ProductionPath.trusting(fresh.trustedRootJson());
        List<Minted> minted = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            minted.add(fresh.mint(MintRequest.forContent("demo-" + i + ".0.tar.gz", bytes("n" + i),
                    TestIdentity.github("octo-org/demo", "release.yml"))));
        }
        assertThat(fresh.logSize()).isEqualTo(70);
        for (int i : new int[] {0, 1, 2, 31, 63, 64, 69}) {
            Minted m = minted.get(i);
            assertThat(verified(verifier.verify(m, NOW)).logIndex()).isEqualTo(150_000_000L + i);
            assertThat(m.attestationJsonString()).contains("\"logIndex\":\"" + (150_000_000L + i) + "\"")
                    .contains("\"inclusionProof\":{\"logIndex\":\"" + i + "\"")
                    .contains("\"treeSize\":\"" + (i + 1) + "\"");
        }
    }

    static VerifiedAttestation verified(AttestationResult result) {
        assertThat(result).as("%s", result).isInstanceOf(AttestationResult.Verified.class);
        return ((AttestationResult.Verified) result).attestation();
    }

    static ObjectAssert<AttestationResult.Rejected> assertRejected(AttestationResult result, RejectionReason reason) {
        assertThat(result).as("%s", result).isInstanceOf(AttestationResult.Rejected.class);
        AttestationResult.Rejected rejected = (AttestationResult.Rejected) result;
        assertThat(rejected.reason()).as(rejected.message()).isEqualTo(reason);
        return assertThat(rejected);
    }

    private static byte[] bytes(String text) {
        return Base64.getEncoder().encode(text.getBytes(StandardCharsets.UTF_8));
    }
}
