package dev.pylocktrust.verify;

import dev.pylocktrust.report.Severity;

/**
 * Every kind of finding {@code verify} reports: the stable {@code code} of the JSON output and of annotations. The
 * table in docs/verify.md and the JSON Schema's enum list the same codes; a test keeps them in step.
 */
public enum VerifyCode {
    /** A file's verified attestations come from an identity the lock does not record for the package. */
    IDENTITY_MISMATCH("identity-mismatch", Severity.FAILURE, false),
    /** The package has locked identities, but the index publishes no provenance for the file. */
    ATTESTATION_MISSING("attestation-missing", Severity.FAILURE, false),
    /** The provenance does not verify (signature, certificate, log proof, subject, digest, publisher). */
    ATTESTATION_INVALID("attestation-invalid", Severity.FAILURE, false),
    /** The package has locked identities, but the index serves no provenance at all (pre-PEP 740 API). */
    PROVENANCE_UNSUPPORTED("provenance-unsupported", Severity.FAILURE, false),
    /** Attestations are required (flag or lock policy) but the package has no locked identity to check. */
    ATTESTATION_REQUIRED("attestation-required", Severity.FAILURE, false),
    /** No file with the locked sha256 is on the index's page. */
    NOT_ON_INDEX("not-on-index", Severity.FAILURE, false),
    /** The lock records no sha256 for a selected file, so no attestation can be bound to it. */
    MISSING_SHA256("missing-sha256", Severity.FAILURE, false),
    /** A vcs, directory or archive package has locked identities, which no index attestation can satisfy. */
    UNVERIFIABLE_SOURCE("unverifiable-source", Severity.FAILURE, false),
    /** A selected file is not in the wheelhouse. */
    WHEELHOUSE_MISSING("wheelhouse-missing", Severity.FAILURE, false),
    /** A wheelhouse file has a selected file's name but other content. */
    WHEELHOUSE_HASH_MISMATCH("wheelhouse-hash-mismatch", Severity.FAILURE, false),
    /** A distribution file in the wheelhouse is not a selected file. */
    WHEELHOUSE_UNEXPECTED_FILE("wheelhouse-unexpected-file", Severity.FAILURE, false),
    /** pip would install a project the lock does not contain (or not at that version). */
    PIP_REPORT_NOT_LOCKED("pip-report-not-locked", Severity.FAILURE, false),
    /** pip would install a file of a locked release whose sha256 is not locked (or that has no hash). */
    PIP_REPORT_HASH_MISMATCH("pip-report-hash-mismatch", Severity.FAILURE, false),
    /** The index could not be asked about a file; nothing was decided for it. */
    LOOKUP_FAILED("lookup-failed", Severity.FAILURE, true),
    /** {@code --offline}: the file's page or provenance is not in the cache; nothing was decided for it. */
    NOT_IN_CACHE("not-in-cache", Severity.FAILURE, true),
    /** Something in the lock file deserves attention (a newer minor lock-version, ...). */
    LOCKFILE_WARNING("lockfile-warning", Severity.WARNING, false);

    private final String code;
    private final Severity severity;
    private final boolean undecided;

    VerifyCode(String code, Severity severity, boolean undecided) {
        this.code = code;
        this.severity = severity;
        this.undecided = undecided;
    }

    /** The stable kebab-case code. */
    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** True when the finding means "not checked" (exit 3) rather than "checked and failed" (exit 1). */
    public boolean undecided() {
        return undecided;
    }

    /** The code with this text, if it is one of ours. */
    public static java.util.Optional<VerifyCode> of(String code) {
        for (VerifyCode c : values()) {
            if (c.code.equals(code)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
