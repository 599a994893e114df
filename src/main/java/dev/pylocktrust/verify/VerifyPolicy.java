package dev.pylocktrust.verify;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.report.Finding;
import dev.pylocktrust.report.SourceLocation;
import dev.pylocktrust.report.VerifyReport.FileResult;
import dev.pylocktrust.report.VerifyReport.Identity;
import dev.pylocktrust.report.VerifyReport.PackageResult;
import dev.pylocktrust.report.VerifyReport.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The trust decision of {@code verify}, per selected file. Pure: the lock, the plan and the evidence in; verdicts and
 * findings out. No network, no clock, no files.
 *
 * <p>The rules, in order (the locked identities of a package are its {@code [[packages.attestation-identities]]}):
 * <ol>
 *   <li>A file without a locked sha256 cannot be bound to any attestation: failure.</li>
 *   <li>Provenance that does not verify is a failure, whether or not identities are locked: someone served a
 *       forged, damaged or misattributed document.</li>
 *   <li>A file the index does not list with its locked sha256 is a failure (its content changed or it vanished);
 *       with {@code --offline} against a remote index the cached page may simply be older than the lock, so it is
 *       "not in cache" (undecided, exit 3).</li>
 *   <li>Package with locked identities: the file's verified identities must include one equal to a locked identity
 *       ({@link Publisher#sameIdentity}, the same rule as {@code lock}); another identity is a failure. No provenance
 *       (or an index without provenance support) is a failure: an attestation was removed or downgraded. The one
 *       exception is a file that the lock itself records as {@code no-provenance}: it never had an attestation,
 *       its content is pinned by sha256, so nothing was removed.</li>
 *   <li>Package without locked identities: it passes, reported as unattested, unless attestations are required for
 *       it ({@code --require-attestations}, or {@code [tool.pylock-trust] require-attestations} lists it), in which
 *       case it fails: without a locked identity there is nothing to hold the publisher to.
 *       {@code allow-unattested} exempts a package from {@code --require-attestations}.</li>
 *   <li>The index could not be asked: undecided (exit 3), never a pass.</li>
 * </ol>
 */
public final class VerifyPolicy {
    /**
     * @param requireAttestations {@code --require-attestations}: packages without locked identities fail
     * @param offline {@code --offline}: every answer comes from the cache, so a lookup failure is a cache miss
     * @param remoteIndex the index is a URL (not a mirror directory), so offline pages are cached copies that may be
     *     older than the lock
     */
    public record Options(boolean requireAttestations, boolean offline, boolean remoteIndex) {
        boolean cachedPagesOnly() {
            return offline && remoteIndex;
        }
    }

    /** Verdicts per package, and the findings, failures first. */
    public record Judgement(List<PackageResult> packages, List<Finding> findings) {
        public Judgement {
            packages = List.copyOf(packages);
            findings = List.copyOf(findings);
        }
    }

    private final ParsedLockfile parsed;
    private final Options options;

    public VerifyPolicy(ParsedLockfile parsed, Options options) {
        this.parsed = parsed;
        this.options = options;
    }

    /**
     * Judges every planned file.
     *
     * @param evidence by sha256, for every planned file that has one
     * @throws dev.pylocktrust.UsageException when a locked identity is malformed (named with its line)
     */
    public Judgement judge(Plan plan, Map<String, FileEvidence> evidence) {
        List<PackageResult> packages = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (PlannedPackage planned : plan.packages()) {
            packages.add(judgePackage(planned, evidence, findings));
        }
        return new Judgement(packages, findings);
    }

    private PackageResult judgePackage(PlannedPackage planned, Map<String, FileEvidence> evidence,
                                       List<Finding> findings) {
        LockedPackage p = planned.pkg();
        List<Publisher> locked = LockedIdentities.of(parsed, p);
        Context c = new Context(p, locked, LockedIdentities.views(locked), required(p), location(p), findings);
        List<FileResult> files = new ArrayList<>();
        boolean packageFailed = false;
        if (p.isDirect()) {
            packageFailed = judgeDirect(c);
        }
        for (LockedFile file : planned.files()) {
            files.add(judgeFile(c, file, file.sha256().map(evidence::get)));
        }
        return new PackageResult(p.name(), p.version(), c.location, packageStatus(c, files, packageFailed),
                c.lockedViews, files);
    }

    /** What every file of one package is judged against. */
    private record Context(LockedPackage pkg, List<Publisher> locked, List<Identity> lockedViews,
                           Optional<String> requiredBy, Optional<SourceLocation> location, List<Finding> findings) {
        String label() {
            return pkg.version().map(v -> pkg.name() + " " + v).orElse(pkg.name());
        }

        void add(VerifyCode code, Optional<String> file, String message, String detail, String hint) {
            findings.add(new Finding(code.severity(), code.code(), pkg.name(), file, message, detail, hint,
                    location));
        }
    }

    private boolean judgeDirect(Context c) {
        String kind = c.pkg.vcs().isPresent() ? "vcs" : c.pkg.directory().isPresent() ? "directory" : "archive";
        if (!c.locked.isEmpty()) {
            c.add(VerifyCode.UNVERIFIABLE_SOURCE, Optional.empty(), c.label() + ": a " + kind + " source cannot "
                    + "carry index attestations, but the lock file records publisher identities for it",
                    "expected: " + describe(c.lockedViews), "lock it from an index, or remove its "
                            + "attestation-identities after review");
            return true;
        }
        if (c.requiredBy.isPresent()) {
            c.add(VerifyCode.ATTESTATION_REQUIRED, Optional.empty(), c.label() + ": attestations are required, but "
                    + "it is a " + kind + " source, which has no index attestations", "required by: "
                    + c.requiredBy.get(), allowHint(c.pkg.name()));
            return true;
        }
        return false;
    }

    private FileResult judgeFile(Context c, LockedFile file, Optional<FileEvidence> found) {
        String name = file.filename();
        Optional<String> fileOpt = Optional.of(name);
        if (file.sha256().isEmpty()) {
            c.add(VerifyCode.MISSING_SHA256, fileOpt, c.label() + ": " + name + " has no sha256 in the lock file; "
                    + "attestations bind files by sha256", "found: hashes " + String.join(", ", file.hashes().keySet()),
                    "re-lock with a tool that records sha256 hashes (pylock-trust lock, uv export, pip lock)");
            return result(file, Status.FAILED, List.of(), List.of(), false, "no sha256 in the lock file");
        }
        FileEvidence e = found.orElseThrow(() -> new IllegalStateException("no evidence gathered for " + name));
        String expected = "expected: " + (c.locked.isEmpty() ? "valid attestations (no identity is locked)"
                : describe(c.lockedViews));

        if (e instanceof FileEvidence.Invalid inv) {
            c.add(VerifyCode.ATTESTATION_INVALID, fileOpt, c.label() + ": " + name + " has provenance that does not "
                    + "verify", expected + "\nfound:    " + inv.reason(), "do not install it: the provenance is "
                    + "forged, damaged or about another file; if your index uses a private Sigstore instance, pass "
                    + "its --trusted-root");
            return result(file, Status.FAILED, List.of(), List.of(), false, inv.reason());
        }
        if (e instanceof FileEvidence.LookupFailed lf) {
            boolean miss = options.offline();
            String hint = lf.error().hints().isEmpty() ? "retry; a network error is never a pass"
                    : String.join("; ", lf.error().hints());
            c.add(miss ? VerifyCode.NOT_IN_CACHE : VerifyCode.LOOKUP_FAILED, fileOpt, c.label() + ": " + name
                    + (miss ? " is not in cache: nothing was checked" : " could not be checked: the index failed"),
                    "found: " + lf.error().getMessage(), hint);
            return result(file, Status.INCOMPLETE, List.of(), List.of(), false, lf.error().getMessage());
        }
        if (e instanceof FileEvidence.NotOnIndex n) {
            if (options.cachedPagesOnly()) {
                c.add(VerifyCode.NOT_IN_CACHE, fileOpt, c.label() + ": " + name + " is not in cache: the cached "
                        + "project page does not list it", "found: " + n.why(), "run once online with the same "
                        + "--cache-dir first (the cache may be older than the lock file)");
                return result(file, Status.INCOMPLETE, List.of(), List.of(), false, n.why());
            }
            c.add(VerifyCode.NOT_ON_INDEX, fileOpt, c.label() + ": " + name + " is not on the index with its locked "
                    + "sha256", "expected: sha256 " + file.sha256().get() + "\nfound:    " + n.why(),
                    "check that --index-url is the index the lock was made from"
                            + c.pkg.index().map(i -> " (the lock says " + i + ")").orElse("")
                            + "; a file that vanished or changed content must not be installed");
            return result(file, Status.FAILED, List.of(), List.of(), false, n.why());
        }
        if (e instanceof FileEvidence.Attested a) {
            return judgeAttested(c, file, a, expected);
        }
        String why = e instanceof FileEvidence.NoProvenance np ? "no provenance published (" + np.why() + ")"
                : "the index serves no provenance (" + ((FileEvidence.ProvenanceUnsupported) e).why() + ")";
        return judgeUnattested(c, file, why, e instanceof FileEvidence.ProvenanceUnsupported, expected);
    }

    private FileResult judgeAttested(Context c, LockedFile file, FileEvidence.Attested a, String expected) {
        String name = file.filename();
        List<Identity> found = a.identities().stream().map(VerifiedIdentity::publisher)
                .map(LockedIdentities::view).toList();
        List<Long> logs = a.attestations().stream().map(VerifiedAttestation::logIndex).toList();
        if (c.locked.isEmpty()) {
            if (c.requiredBy.isPresent()) {
                c.add(VerifyCode.ATTESTATION_REQUIRED, Optional.of(name), c.label() + ": attestations are required, "
                        + "but the lock file records no publisher identity to check " + name + " against",
                        "required by: " + c.requiredBy.get() + "\nfound:    attested by " + describe(found)
                                + " (verified, not locked)", recordHint(c.pkg.name()));
                return result(file, Status.FAILED, found, logs, a.fromCache(), "no locked identity");
            }
            return result(file, Status.UNATTESTED, found, logs, a.fromCache(), "no identity locked for the package");
        }
        boolean matches = a.identities().stream()
                .anyMatch(id -> c.locked.stream().anyMatch(l -> l.sameIdentity(id.publisher())));
        if (matches) {
            return result(file, Status.ATTESTED, found, logs, a.fromCache(), "");
        }
        c.add(VerifyCode.IDENTITY_MISMATCH, Optional.of(name), c.label() + ": " + name + " is attested by "
                + describe(found) + ", not by an identity the lock file trusts", expected + "\nfound:    "
                + describe(found) + " (verified, log index " + logs.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")",
                "if the project really changed publisher (e.g. moved repositories), review it and record it: "
                        + "pylock-trust lock --accept-identity-change " + c.pkg.name() + " --reason \"...\"; "
                        + "otherwise do not install it");
        return result(file, Status.FAILED, found, logs, a.fromCache(), "attested by another identity");
    }

    private FileResult judgeUnattested(Context c, LockedFile file, String why, boolean unsupported, String expected) {
        String name = file.filename();
        if (!c.locked.isEmpty()) {
            if (recordedWithoutProvenance(c.pkg, file)) {
                return result(file, Status.UNATTESTED, List.of(), List.of(), false, why
                        + "; the lock records this file as never attested");
            }
            if (unsupported) {
                c.add(VerifyCode.PROVENANCE_UNSUPPORTED, Optional.of(name), c.label() + ": " + name + " cannot be "
                        + "checked: the index serves no provenance", expected + "\nfound:    " + why,
                        "use an index that serves PEP 740 provenance (PyPI, or a mirror with Simple API 1.3 or "
                                + "later), or give --integrity-url");
            } else {
                c.add(VerifyCode.ATTESTATION_MISSING, Optional.of(name), c.label() + ": " + name + " has no "
                        + "attestation, but the lock file trusts only attested files for this package",
                        expected + "\nfound:    " + why, "do not install it until you know why the attestation is "
                                + "gone (a publisher that stopped attesting, or a file uploaded by someone else); if "
                                + "it is legitimate, re-lock and review the change with pylock-trust diff");
            }
            return result(file, Status.FAILED, List.of(), List.of(), false, why);
        }
        if (c.requiredBy.isPresent()) {
            c.add(VerifyCode.ATTESTATION_REQUIRED, Optional.of(name), c.label() + ": attestations are required, but "
                    + name + " has none and the lock file records no publisher identity", "required by: "
                    + c.requiredBy.get() + "\nfound:    " + why, allowHint(c.pkg.name()));
            return result(file, Status.FAILED, List.of(), List.of(), false, why);
        }
        return result(file, Status.UNATTESTED, List.of(), List.of(), false, why);
    }

    private static boolean recordedWithoutProvenance(LockedPackage p, LockedFile file) {
        return p.attestationRecords().stream().anyMatch(r -> r.status() == FileAttestationRecord.Status.NO_PROVENANCE
                && file.sha256().filter(r.sha256()::equals).isPresent());
    }

    private static Status packageStatus(Context c, List<FileResult> files, boolean packageFailed) {
        if (packageFailed || files.stream().anyMatch(f -> f.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (files.stream().anyMatch(f -> f.status() == Status.INCOMPLETE)) {
            return Status.INCOMPLETE;
        }
        if (!c.locked.isEmpty() && files.stream().anyMatch(f -> f.status() == Status.ATTESTED)) {
            return Status.ATTESTED;
        }
        return Status.UNATTESTED;
    }

    /** Why attestations are required for this package, or empty if they are not. */
    private Optional<String> required(LockedPackage p) {
        TrustPolicy policy = parsed.lockfile().policy();
        if (policy.requireAttestations().contains(p.name())) {
            return Optional.of("[tool.pylock-trust] require-attestations in " + parsed.file());
        }
        if (options.requireAttestations() && !policy.allowUnattested().contains(p.name())) {
            return Optional.of("--require-attestations");
        }
        return Optional.empty();
    }

    private Optional<SourceLocation> location(LockedPackage p) {
        var line = parsed.sourceMap().lineOf(p);
        return line.isPresent() ? Optional.of(new SourceLocation(parsed.file(), line.getAsInt())) : Optional.empty();
    }

    private static FileResult result(LockedFile file, Status status, List<Identity> found, List<Long> logs,
                                     boolean fromCache, String reason) {
        return new FileResult(file.filename(), file.sha256(), status, found, logs, fromCache, reason);
    }

    private static String describe(List<Identity> identities) {
        return identities.stream().map(Identity::description).collect(Collectors.joining(" or "));
    }

    private static String recordHint(String name) {
        return "record the publisher identity: pylock-trust lock (then review the added attestation-identities of "
                + name + "), or accept it without attestations in [tool.pylock-trust] allow-unattested";
    }

    private static String allowHint(String name) {
        return "if " + name + " is known not to publish attestations, accept it explicitly in [tool.pylock-trust] "
                + "allow-unattested (reviewed in the lock file's diff)";
    }
}
