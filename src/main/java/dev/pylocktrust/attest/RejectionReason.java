package dev.pylocktrust.attest;

import java.util.Locale;

/** Why an attestation was rejected: one constant per class of failure, each with a short summary for reports. */
public enum RejectionReason {
    /** The attestation or its statement is not well-formed (bad JSON, base64, certificate encoding). */
    MALFORMED("malformed attestation"),
    /** A valid construct that pylock-trust cannot verify (yet), e.g. an unknown publisher kind or log entry kind. */
    UNSUPPORTED("unsupported attestation"),
    /** The certificate does not chain to a Fulcio CA of the trusted root, or its SCT is invalid. */
    CERTIFICATE_CHAIN("certificate not issued by the trusted Fulcio CA"),
    /** The certificate's identity extensions cannot be decoded. */
    CERTIFICATE_CLAIMS("certificate identity claims unreadable"),
    /** The DSSE signature does not verify over the statement with the certificate's key. */
    SIGNATURE("invalid signature"),
    /** The transparency log entry records a different statement or signature: it belongs to another attestation. */
    LOG_ENTRY_MISMATCH("transparency log entry does not match the attestation"),
    /** The transparency log entry records a different certificate than the attestation carries. */
    LOG_CERTIFICATE_MISMATCH("certificate differs from the one in the transparency log"),
    /** The transparency log entry is unusable or from a log the trusted root does not know. */
    TRANSPARENCY_LOG("transparency log entry not verifiable"),
    /** The signed entry timestamp (the log's inclusion promise) is missing or invalid. */
    SIGNED_ENTRY_TIMESTAMP("signed entry timestamp missing or invalid"),
    /** The inclusion proof is missing or does not lead to the root hash. */
    INCLUSION_PROOF("inclusion proof missing or invalid"),
    /** The checkpoint (signed tree head) is missing, unsigned by the log, or for another root. */
    CHECKPOINT("checkpoint invalid"),
    /** An RFC 3161 timestamp does not verify against the trusted root's timestamp authorities. */
    TIMESTAMP("RFC 3161 timestamp invalid"),
    /** The signing time (log integrated time or RFC 3161 time) is outside the certificate's validity. */
    TIME_OUTSIDE_VALIDITY("signing time outside the certificate validity"),
    /** The statement is not an in-toto v1 statement. */
    STATEMENT("not an in-toto v1 statement"),
    /** The statement does not have exactly one subject. */
    SUBJECT_COUNT("statement must have exactly one subject"),
    /** The subject names another distribution, or is not a valid wheel or sdist filename. */
    SUBJECT_NAME("subject is another distribution"),
    /** The subject's sha256 is not the distribution's. */
    DIGEST("sha256 differs"),
    /** The predicate type is neither PyPI publish v1 nor SLSA provenance v1. */
    PREDICATE_TYPE("predicate type not allowed"),
    /** The certificate was issued to an identity other than the publisher the index asserts. */
    PUBLISHER_MISMATCH("signer is not the asserted publisher"),
    /** sigstore-java rejected the attestation for a reason not classified above (the message says which). */
    VERIFICATION_FAILED("Sigstore verification failed");

    private final String summary;

    RejectionReason(String summary) {
        this.summary = summary;
    }

    /** A few words for humans, e.g. {@code invalid signature}. */
    public String summary() {
        return summary;
    }

    /** The stable machine name used in JSON output, e.g. {@code signature}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
