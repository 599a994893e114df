package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tampered copies of real attestations, generated here, are each rejected with their own specific reason. The base is
 * the pypi-attestations 0.0.19 sdist's publish attestation, its provenance publisher and its real distribution.
 */
class TamperingTest {
    private static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation.json";
    private static final String SLSA = "pypi_attestations-0.0.19.tar.gz.slsa.attestation.json";
    private static final String DIST = "pypi_attestations-0.0.19.tar.gz";
    private static final GitHubPublisher PUBLISHER = GitHubPublisher.of("trailofbits/pypi-attestations",
            "release.yml", null);

    private final AttestationVerifier verifier = new AttestationVerifier(Fixtures.production());

    private AttestationResult.Rejected rejected(Attestation a, Distribution d) {
        return rejected(a, Optional.of(PUBLISHER), d);
    }

    private AttestationResult.Rejected rejected(Attestation a, Optional<Publisher> p, Distribution d) {
        AttestationResult r = verifier.verify(a, p, d.filename(), d.sha256Hex(), Fixtures.NOW);
        assertThat(r).isInstanceOf(AttestationResult.Rejected.class);
        return (AttestationResult.Rejected) r;
    }

    @Test
    void untamperedBaselineVerifies() {
        AttestationResult r = verifier.verify(Fixtures.attestation(PUBLISH), Optional.of(PUBLISHER), DIST,
                Fixtures.dist(DIST).sha256Hex(), Fixtures.NOW);
        assertThat(r.verified()).as(r.toString()).isTrue();
    }

    @Test
    void flippedByteOfTheDistribution() {
        byte[] bytes = Fixtures.bytes("dists/" + DIST);
        bytes[1000] ^= 0x01;
        var r = rejected(Fixtures.attestation(PUBLISH), Distribution.of(DIST, bytes));
        assertThat(r.reason()).isEqualTo(RejectionReason.DIGEST);
        assertThat(r.message()).isEqualTo("the statement's subject has sha256 "
                + "9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3, but the distribution "
                + DIST + " has sha256 " + Distribution.of(DIST, bytes).sha256Hex());
    }

    @Test
    void renamedDistributionWithTheSameBytes() {
        var renamed = Distribution.of("pypi_attestations-0.0.20.tar.gz", Fixtures.bytes("dists/" + DIST));
        var r = rejected(Fixtures.attestation(PUBLISH), renamed);
        assertThat(r.reason()).isEqualTo(RejectionReason.SUBJECT_NAME);
        assertThat(r.message()).startsWith("the statement's subject is pypi_attestations-0.0.19.tar.gz, but the "
                + "distribution is pypi_attestations-0.0.20.tar.gz");
    }

    @Test
    void equivalentSpellingOfTheFilenameIsTheSameDistribution() {
        var d = new Distribution("pypi_attestations-0.0.19.0.tar.gz", Fixtures.dist(DIST).sha256Hex());
        AttestationResult r = verifier.verify(Fixtures.attestation(PUBLISH), Optional.of(PUBLISHER), Optional.of(d), Fixtures.NOW);
        assertThat(r.verified()).as(r.toString()).isTrue();
    }

