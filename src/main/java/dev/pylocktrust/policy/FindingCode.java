package dev.pylocktrust.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of finding that {@code lock}, {@code verify} and {@code diff} report: one vocabulary, the stable
 * {@code code} of the JSON output and of annotations. A trust rule has one code whichever command applies it; the
 * README's table and the JSON schemas list the same codes, and a test keeps them in step.
 *
 * <p>Each code has one severity in {@code lock} and {@code verify} ({@link #severity()}); {@code diff} shows a change
 * as an error exactly when it fails the command at the chosen {@code --fail-on} level.
 */
public enum FindingCode {
    // ---- trust rules (the policy core) ----
    IDENTITY_CHANGED("identity-changed", Severity.FAILURE, Command.ALL,
            "a file is attested by an identity the lock does not record for the package"),
    IDENTITY_RECREATED("identity-recreated", Severity.FAILURE, Command.ALL,
            "a file is attested by the locked names, but the certificate signs other repository or owner ids than "
                    + "the lock records: the repository or its owner account was deleted and re-created"),
    IDENTITY_AMBIGUOUS("identity-ambiguous", Severity.FAILURE, Command.LOCK_AND_DIFF,
            "at first use, a file is attested by several identities, or the release's files by identities of "
                    + "different repositories"),
    IDENTITY_CHANGE_APPROVED("identity-change-approved", Severity.WARNING, Command.LOCK_AND_DIFF,
            "an identity change (or re-created identity) accepted with --accept-identity-change and recorded in "
                    + "approved-identity-changes"),
    IDENTITY_AMBIGUOUS_APPROVED("identity-ambiguous-approved", Severity.WARNING, Command.LOCK_AND_DIFF,
            "several identities at first use, accepted with --accept-identity-change and recorded in "
                    + "approved-identity-changes"),
    ATTESTATION_INVALID("attestation-invalid", Severity.FAILURE, Command.ALL,
            "provenance that does not verify (signature, certificate, log proof, subject, digest, publisher)"),
    ATTESTATION_MISSING("attestation-missing", Severity.FAILURE, Command.ALL,
            "a file without provenance in a package with locked identities"),
    ATTESTATION_MISSING_ALLOWED("attestation-missing-allowed", Severity.WARNING, Command.ALL,
            "a file without provenance (or a source that has none) in a package with locked identities, allowed "
                    + "by allow-unattested"),
    PROVENANCE_UNSUPPORTED("provenance-unsupported", Severity.FAILURE, Command.ALL,
            "the index serves no provenance at all, but the package has locked identities"),
    PROVENANCE_UNKNOWN("provenance-unknown", Severity.WARNING, Command.LOCK_ONLY,
            "the index serves no provenance, so nothing is known about the publisher of a package locked for the "
                    + "first time"),
    ATTESTATION_REQUIRED("attestation-required", Severity.FAILURE, Command.ALL,
            "attestations are required for the package (require-attestations or --require-attestations), and a "
                    + "file is not attested by a locked identity"),
    UNVERIFIABLE_SOURCE("unverifiable-source", Severity.FAILURE, Command.ALL,
            "a package with locked identities comes from a vcs, directory or archive source, which carries no "
                    + "index attestations"),
    HASH_CHANGED("hash-changed", Severity.FAILURE, Command.ALL,
            "the same file with another hash (any algorithm): other bytes under a name published before"),
    NOT_ON_INDEX("not-on-index", Severity.FAILURE, Command.LOCK_AND_VERIFY,
            "no file with the locked sha256 is on the index, or the index lists it under another filename"),
    MISSING_SHA256("missing-sha256", Severity.FAILURE, Command.VERIFY_ONLY,
            "the lock records no sha256 for a selected file, so no attestation can be bound to it"),
    LOCK_INCONSISTENT("lock-inconsistent", Severity.FAILURE, Command.ALL,
            "the lock contradicts itself: files recorded as verified in a package without identities, or "
                    + "records that match no file"),
    LOOKUP_FAILED("lookup-failed", Severity.FAILURE, Command.VERIFY_ONLY,
            "the index could not be asked about a file; nothing was decided (exit 3)"),
    NOT_IN_CACHE("not-in-cache", Severity.FAILURE, Command.VERIFY_ONLY,
            "--offline: the file's page or provenance is not in the cache; nothing was decided (exit 3)"),
    FIRST_USE("first-use", Severity.NOTICE, Command.LOCK_AND_DIFF,
            "identities recorded for a package that had none (trust on first use)"),
    IDENTITY_REMOVED("identity-removed", Severity.NOTICE, Command.LOCK_AND_DIFF,
            "a locked identity no longer signs any file and is no longer recorded"),
    EXTRA_IDENTITY("extra-identity", Severity.NOTICE, Command.LOCK_ONLY,
            "a file is also signed by an identity that is not locked; it is not recorded"),
    APPROVAL_UNUSED("approval-unused", Severity.WARNING, Command.LOCK_ONLY,
            "--accept-identity-change was given for a package whose identity did not change"),

    // ---- lock: what was chosen ----
    NOT_FROM_INDEX("not-from-index", Severity.WARNING, Command.LOCK_ONLY,
            "a vcs, directory or archive source without locked identities, kept as it is"),
    YANKED("yanked", Severity.WARNING, Command.LOCK_ONLY, "a locked file is yanked on the index"),
    SDIST_SKIPPED("sdist-skipped", Severity.WARNING, Command.LOCK_ONLY,
            "a release has a second sdist; a package entry holds one"),
    RESOLUTION("resolution", Severity.WARNING, Command.LOCK_ONLY, "something the resolver wants you to know"),

    // ---- verify: what is installed ----
    WHEELHOUSE_MISSING("wheelhouse-missing", Severity.FAILURE, Command.VERIFY_ONLY,
            "a selected file is not in the wheelhouse"),
    WHEELHOUSE_HASH_MISMATCH("wheelhouse-hash-mismatch", Severity.FAILURE, Command.VERIFY_ONLY,
            "a wheelhouse file has a selected file's name but other content"),
    WHEELHOUSE_UNEXPECTED_FILE("wheelhouse-unexpected-file", Severity.FAILURE, Command.VERIFY_ONLY,
            "a distribution file in the wheelhouse is not a selected file"),
    PIP_REPORT_NOT_LOCKED("pip-report-not-locked", Severity.FAILURE, Command.VERIFY_ONLY,
            "pip would install a project the lock does not contain (or not at that version)"),
    PIP_REPORT_HASH_MISMATCH("pip-report-hash-mismatch", Severity.FAILURE, Command.VERIFY_ONLY,
            "pip would install a file of a locked release whose sha256 is not locked"),
    MARKER_UNDECIDED("marker-undecided", Severity.NOTICE, Command.VERIFY_ONLY,
            "a package's marker cannot be decided for the target (it reads a value the target does not fix), so "
                    + "the package is checked"),
    LOCKFILE_WARNING("lockfile-warning", Severity.WARNING, Command.VERIFY_ONLY,
            "something in the lock file deserves attention (a newer minor lock-version, ...)"),

    // ---- diff: what changed ----
    FILE_HOST_CHANGED("file-host-changed", Severity.FAILURE, Command.DIFF_ONLY,
            "files come from another host than before"),
    INDEX_CHANGED("index-changed", Severity.FAILURE, Command.DIFF_ONLY, "the package comes from another index"),
    SOURCE_CHANGED("source-changed", Severity.FAILURE, Command.DIFF_ONLY,
            "a vcs, directory or archive source changed (another kind or place: rank 3; a new commit: routine)"),
    PACKAGE_ADDED("package-added", Severity.WARNING, Command.DIFF_ONLY, "a package entry was added"),
    PACKAGE_REMOVED("package-removed", Severity.WARNING, Command.DIFF_ONLY, "a package entry was removed"),
    VERSION_UPGRADED("version-upgraded", Severity.NOTICE, Command.DIFF_ONLY, "a package's version went up"),
    VERSION_DOWNGRADED("version-downgraded", Severity.NOTICE, Command.DIFF_ONLY, "a package's version went down"),
    FILES_CHANGED("files-changed", Severity.NOTICE, Command.DIFF_ONLY,
            "files added to, removed from or moved within the same release"),
    MARKER_CHANGED("marker-changed", Severity.NOTICE, Command.DIFF_ONLY, "a package's marker changed"),
    REQUIRES_PYTHON_CHANGED("requires-python-changed", Severity.NOTICE, Command.DIFF_ONLY,
            "a package's requires-python changed"),
    ENVIRONMENTS_CHANGED("environments-changed", Severity.NOTICE, Command.DIFF_ONLY,
            "the lock's environments changed"),
    POLICY_APPROVAL_ADDED("policy-approval-added", Severity.WARNING, Command.DIFF_ONLY,
            "an approved identity change was added to [tool.pylock-trust]"),
    POLICY_APPROVAL_REMOVED("policy-approval-removed", Severity.NOTICE, Command.DIFF_ONLY,
            "an approved identity change was removed from [tool.pylock-trust]"),
    POLICY_ALLOW_UNATTESTED_ADDED("policy-allow-unattested-added", Severity.WARNING, Command.DIFF_ONLY,
            "a package was added to allow-unattested"),
    POLICY_ALLOW_UNATTESTED_REMOVED("policy-allow-unattested-removed", Severity.NOTICE, Command.DIFF_ONLY,
            "a package was removed from allow-unattested"),
    POLICY_REQUIRE_ATTESTATIONS_ADDED("policy-require-attestations-added", Severity.NOTICE, Command.DIFF_ONLY,
            "a package was added to require-attestations"),
    POLICY_REQUIRE_ATTESTATIONS_REMOVED("policy-require-attestations-removed", Severity.WARNING, Command.DIFF_ONLY,
            "a package was removed from require-attestations");

    /** The commands that report a code. */
    public enum Command {
        LOCK, VERIFY, DIFF;

        static final Set<Command> ALL = EnumSet.allOf(Command.class);
        static final Set<Command> LOCK_AND_VERIFY = EnumSet.of(LOCK, VERIFY);
        static final Set<Command> LOCK_AND_DIFF = EnumSet.of(LOCK, DIFF);
        static final Set<Command> LOCK_ONLY = EnumSet.of(LOCK);
        static final Set<Command> VERIFY_ONLY = EnumSet.of(VERIFY);
        static final Set<Command> DIFF_ONLY = EnumSet.of(DIFF);
    }

    private final String code;
    private final Severity severity;
    private final Set<Command> commands;
    private final String description;

    FindingCode(String code, Severity severity, Set<Command> commands, String description) {
        this.code = code;
        this.severity = severity;
        this.commands = Set.copyOf(commands);
        this.description = description;
    }

    /** The stable kebab-case code. */
    public String code() {
        return code;
    }

    /** The severity in {@code lock} and {@code verify}. */
    public Severity severity() {
        return severity;
    }

    /** The commands that report this code. */
    public Set<Command> commands() {
        return commands;
    }

    /** One line for the documentation. */
    public String description() {
        return description;
    }

    /** True when the finding means "not checked" (exit 3) rather than "checked and failed" (exit 1). */
    public boolean undecided() {
        return this == LOOKUP_FAILED || this == NOT_IN_CACHE;
    }

    /** The code with this text, if it is one of ours. */
    public static Optional<FindingCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
