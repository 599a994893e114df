package dev.pylocktrust.attest;

import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.timestamp.client.ImmutableTimestampResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one PEP 740 attestation against a distribution, a trusted root and (optionally) the publisher the index
 * asserts. Pure: bytes and values in, a value out; no network, no clock (the current time is a parameter), no
 * exception for hostile input. Thread-safe; share one per trust root.
 *
 * <p>The checklist, in order (the first failure is the reported reason; every step can only reject):
 * <ol>
 *   <li>Statement: valid JSON, {@code _type} in-toto Statement v1.</li>
 *   <li>Exactly one subject.</li>
 *   <li>Subject name is a valid wheel/sdist filename and, parsed, equals the distribution's filename.</li>
 *   <li>Subject sha256 equals the distribution's sha256.</li>
 *   <li>Predicate type is PyPI publish v1 or SLSA provenance v1.</li>
 *   <li>Exactly one transparency log entry, of kind {@code dsse} (0.0.1 = Rekor v1, 0.0.2 = Rekor v2), with an
 *       inclusion proof bound to its leaf index and tree size ({@link InclusionProofShape}), and a signed entry
 *       timestamp (Rekor v1) or an RFC 3161 timestamp (Rekor v2).</li>
 *   <li>The log entry records this attestation: the certificate it records is the attestation's certificate
 *       (sigstore-java 2.0.0 does not compare them for Rekor v1 entries), and not another attestation's entry.</li>
 *   <li>The log's integrated time (Rekor v1) lies inside the certificate's validity (also missing in sigstore-java
 *       2.0.0).</li>
 *   <li>sigstore-java {@code KeylessVerifier}: certificate chain to a Fulcio CA of the trusted root and its SCT,
 *       DSSE signature over the pre-authentication encoding, log body consistency, signed entry timestamp,
 *       inclusion proof, checkpoint signature, RFC 3161 timestamps within the certificate's validity.</li>
 *   <li>The signed time is not in the future (more than {@link #CLOCK_SKEW} after {@code now}).</li>
 *   <li>Certificate claims decode (one SAN, well-formed Fulcio extensions).</li>
 *   <li>Publisher policy ({@link PublisherPolicy}) when a publisher is asserted.</li>
 * </ol>
 * Steps 1 to 8 run before the cryptography only so that the reason is specific (an edited statement fails step 3 or
 * 4 when it names another file, step 9 when it names the right one); none of them trusts anything that step 9 has
 * not authenticated when it accepts.
 */
public final class AttestationVerifier {
    /** Tolerated clock difference between the signer's log and this machine. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How a rejection starts when an exception reached the catch-all: a missing classification, hence a bug. */
    static final String UNEXPECTED_FAILURE = "unexpected failure while verifying: ";
    private static final Set<String> PREDICATE_TYPES =
            Set.of(InTotoStatement.PYPI_PUBLISH_V1, InTotoStatement.SLSA_PROVENANCE_V1);

    private final TrustRoot trustRoot;

    public AttestationVerifier(TrustRoot trustRoot) {
        this.trustRoot = Objects.requireNonNull(trustRoot, "trustRoot");
    }

    public TrustRoot trustRoot() {
        return trustRoot;
    }

    /**
     * Verifies an attestation for the distribution {@code distFilename} with sha256 {@code sha256Hex}.
     *
     * @param asserted the publisher of the attestation's bundle; empty for a bare attestation (then only the
     *     signature and the signer's claims are verified, and {@link VerifiedAttestation#identity()} is empty)
     */
    public AttestationResult verify(Attestation a, Optional<Publisher> asserted, String distFilename, String sha256Hex,
                                    Instant now) {
        Distribution dist;
        try {
            dist = new Distribution(distFilename, sha256Hex);
        } catch (IllegalArgumentException e) {
            boolean badName = distFilename == null || distFilename.isEmpty() || distFilename.contains("/")
                    || distFilename.contains("\\");
            return reject(badName ? RejectionReason.SUBJECT_NAME : RejectionReason.DIGEST,
                    "invalid distribution: " + e.getMessage());
        }
        return verify(a, asserted, Optional.of(dist), now);
    }

    /**
     * Verifies an attestation; without a distribution, steps 3 (beyond the filename being valid) and 4 are skipped
     * and the result says so ({@link VerifiedAttestation#distributionChecked()} is false).
     */
    public AttestationResult verify(Attestation a, Optional<Publisher> asserted, Optional<Distribution> dist,
                                    Instant now) {
        Objects.requireNonNull(a, "attestation");
        Objects.requireNonNull(asserted, "asserted");
        Objects.requireNonNull(dist, "dist");
        Objects.requireNonNull(now, "now");
        try {
            return verifyChecked(a, asserted, dist, now);
        } catch (RuntimeException e) {
            // Defence in depth: hostile input must never escape as an exception.
            return reject(RejectionReason.VERIFICATION_FAILED, UNEXPECTED_FAILURE + SigstoreFailures.messageChain(e));
        }
    }

    private AttestationResult verifyChecked(Attestation a, Optional<Publisher> asserted, Optional<Distribution> dist,
                                            Instant now) {
        byte[] statementBytes = a.envelope().statement();
        // (1) statement
        InTotoStatement statement;
        try {
            statement = InTotoStatement.parse(statementBytes);
        } catch (MalformedAttestationException e) {
            return reject(RejectionReason.STATEMENT, "the envelope's statement is not a valid in-toto statement: "
                    + e.detail());
        }
        if (!InTotoStatement.STATEMENT_V1.equals(statement.type())) {
            return reject(RejectionReason.STATEMENT, "the statement's _type is " + statement.type() + ", expected "
                    + InTotoStatement.STATEMENT_V1);
        }
        // (2) exactly one subject
        if (statement.subjects().size() != 1) {
            return reject(RejectionReason.SUBJECT_COUNT, "the statement has " + statement.subjects().size()
                    + " subjects " + statement.subjects().stream().map(InTotoStatement.Subject::name).toList()
                    + "; PEP 740 requires exactly one");
        }
        InTotoStatement.Subject subject = statement.subjects().get(0);
        // (3) subject name
        Optional<String> nameProblem = SubjectNames.mismatch(subject.name(), dist);
        if (nameProblem.isPresent()) {
            return reject(RejectionReason.SUBJECT_NAME, nameProblem.get());
        }
        // (4) digest
        String subjectSha = subject.sha256().orElse(null);
        if (subjectSha == null || !subjectSha.matches("[0-9a-f]{64}")) {
            return reject(RejectionReason.DIGEST, "the statement's subject has no valid sha256 digest (found "
                    + (subjectSha == null ? "none" : subjectSha) + ")");
        }
        if (dist.isPresent() && !subjectSha.equals(dist.get().sha256Hex())) {
            return reject(RejectionReason.DIGEST, "the statement's subject has sha256 " + subjectSha
                    + ", but the distribution " + dist.get().filename() + " has sha256 " + dist.get().sha256Hex());
        }
        // (5) predicate type
        if (!PREDICATE_TYPES.contains(statement.predicateType())) {
            return reject(RejectionReason.PREDICATE_TYPE, "the predicate type is " + statement.predicateType()
                    + ", expected " + InTotoStatement.PYPI_PUBLISH_V1 + " or " + InTotoStatement.SLSA_PROVENANCE_V1);
        }
        // (6)-(8) log entry structure and consistency
        X509Certificate cert = a.verificationMaterial().x509Certificate();
        Optional<AttestationResult.Rejected> logProblem = LogEntryChecks.check(a, statementBytes, cert);
        if (logProblem.isPresent()) {
            return logProblem.get();
        }
        if (!isAscii(statementBytes)) {
            return reject(RejectionReason.UNSUPPORTED, "the statement contains non-ASCII bytes, which sigstore-java "
                    + "2.0.0 cannot verify (it counts characters, not bytes, in the DSSE encoding)");
        }
        // RFC 3161 tokens are read here so that an unreadable one is named (sigstore-java throws unchecked
        // exceptions of the ASN.1 library for some); their signatures are checked in (9).
        List<Instant> tsaTimes = new ArrayList<>();
        for (byte[] token : a.verificationMaterial().timestamps()) {
            try {
                tsaTimes.add(ImmutableTimestampResponse.builder().encoded(token).build().getGenTime().toInstant());
            } catch (Exception e) {
                return reject(RejectionReason.TIMESTAMP, "an RFC 3161 timestamp cannot be read: "
                        + SigstoreFailures.messageChain(e));
            }
        }
        // (9) Sigstore cryptography
        try {
            Bundle bundle = SigstoreBundles.toBundle(a);
            trustRoot.keylessVerifier().verify(HexFormat.of().parseHex(subjectSha), bundle,
                    VerificationOptions.empty());
        } catch (Exception e) {
            return SigstoreFailures.classify(e, trustRoot.label(), LogEntryChecks.signatureDiagnosis(a, statementBytes));
        }
        TransparencyEntry entry = a.verificationMaterial().transparencyEntries().get(0);
        Optional<Instant> integrated = LogEntryChecks.isRekorV1(entry)
                ? entry.integratedTime().map(Instant::ofEpochSecond) : Optional.empty();
        if (integrated.isEmpty() && tsaTimes.isEmpty()) {
            return reject(RejectionReason.TIMESTAMP, "the attestation has no signed time (no integrated time and no "
                    + "RFC 3161 timestamp)");
        }
        // (10) not in the future
        Instant latest = tsaTimes.stream().reduce(integrated.orElse(Instant.MIN),
                (x, y) -> x.isAfter(y) ? x : y);
        if (latest.isAfter(now.plus(CLOCK_SKEW))) {
            return reject(RejectionReason.TIME_OUTSIDE_VALIDITY, "the signing time " + latest + " is after the "
                    + "current time " + now + "; check this machine's clock");
        }
        // (11) claims
        CertificateClaims claims;
        try {
            claims = CertificateClaims.of(cert);
        } catch (IllegalArgumentException e) {
            return reject(RejectionReason.CERTIFICATE_CLAIMS, e.getMessage());
        }
        // (12) publisher
        Optional<VerifiedIdentity> identity = Optional.empty();
        if (asserted.isPresent()) {
            PublisherPolicy.Outcome outcome = PublisherPolicy.check(asserted.get(), claims);
            if (outcome instanceof PublisherPolicy.Outcome.Mismatch m) {
                return reject(RejectionReason.PUBLISHER_MISMATCH, m.message());
            }
            if (outcome instanceof PublisherPolicy.Outcome.Unsupported u) {
                return reject(RejectionReason.UNSUPPORTED, u.message());
            }
            identity = Optional.of(((PublisherPolicy.Outcome.Match) outcome).identity());
        }
        long logIndex = entry.logIndex().orElseThrow();
        return new AttestationResult.Verified(new VerifiedAttestation(statement.predicateType(), subject, claims,
                logIndex, integrated, tsaTimes, identity, dist.isPresent()));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static AttestationResult.Rejected reject(RejectionReason reason, String message) {
        return new AttestationResult.Rejected(reason, message);
    }
}
