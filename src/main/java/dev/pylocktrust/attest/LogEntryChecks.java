package dev.pylocktrust.attest;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Structural checks of the transparency log entry that sigstore-java 2.0.0 does not do or does not explain:
 * presence of the proof and signed entry timestamp, the proof's shape ({@link InclusionProofShape}), that the entry
 * records this attestation (certificate, statement, signature), and that the integrated time lies inside the
 * certificate's validity. They can only reject.
 */
final class LogEntryChecks {
    private LogEntryChecks() {}

    static boolean isRekorV1(TransparencyEntry e) {
        return e.kindVersion().filter("0.0.1"::equals).isPresent();
    }

    static Optional<AttestationResult.Rejected> check(Attestation a, byte[] statement, X509Certificate cert) {
        VerificationMaterial vm = a.verificationMaterial();
        if (vm.transparencyEntries().size() != 1) {
            return reject(RejectionReason.UNSUPPORTED, "the attestation has " + vm.transparencyEntries().size()
                    + " transparency log entries; only attestations with exactly one are supported");
        }
        TransparencyEntry entry = vm.transparencyEntries().get(0);
        String kind = entry.kind().orElse("(absent)");
        String version = entry.kindVersion().orElse("(absent)");
        if (!kind.equals("dsse")) {
            return reject(RejectionReason.UNSUPPORTED, "the transparency log entry is of kind " + kind + " "
                    + version + "; a PEP 740 attestation is logged as a dsse entry");
        }
        boolean v1 = version.equals("0.0.1");
        if (!v1 && !version.equals("0.0.2")) {
            return reject(RejectionReason.UNSUPPORTED, "the transparency log entry is dsse version " + version
                    + "; supported are 0.0.1 (Rekor v1) and 0.0.2 (Rekor v2)");
        }
        if (entry.logIndex().isEmpty()) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log entry has no valid logIndex");
        }
        if (!entry.hasInclusionProof()) {
            return reject(RejectionReason.INCLUSION_PROOF, "the transparency log entry has no inclusion proof, so "
                    + "nothing shows that it is in the log");
        }
        if (v1 && !entry.hasSignedEntryTimestamp()) {
            return reject(RejectionReason.SIGNED_ENTRY_TIMESTAMP, "the Rekor v1 log entry has no signed entry "
                    + "timestamp (inclusionPromise.signedEntryTimestamp), so its integrated time is not signed");
        }
        Optional<AttestationResult.Rejected> proofProblem = InclusionProofShape.check(entry, v1);
        if (proofProblem.isPresent()) {
            return proofProblem;
        }
        if (!v1 && vm.timestamps().isEmpty()) {
            return reject(RejectionReason.TIMESTAMP, "the Rekor v2 log entry carries no signed time and the "
                    + "attestation has no RFC 3161 timestamp");
        }
        Optional<byte[]> body = entry.canonicalizedBody();
        if (body.isEmpty()) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log entry has no valid "
                    + "canonicalizedBody");
        }
        LoggedDsse logged;
        try {
            logged = LoggedDsse.parse(body.get());
        } catch (RuntimeException e) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log entry body is unusable: "
                    + e.getMessage());
        }
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            return reject(RejectionReason.MALFORMED, "the certificate cannot be re-encoded: " + e.getMessage());
        }
        boolean certMatches = logged.certificates().size() == 1 && Arrays.equals(logged.certificates().get(0), der);
        boolean sigMatches = logged.signatures().size() == 1
                && Arrays.equals(logged.signatures().get(0), a.envelope().signature());
        boolean payloadMatches = Arrays.equals(logged.payloadSha256(),
                HexSha.sha256(statement));
        if (!certMatches && (!sigMatches || !payloadMatches)) {
            return reject(RejectionReason.LOG_ENTRY_MISMATCH, "the transparency log entry belongs to another "
                    + "attestation: it records a different certificate"
                    + (sigMatches ? "" : ", a different signature") + (payloadMatches ? "" : ", a different statement"));
        }
        if (!certMatches) {
            return reject(RejectionReason.LOG_CERTIFICATE_MISMATCH, "the attestation's certificate (serial "
                    + cert.getSerialNumber().toString(16) + ") is not the certificate recorded in the transparency "
                    + "log entry" + loggedSerial(logged));
        }
        if (v1) {
            Instant notBefore = cert.getNotBefore().toInstant();
            Instant notAfter = cert.getNotAfter().toInstant();
            Optional<Long> t = entry.integratedTime();
            if (t.isEmpty() || t.get() < notBefore.getEpochSecond() || t.get() > notAfter.getEpochSecond()) {
                return reject(RejectionReason.TIME_OUTSIDE_VALIDITY, "the log's integrated time "
                        + t.map(LogEntryChecks::epochText).orElse("(absent)") + " is outside the certificate's "
                        + "validity " + notBefore + " to " + notAfter);
            }
        }
        return Optional.empty();
    }

    private static String epochText(long seconds) {
        try {
            return Instant.ofEpochSecond(seconds).toString();
        } catch (java.time.DateTimeException e) {
            return seconds + " (seconds since 1970)";
        }
    }

    /** Extra words for a signature failure: which part disagrees with what the log recorded. */
    static String signatureDiagnosis(Attestation a, byte[] statement) {
        try {
            LoggedDsse logged = LoggedDsse.parse(a.verificationMaterial().transparencyEntries().get(0)
                    .canonicalizedBody().orElseThrow());
            StringBuilder sb = new StringBuilder();
            if (!Arrays.equals(logged.payloadSha256(), HexSha.sha256(statement))) {
                sb.append("; the statement differs from the one recorded in the transparency log (altered after "
                        + "signing)");
            }
            if (logged.signatures().size() != 1 || !Arrays.equals(logged.signatures().get(0),
                    a.envelope().signature())) {
                sb.append("; the signature differs from the one recorded in the transparency log (replaced)");
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String loggedSerial(LoggedDsse logged) {
        try {
            var other = VerificationMaterial.parseCertificate(logged.certificates().get(0), "log");
            return " (serial " + other.getSerialNumber().toString(16) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static Optional<AttestationResult.Rejected> reject(RejectionReason reason, String message) {
        return Optional.of(new AttestationResult.Rejected(reason, message));
    }
}
