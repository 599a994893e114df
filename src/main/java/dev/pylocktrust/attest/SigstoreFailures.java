package dev.pylocktrust.attest;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.bundle.BundleParseException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/**
 * Classifies sigstore-java's failures into {@link RejectionReason}s.
 *
 * <p>sigstore-java 2.0.0 reports every verification failure as a {@code KeylessVerificationException} whose message
 * (and cause's message) says which check failed; there is no machine-readable code. This class matches those
 * messages. {@code SigstoreFailuresTest} pins them, so a sigstore-java upgrade that rewords them fails the build
 * instead of silently degrading reasons to {@link RejectionReason#VERIFICATION_FAILED}.
 */
final class SigstoreFailures {
    private SigstoreFailures() {}

    static AttestationResult.Rejected classify(Throwable e, String trustRootLabel, String signatureDiagnosis) {
        String all = messageChain(e);
        if (e instanceof BundleParseException || all.startsWith("Could not process bundle json")) {
            if (all.contains("inclusion proof")) {
                return reject(RejectionReason.INCLUSION_PROOF, "the transparency log entry has no inclusion proof");
            }
            return reject(RejectionReason.MALFORMED, "sigstore-java cannot read the attestation as a Sigstore bundle: "
                    + all);
        }
        if (!(e instanceof KeylessVerificationException)) {
            if (all.contains("No timestamp verification")) {
                return reject(RejectionReason.SIGNED_ENTRY_TIMESTAMP,
                        "the transparency log entry has no signed entry timestamp and there is no RFC 3161 timestamp");
            }
            // An unchecked exception from inside sigstore-java (or the ASN.1 library it uses) means it met input
            // it cannot parse: a malformed attestation, not a verification that ran and failed.
            return reject(RejectionReason.MALFORMED, "sigstore-java cannot process the attestation: " + all);
        }
        if (all.startsWith("Fulcio certificate was not valid")) {
            return reject(RejectionReason.CERTIFICATE_CHAIN, "the certificate was not issued by a Fulcio CA of the "
                    + trustRootLabel + " (" + all + "); an attestation signed by another Sigstore instance, such as "
                    + "staging, only verifies with that instance's trusted root");
        }
        if (all.startsWith("DSSE signature was not valid") || all.startsWith("Signature could not be processed")
                || all.startsWith("DSSE envelope must have exactly 1 signature")) {
            return reject(RejectionReason.SIGNATURE, "the DSSE signature does not verify over the statement with the "
                    + "certificate's key" + signatureDiagnosis);
        }
        if (all.startsWith("Could not parse DSSE payload") || all.startsWith("DSSE envelope must have payload type")) {
            return reject(RejectionReason.STATEMENT, "the envelope payload is not an in-toto statement: " + all);
        }
        if (all.startsWith("Certificate in rekor entry does not match")
                || all.contains("verifier is missing X.509 certificate")) {
            return reject(RejectionReason.LOG_CERTIFICATE_MISMATCH, "the certificate is not the one recorded in the "
                    + "transparency log entry (" + all + ")");
        }
        if (all.startsWith("Digest of DSSE payload in bundle does not match")
                || all.startsWith("Provided DSSE signature materials are inconsistent")
                || all.startsWith("Signature in DSSE envelope does not match")
                || all.contains("log entry must have exactly 1 signature")
                || all.contains("Log entry spec must have exactly 1 signature")) {
            return reject(RejectionReason.LOG_ENTRY_MISMATCH, "the transparency log entry records another statement "
                    + "or signature (" + all + ")");
        }
        if (all.startsWith("RFC3161 timestamp verification failed") || all.startsWith("Found an empty or null RFC3161")) {
            if (hasCause(e, CertificateExpiredException.class) || hasCause(e, CertificateNotYetValidException.class)) {
                return reject(RejectionReason.TIME_OUTSIDE_VALIDITY, "the RFC 3161 timestamp is outside the "
                        + "certificate's validity (" + all + ")");
            }
            return reject(RejectionReason.TIMESTAMP, "an RFC 3161 timestamp does not verify against the "
                    + trustRootLabel + " (" + all + ")");
        }
        if (all.startsWith("Transparency log entry could not be verified")) {
            return classifyLog(all, trustRootLabel);
        }
        if (all.startsWith("Could not extract body from log entry") || all.startsWith("Unexpected rekor type")
                || all.startsWith("Could not parse DSSE from log entry body") || all.startsWith("Unsupported DSSE version")
                || all.startsWith("Cannot process DSSE entry") || all.startsWith("Could not decode hex")
                || all.startsWith("Unsupported digest algorithm in log entry")) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log entry body is unusable (" + all + ")");
        }
        return reject(RejectionReason.VERIFICATION_FAILED, "Sigstore verification failed: " + all);
    }

    private static AttestationResult.Rejected classifyLog(String all, String trustRootLabel) {
        if (all.contains("No inclusion proof") || all.contains("Inclusion proof verification failed")) {
            return reject(RejectionReason.INCLUSION_PROOF, "the inclusion proof does not lead from the log entry to "
                    + "the root hash (" + all + ")");
        }
        if (all.contains("Entry SET")) {
            return reject(RejectionReason.SIGNED_ENTRY_TIMESTAMP, "the log's signed entry timestamp does not verify "
                    + "over this entry's body, integrated time, log id and log index (" + all + ")");
        }
        if (all.contains("does not match any provided transparency logs")) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log of this entry is not in the "
                    + trustRootLabel + " (" + all + ")");
        }
        if (all.toLowerCase(java.util.Locale.ROOT).contains("checkpoint")) {
            return reject(RejectionReason.CHECKPOINT, "the checkpoint (the log's signed tree head) does not verify ("
                    + all + ")");
        }
        return reject(RejectionReason.TRANSPARENCY_LOG, "the transparency log entry does not verify (" + all + ")");
    }

    private static AttestationResult.Rejected reject(RejectionReason reason, String message) {
        return new AttestationResult.Rejected(reason, message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** "message: cause message: ..." without repeats, on one line. */
    static String messageChain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !sb.toString().contains(m.strip())) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(m.strip());
            }
        }
        return sb.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