    @Test
    void editedSubjectNamingAnotherFileIsASignatureFailure() {
        // The attacker rewrites the subject to describe their own file, and we check that file.
        byte[] evil = "malicious content".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Distribution evilDist = Distribution.of(DIST, evil);
        Attestation a = Tamper.of(PUBLISH).statement(st -> ((ObjectNode) st.path("subject").get(0).path("digest"))
                .put("sha256", evilDist.sha256Hex())).attestation();
        var r = rejected(a, evilDist);
        assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE);
        assertThat(r.message()).isEqualTo("the DSSE signature does not verify over the statement with the "
                + "certificate's key; the statement differs from the one recorded in the transparency log (altered "
                + "after signing)");
    }

    @Test
    void swappedCertificate() {
        Attestation a = Tamper.of(PUBLISH).certificateFrom(SLSA).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.LOG_CERTIFICATE_MISMATCH);
        assertThat(r.message()).startsWith("the attestation's certificate (serial 69d7b05a8c10faece1c1ab73372370bbab1f81a1)"
                + " is not the certificate recorded in the transparency log entry (serial "
                + "7df966e9c5047ea15ba0565476429d35a307ef1)");
    }

    @Test
    void swappedSignature() {
        Attestation a = Tamper.of(PUBLISH).signatureFrom(SLSA).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE);
        assertThat(r.message()).endsWith("; the signature differs from the one recorded in the transparency log "
                + "(replaced)");
    }

    @Test
    void swappedLogEntry() {
        Attestation a = Tamper.of(PUBLISH).entryFrom(SLSA).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.LOG_ENTRY_MISMATCH);
        assertThat(r.message()).isEqualTo("the transparency log entry belongs to another attestation: it records a "
                + "different certificate, a different signature, a different statement");
    }

    @Test
    void integratedTimeMovedInsideTheCertificateValidityBreaksTheSignedEntryTimestamp() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> e.put("integratedTime",
                String.valueOf(Long.parseLong(e.get("integratedTime").asText()) + 60))).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.SIGNED_ENTRY_TIMESTAMP);
        assertThat(r.message()).startsWith("the log's signed entry timestamp does not verify over this entry's body, "
                + "integrated time, log id and log index");
    }

    @Test
    void integratedTimeMovedOutsideTheCertificateValidity() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> e.put("integratedTime",
                String.valueOf(Long.parseLong(e.get("integratedTime").asText()) + 86_400))).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.TIME_OUTSIDE_VALIDITY);
        assertThat(r.message()).isEqualTo("the log's integrated time 2024-12-05T23:14:01Z is outside the "
                + "certificate's validity 2024-12-04T23:14:01Z to 2024-12-04T23:24:01Z");
    }

    @Test
    void alteredInclusionProofHash() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> {
            var hashes = (com.fasterxml.jackson.databind.node.ArrayNode) e.path("inclusionProof").path("hashes");
            byte[] h = java.util.Base64.getDecoder().decode(hashes.get(3).asText());
            h[0] ^= 0x01;
            hashes.set(3, java.util.Base64.getEncoder().encodeToString(h));
        }).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).startsWith("the inclusion proof does not lead from the log entry to the root hash");
    }

    @Test
    void alteredCheckpointSignature() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> {
            ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
            String env = cp.get("envelope").asText();
            int sig = env.lastIndexOf(' ') + 10; // inside the base64 signature after the key hint
            char c = env.charAt(sig);
            cp.put("envelope", env.substring(0, sig) + (c == 'A' ? 'B' : 'A') + env.substring(sig + 1));
        }).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.CHECKPOINT);
        assertThat(r.message()).startsWith("the checkpoint (the log's signed tree head) does not verify");
    }

    @Test
    void alteredCheckpointTreeSize() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> {
            ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
            String[] lines = cp.get("envelope").asText().split("\n", -1);
            lines[1] = String.valueOf(Long.parseLong(lines[1]) + 1);
            cp.put("envelope", String.join("\n", lines));
        }).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.CHECKPOINT);
        assertThat(r.message()).isEqualTo("the checkpoint (the log's signed tree head) is not for the inclusion "
                + "proof's tree of size 31550402 and root hash y0mvJokg0K9X78/zSkzLfaoYE1EUnA0l4CTQQXV1g4o=");
    }

    @Test
    void missingSignedEntryTimestamp() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> e.remove("inclusionPromise")).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.SIGNED_ENTRY_TIMESTAMP);
        assertThat(r.message()).isEqualTo("the Rekor v1 log entry has no signed entry timestamp "
                + "(inclusionPromise.signedEntryTimestamp), so its integrated time is not signed");
    }

    @Test
    void missingInclusionProof() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> e.remove("inclusionProof")).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.INCLUSION_PROOF);
        assertThat(r.message()).isEqualTo("the transparency log entry has no inclusion proof, so nothing shows that "
                + "it is in the log");
    }

    @Test
    void twoSubjects() {
        Attestation a = Tamper.of(PUBLISH).statement(st -> {
            var subjects = (com.fasterxml.jackson.databind.node.ArrayNode) st.get("subject");
            ObjectNode second = subjects.get(0).deepCopy();
            second.put("name", "other-1.0.tar.gz");
            subjects.add(second);
        }).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.SUBJECT_COUNT);
        assertThat(r.message()).isEqualTo("the statement has 2 subjects [pypi_attestations-0.0.19.tar.gz, "
                + "other-1.0.tar.gz]; PEP 740 requires exactly one");
    }

    @Test
    void unknownPredicateType() {
        Attestation a = Tamper.of(PUBLISH).statement(st -> st.put("predicateType", "https://example.com/custom/v1"))
                .attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.PREDICATE_TYPE);
        assertThat(r.message()).isEqualTo("the predicate type is https://example.com/custom/v1, expected "
                + "https://docs.pypi.org/attestations/publish/v1 or https://slsa.dev/provenance/v1");
    }

    @Test
    void wrongStatementType() {
        Attestation a = Tamper.of(PUBLISH).statement(st -> st.put("_type", "https://in-toto.io/Statement/v0.1"))
                .attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.STATEMENT);
    }

    @Test
    void publisherWithAnotherRepository() {
        var r = rejected(Fixtures.attestation(PUBLISH),
                Optional.of(GitHubPublisher.of("trailofbits/pypi-attestation-models", "release.yml", null)),
                Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.PUBLISHER_MISMATCH);
        assertThat(r.message()).isEqualTo("the certificate does not match the publisher GitHub "
                + "trailofbits/pypi-attestation-models (release.yml): certificate source repository URI is "
                + "https://github.com/trailofbits/pypi-attestations, expected "
                + "https://github.com/trailofbits/pypi-attestation-models");
    }

    @Test
    void publisherWithAnotherWorkflow() {
        var r = rejected(Fixtures.attestation(PUBLISH),
                Optional.of(GitHubPublisher.of("trailofbits/pypi-attestations", "publish.yml", null)),
                Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.PUBLISHER_MISMATCH);
        assertThat(r.message()).isEqualTo("the certificate does not match the publisher GitHub "
                + "trailofbits/pypi-attestations (publish.yml): certificate build config URI is "
                + "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19, "
                + "expected https://github.com/trailofbits/pypi-attestations/.github/workflows/publish.yml"
                + "@refs/tags/v0.0.19 or @08802efe1f8e5fec4ad842d6b8ce97656092ee72");
    }

    @Test
    void publisherOfAnotherKind() {
        var r = rejected(Fixtures.attestation(PUBLISH),
                Optional.of(GitLabPublisher.of("trailofbits/pypi-attestations", ".gitlab-ci.yml", null)),
                Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.PUBLISHER_MISMATCH);
        assertThat(r.message()).isEqualTo("the certificate does not match the publisher GitLab "
                + "trailofbits/pypi-attestations (.gitlab-ci.yml): certificate issuer is "
                + "https://token.actions.githubusercontent.com, expected https://gitlab.com");
    }

    @Test
    void googlePublisherForAPersonalEmailSignature() {
        var r = rejected(Fixtures.attestation(
                        "variants/pypi_attestations-0.0.19.tar.gz.publish.email-identity+rfc3161-timestamp.attestation.json"),
                Optional.of(GooglePublisher.of("jku@goto.fi")), Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.PUBLISHER_MISMATCH);
        assertThat(r.message()).endsWith("certificate issuer is https://github.com/login/oauth, expected "
                + "https://accounts.google.com");
    }

    @Test
    void unknownPublisherKindNeverVerifies() {
        var circle = new UnknownPublisher("CircleCI", new java.util.TreeMap<>(java.util.Map.of("project", "x")));
        var r = rejected(Fixtures.attestation(PUBLISH), Optional.of(circle), Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.UNSUPPORTED);
        assertThat(r.message()).isEqualTo("publisher kind 'CircleCI' is not supported: there is no rule to check a "
                + "certificate against it");
    }

    @Test
    void stagingSignedAttestationUnderTheProductionRoot() {
        var rfc = "rfc8785-0.1.2-py3-none-any.whl";
        AttestationResult r = verifier.verify(Fixtures.attestation(rfc + ".publish.attestation.json"),
                Optional.empty(), Optional.of(Fixtures.dist(rfc)), Fixtures.NOW);
        assertThat(r).isInstanceOfSatisfying(AttestationResult.Rejected.class, x -> {
            assertThat(x.reason()).isEqualTo(RejectionReason.CERTIFICATE_CHAIN);
            assertThat(x.message()).isEqualTo("the certificate was not issued by a Fulcio CA of the embedded Sigstore "
                    + "production root (Fulcio certificate was not valid: Certificate was not verifiable against CAs "
                    + "https://fulcio.sigstore.dev (signature check failed));"
                    + " an attestation signed by another Sigstore instance, such as staging, only verifies with that "
                    + "instance's trusted root");
        });
    }

    @Test
    void signedTimeInTheFutureOfThisMachine() {
        AttestationResult r = verifier.verify(Fixtures.attestation(PUBLISH), Optional.of(PUBLISHER), DIST,
                Fixtures.dist(DIST).sha256Hex(), java.time.Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(r).isInstanceOfSatisfying(AttestationResult.Rejected.class, x -> {
            assertThat(x.reason()).isEqualTo(RejectionReason.TIME_OUTSIDE_VALIDITY);
            assertThat(x.message()).contains("is after the current time 2024-01-01T00:00:00Z");
        });
    }

    @Test
    void hashedrekordEntryIsUnsupported() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> ((ObjectNode) e.get("kindVersion"))
                .put("kind", "hashedrekord")).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.UNSUPPORTED);
        assertThat(r.message()).isEqualTo("the transparency log entry is of kind hashedrekord 0.0.1; a PEP 740 "
                + "attestation is logged as a dsse entry");
    }

    @Test
    void invalidDistributionArgumentsAreRejectionsNotExceptions() {
        var r1 = verifier.verify(Fixtures.attestation(PUBLISH), Optional.of(PUBLISHER), "../x.tar.gz",
                Fixtures.dist(DIST).sha256Hex(), Fixtures.NOW);
        var r2 = verifier.verify(Fixtures.attestation(PUBLISH), Optional.of(PUBLISHER), DIST, "xyz", Fixtures.NOW);
        assertThat(((AttestationResult.Rejected) r1).reason()).isEqualTo(RejectionReason.SUBJECT_NAME);
        assertThat(((AttestationResult.Rejected) r2).reason()).isEqualTo(RejectionReason.DIGEST);
    }

    @Test
    void absurdIntegratedTimeIsARejectionNotACrash() {
        Attestation a = Tamper.of(PUBLISH).editEntry(e -> e.put("integratedTime", "9000000000000000000")).attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.TIME_OUTSIDE_VALIDITY);
        assertThat(r.message()).startsWith("the log's integrated time 9000000000000000000 (seconds since 1970) is "
                + "outside the certificate's validity");
    }

    @Test
    void nonAsciiStatementIsUnsupportedBecauseSigstoreJavaCountsCharacters() {
        Attestation a = Tamper.of(PUBLISH).statement(st -> st.putObject("predicate").put("note", "caf\u00e9"))
                .attestation();
        var r = rejected(a, Fixtures.dist(DIST));
        assertThat(r.reason()).isEqualTo(RejectionReason.UNSUPPORTED);
        assertThat(r.message()).startsWith("the statement contains non-ASCII bytes");
    }
}
