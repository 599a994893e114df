package dev.pylocktrust.verify;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.PolicyEvidence;
import dev.pylocktrust.lock.Expectations;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Approver;
import dev.pylocktrust.policy.CheckedFile;
import dev.pylocktrust.policy.Expectation;
import dev.pylocktrust.policy.FileVerdict;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.HashRule;
import dev.pylocktrust.policy.LockedIdentity;
import dev.pylocktrust.policy.PackageDecision;
import dev.pylocktrust.policy.PackageRules;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.TrustRules;
import dev.pylocktrust.policy.Verdict;
import dev.pylocktrust.report.VerifyReport.FileResult;
import dev.pylocktrust.report.VerifyReport.Identity;
import dev.pylocktrust.report.VerifyReport.PackageResult;
import dev.pylocktrust.index.IndexFile;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust decision of {@code verify}: a thin caller of the policy core ({@link TrustRules}), with the lock being
 * verified as the expectation and the index's evidence for the selected files. Pure: the lock, the plan and the
 * evidence in; verdicts and findings out.
 *
 * <p>Before the rules, the lock is checked against itself ({@link Expectations#consistency}): records that say a file
 * was verified in a package without identities, or a hash changed after the file was verified, are failures. Every
 * hash the lock records for a file must be confirmed by the index's listing of it; one the index does not list
 * cannot be checked, which is an input error (exit 2).
 */
public final class VerifyPolicy {
    /**
     * @param requireAttestations {@code --require-attestations}: every package not in {@code allow-unattested} must
     *     be attested by a locked identity
     * @param offline {@code --offline}: every answer comes from the cache, so a lookup failure is a cache miss
     * @param remoteIndex the index is a URL (not a mirror directory), so offline pages are cached copies that may be
     *     older than the lock
     * @param wheelhouse a {@code --wheelhouse} is checked too: hashes the index does not list are checked against the
     *     files' bytes there
     */
    public record Options(boolean requireAttestations, boolean offline, boolean remoteIndex, boolean wheelhouse) {
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
     * @throws UsageException when a locked identity is malformed (named with its line), or the lock records a hash
     *     that nothing can check
     */
    public Judgement judge(Plan plan, Map<String, FileEvidence> evidence) {
        Map<LockedFile, List<Finding>> hashes = hashes(plan, evidence);
        List<PackageResult> packages = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (PlannedPackage planned : plan.packages()) {
            packages.add(judgePackage(planned, evidence, hashes, findings));
        }
        return new Judgement(packages, findings);
    }

    private PackageResult judgePackage(PlannedPackage planned, Map<String, FileEvidence> evidence,
                                       Map<LockedFile, List<Finding>> hashes, List<Finding> findings) {
        LockedPackage p = planned.pkg();
        PackageRules rules = Expectations.rules(parsed.lockfile().policy(), p.name(), parsed.file(),
                options.requireAttestations());
        Expectation expected = Expectations.of(parsed, List.of(p), rules);
        Optional<SourceLocation> at = parsed.locationOf(p);
        List<Identity> locked = expected.identities().stream().map(LockedIdentity::publisher)
                .map(VerifyPolicy::view).toList();
        List<Finding> own = new ArrayList<>(Expectations.consistency(parsed, p));
        TrustRules.Context context = new TrustRules.Context(FindingCode.Command.VERIFY, p.version(), Approver.NONE,
                at);
        List<FileResult> results = new ArrayList<>();
        if (p.isDirect()) {
            PackageDecision d = TrustRules.decideDirect(expected, p.sourceKind(), context);
            own.addAll(d.findings());
            findings.addAll(own);
            return new PackageResult(p.name(), p.version(), at, verdict(d.verdict(), own), locked, results);
        }
        List<CheckedFile> checked = new ArrayList<>();
        List<LockedFile> checkedFiles = new ArrayList<>();
        for (LockedFile file : planned.files()) {
            if (file.sha256().isEmpty()) {
                own.add(Finding.of(FindingCode.MISSING_SHA256, p.name(), Optional.of(file.filename()), label(p) + ": "
                                + file.filename() + " has no sha256 in the lock file; attestations bind files by "
                                + "sha256", "found: hashes " + String.join(", ", file.hashes().keySet()),
                        "re-lock with a tool that records sha256 hashes (pylock-trust lock, uv export, pip lock)",
                        at));
                results.add(new FileResult(file.filename(), file.sha256(), Verdict.FAILED, List.of(), List.of(),
                        false, "no sha256 in the lock file"));
                continue;
            }
            String sha = file.sha256().get();
            FileEvidence e = evidence.get(sha);
            if (e == null) {
                throw new IllegalStateException("no evidence gathered for " + file.filename());
            }
            checked.add(new CheckedFile(file.filename(), sha, PolicyEvidence.of(e, options.offline(),
                    options.cachedPagesOnly())));
            checkedFiles.add(file);
        }
        PackageDecision d = TrustRules.decide(expected, checked, context);
        // A hash edited after locking is reported as what it is (hash-changed, at the hashes line), not also as a
        // file the index does not list.
        List<String> edited = own.stream().filter(f -> f.code() == FindingCode.HASH_CHANGED)
                .flatMap(f -> f.file().stream()).toList();
        d.findings().stream().filter(f -> !(f.code() == FindingCode.NOT_ON_INDEX
                && f.file().filter(edited::contains).isPresent())).forEach(own::add);
        for (int i = 0; i < checked.size(); i++) {
            LockedFile file = checkedFiles.get(i);
            List<Finding> otherBytes = hashes.getOrDefault(file, List.of());
            own.addAll(otherBytes);
            FileResult r = result(file, d.files().get(i), evidence.get(checked.get(i).sha256()));
            results.add(otherBytes.isEmpty() ? r : new FileResult(r.filename(), r.sha256(), Verdict.FAILED,
                    r.foundIdentities(), r.logIndexes(), r.fromCache(), "another hash than locked"));
        }
        findings.addAll(own);
        boolean anyFailed = results.stream().anyMatch(r -> r.status() == Verdict.FAILED);
        Verdict status = anyFailed ? Verdict.FAILED : verdict(d.verdict(), own);
        return new PackageResult(p.name(), p.version(), at, status, locked, results);
    }

    /** The decision's verdict, made worse by the lock's own inconsistencies. */
    private static Verdict verdict(Verdict decided, List<Finding> findings) {
        boolean failed = findings.stream().anyMatch(f -> f.isFailure() && !f.code().undecided());
        return failed ? Verdict.FAILED : decided;
    }

    private static FileResult result(LockedFile file, FileVerdict v, FileEvidence e) {
        List<Identity> found = List.of();
        List<Long> logs = List.of();
        boolean fromCache = false;
        if (e instanceof FileEvidence.Attested a) {
            found = a.identities().stream().map(VerifiedIdentity::publisher).map(VerifyPolicy::view).toList();
            logs = a.attestations().stream().map(VerifiedAttestation::logIndex).toList();
            fromCache = a.fromCache();
        }
        return new FileResult(file.filename(), file.sha256(), v.verdict(), found, logs, fromCache, v.reason());
    }

    /**
     * Every hash the lock records for a selected file must be confirmed by the index's listing of the same file (it
     * was found there by sha256), or by its bytes in the wheelhouse: another digest is a trust failure
     * ({@code hash-changed}); one nothing can confirm is an input error.
     *
     * @return the hash failures per file
     * @throws UsageException naming each hash that nothing can check
     */
    private Map<LockedFile, List<Finding>> hashes(Plan plan, Map<String, FileEvidence> evidence) {
        List<String> unverifiable = new ArrayList<>();
        Map<LockedFile, List<Finding>> out = new IdentityHashMap<>();
        for (PlannedPackage planned : plan.packages()) {
            LockedPackage p = planned.pkg();
            for (LockedFile f : planned.files()) {
                Optional<IndexFile> listed = f.sha256().map(evidence::get).flatMap(FileEvidence::indexFile);
                if (listed.isEmpty()) {
                    continue;
                }
                for (HashRule.Problem problem : HashRule.check(f.hashes(), listed.get().hashes(),
                        HashRule.Source.LISTING)) {
                    if (problem instanceof HashRule.Problem.Changed c) {
                        out.computeIfAbsent(f, k -> new ArrayList<>()).add(HashRule.changed(p.name(), label(p),
                                f.filename(), c, "the index lists", parsed.at(parsed.sourceMap().lineOf(f))));
                    } else if (!options.wheelhouse()) {
                        unverifiable.add(parsed.at(parsed.sourceMap().lineOf(f)).map(l -> l.path() + ":" + l.line()
                                + ": ").orElse("") + p.name() + ": " + f.filename() + ": " + problem.algorithm());
                    }
                }
            }
        }
        if (!unverifiable.isEmpty()) {
            throw HashRule.unverifiable(unverifiable, "verify with --wheelhouse, which checks them against the "
                    + "files' bytes (an index's listing of another algorithm confirms nothing: the attestation binds "
                    + "the sha256 only)");
        }
        return out;
    }

    static Identity view(Publisher p) {
        return new Identity(p.describe(), p.toIdentityTable());
    }

    private static String label(LockedPackage p) {
        return p.version().map(v -> p.name() + " " + v).orElse(p.name());
    }
}
