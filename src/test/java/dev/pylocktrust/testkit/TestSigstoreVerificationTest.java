package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.KeylessVerificationException;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Minted attestations verify through sigstore-java under the generated root, and only under it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSigstoreVerificationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private TestSigstore sigstore;
    private SigstoreJava trustingTestRoot;
    private SigstoreJava trustingProductionRoot;

    @BeforeAll
    void setUp() throws Exception {
        sigstore = TestSigstore.create(42, CLOCK);
        trustingTestRoot = SigstoreJava.trusting(sigstore.trustedRootJson());
        try (InputStream production = getClass().getResourceAsStream("/fixtures/trust/production.trusted_root.json")) {
            trustingProductionRoot = SigstoreJava.trusting(production.readAllBytes());
        }
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
        assertThatNoException().isThrownBy(() -> trustingTestRoot.verify(minted));
    }

    @ParameterizedTest(name = "{0}: SLSA v1 verifies under the generated root")
    @MethodSource("identities")
    void slsaAttestationVerifies(String name, TestIdentity identity) {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes(name), identity).slsa());
        assertThatNoException().isThrownBy(() -> trustingTestRoot.verify(minted));
        assertThat(new String(minted.statementJson(), StandardCharsets.UTF_8))
                .contains("\"predicateType\":\"https://slsa.dev/provenance/v1\"")
                .contains("\"buildDefinition\":{");
    }

    @ParameterizedTest(name = "{0}: rejected under the public-good production root")
    @MethodSource("identities")
    void failsUnderTheProductionRoot(String name, TestIdentity identity) {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes(name), identity));
        assertThatThrownBy(() -> trustingProductionRoot.verify(minted))
                .isInstanceOf(KeylessVerificationException.class)
                .hasMessageStartingWith("Fulcio certificate was not valid: Certificate was not verifiable against CAs")
                .hasMessageContaining("https://fulcio.sigstore.dev");
    }

    @Test
    void theProductionRootStillAcceptsARealAttestation() throws Exception {
        // Guards the test above: the production verifier is not simply broken.
        byte[] real;
        try (InputStream in = getClass().getResourceAsStream(
                "/fixtures/attestations/sampleproject-4.0.0.tar.gz.publish.attestation.json")) {
            real = in.readAllBytes();
        }
        trustingProductionRoot.verify(real, "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b");
        assertThatThrownBy(() -> trustingTestRoot.verify(real,
                "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b"))
                .hasMessageStartingWith("Fulcio certificate was not valid");
    }

    @Test
    void failsUnderAnotherSeedsRoot() throws Exception {
        SigstoreJava otherRoot = SigstoreJava.trusting(TestSigstore.create(43, CLOCK).trustedRootJson());
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("x"),
                TestIdentity.github("octo-org/demo", "release.yml")));
        assertThatThrownBy(() -> otherRoot.verify(minted))
                .hasMessageStartingWith("Fulcio certificate was not valid: Certificate was not verifiable against CAs");
    }

    @Test
    void failsForAnotherArtifactDigest() {
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("content"),
                TestIdentity.google("a@b.iam.gserviceaccount.com")));
        assertThatThrownBy(() -> trustingTestRoot.verify(minted.attestationJson(), "00".repeat(32)))
                .hasMessageStartingWith("Provided artifact digest does not match any subject sha256 digests in DSSE payload");
    }

    @Test
    void theWrittenTrustedRootLoadsFromAFileAsTheCliWould(@TempDir Path dir) throws Exception {
        Path file = sigstore.writeTrustedRoot(dir.resolve("roots"));
        assertThat(file).isEqualTo(dir.resolve("roots/trusted_root.json")).hasBinaryContent(sigstore.trustedRootJson());
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0.tar.gz", bytes("file"),
                TestIdentity.gitlab("group/demo", ".gitlab-ci.yml")));
        SigstoreJava.trusting(file).verify(minted);
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
    void everyEntryOfALongLogVerifiesIncludingEarlyOnesWithShallowProofs() throws Exception {
        TestSigstore fresh = TestSigstore.builder(7, CLOCK).logIndexOffset(150_000_000L).build();
        SigstoreJava verifier = SigstoreJava.trusting(fresh.trustedRootJson());
        List<Minted> minted = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            minted.add(fresh.mint(MintRequest.forContent("demo-" + i + ".0.tar.gz", bytes("n" + i),
                    TestIdentity.github("octo-org/demo", "release.yml"))));
        }
        assertThat(fresh.logSize()).isEqualTo(70);
        for (int i : new int[] {0, 1, 2, 31, 63, 64, 69}) {
            Minted m = minted.get(i);
            verifier.verify(m);
            assertThat(m.logIndex()).isEqualTo(150_000_000L + i);
            String entry = m.attestationJsonString();
            assertThat(entry).contains("\"logIndex\":\"" + (150_000_000L + i) + "\"")
                    .contains("\"inclusionProof\":{\"logIndex\":\"" + i + "\"")
                    .contains("\"treeSize\":\"" + (i + 1) + "\"");
        }
    }

    private static byte[] bytes(String text) {
        return Base64.getEncoder().encode(text.getBytes(StandardCharsets.UTF_8));
    }
}
