package dev.pylocktrust.testkit;

/**
 * Deliberate defects the test Sigstore can build into a minted attestation. Every other part of the attestation stays
 * valid, so each fault is caught by exactly the check it names. "sigstore-java" below means
 * {@code KeylessVerifier.verify} 2.0.0 with the generated trusted root; "ours" means a check sigstore-java 2.0.0 does
 * not make and pylock-trust's verifier must (see {@code sigstore-java-notes.md}).
 */
public enum Fault {
    /**
     * The log integrated the entry 60 s after the leaf's notAfter: the certificate had expired when the signature
     * was logged. Ours (log time inside certificate validity).
     */
    EXPIRED_AT_LOG_TIME,
    /**
     * The log's integrated time is 60 s before the leaf's notBefore: the log claims to have seen the signature before
     * the certificate existed. Ours (log time inside certificate validity).
     */
    LOG_TIME_OUTSIDE_VALIDITY,
    /**
     * The embedded SCT claims the trusted CT log's id but is signed by another key. sigstore-java:
     * "Fulcio certificate was not valid: No valid SCTs were found ...".
     */
    WRONG_CT_KEY,
    /**
     * The leaf is issued by a CA with the same names as the trusted one but other keys (its SCT is genuine).
     * sigstore-java: "Fulcio certificate was not valid: Certificate was not verifiable against CAs ...".
     */
    UNTRUSTED_CA,
    /**
     * The statement has a second subject ({@code evil-6.6.6.tar.gz}) after the requested one. Ours (exactly one
     * subject); sigstore-java accepts it because one subject matches the digest.
     */
    TWO_SUBJECTS,
    /** The statement's predicate type is {@code https://slsa.dev/provenance/v0.2}. Ours (allowed predicate types). */
    WRONG_PREDICATE_TYPE,
    /**
     * The DSSE signature (in the envelope and, consistently, in the log entry) covers another statement.
     * sigstore-java: "DSSE signature was not valid".
     */
    BAD_DSSE_SIGNATURE,
    /**
     * The SET and checkpoint are signed by another key while the entry claims the trusted log's id. sigstore-java:
     * "Transparency log entry could not be verified" (cause "Entry SET was not valid").
     */
    WRONG_LOG_KEY,
    /**
     * The SET is genuine but the checkpoint is signed by another key (with the trusted log's key hint).
     * sigstore-java: "Transparency log entry could not be verified" (cause "Checkpoint signature was invalid").
     */
    WRONG_CHECKPOINT_KEY,
    /**
     * The entry comes from another transparency log (its own key, id, tree, SET and checkpoint), one the trusted root
     * does not list. sigstore-java: "Transparency log entry could not be verified" (cause "Log entry (logid) does not
     * match any provided transparency logs.").
     */
    UNTRUSTED_LOG,
    /**
     * One inclusion-proof hash is corrupted (or, for a one-leaf tree, a bogus hash is added). sigstore-java:
     * "Transparency log entry could not be verified" (cause "Inclusion proof verification failed").
     */
    BAD_INCLUSION_PROOF,
    /**
     * The log entry's {@code verifier} is another valid leaf certificate (same identity, other key) than the
     * attestation's. Ours (the log entry's certificate is the attestation's); sigstore-java 2.0.0 does not compare them
     * for dsse 0.0.1 entries.
     */
    LOG_ENTRY_OTHER_CERTIFICATE,
}
