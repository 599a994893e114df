package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.report.Finding;
import dev.pylocktrust.report.Severity;
import dev.pylocktrust.report.SourceLocation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code lock} use case: choose the files to lock (from exact pins, or from another tool's pylock.toml), ask the
 * index for their provenance and verify it, apply the trust-on-first-use rules against the earlier lock, and build
 * the new lock file. Writes nothing: the caller writes {@link LockOutcome#lockfile()} when the outcome is not refused.
 *
 * <p>Order matters for failing closed: every input is validated before the network is used; a failed lookup
 * anywhere stops the run (exit 3) before any decision; any trust failure refuses the whole lock.
 */
public final class Locker {
    private final IndexClient index;
    private final EvidenceGatherer gatherer;
    private final Clock clock;

    public Locker(IndexClient index, EvidenceGatherer gatherer, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.gatherer = Objects.requireNonNull(gatherer, "gatherer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What to lock. */
    public sealed interface Source {
        /** Exact pins ({@code --no-deps}). */
        record Pins(List<Pin> pins) implements Source {
            public Pins {
                pins = List.copyOf(pins);
            }
        }

        /** Another tool's lock file, whose packages and files are kept exactly ({@code --from-lock}). */
        record FromLock(ParsedLockfile lock) implements Source {}
    }

    /**
     * @param source what to lock
     * @param previous the earlier lock whose identities are the anchor, if any
     * @param approvals {@code --accept-identity-change} reasons by normalized package name
     * @param output the lock file's name, for the report
     */
    public record Request(Source source, Optional<ParsedLockfile> previous, Map<String, String> approvals,
                          String output) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(previous, "previous");
            approvals = Map.copyOf(approvals);
            Objects.requireNonNull(output, "output");
        }
    }

    /** A package entry about to be locked, with the files to check. */
    private record Candidate(LockedPackage entry, List<FileRequest> requests, Optional<SourceLocation> location,
                             Optional<Anchor> ownAnchor, boolean checkable) {}

    /**
     * @throws UsageException for input errors found before any request (unknown approval names, files without
     *     sha256, pins without files on the index)
     * @throws dev.pylocktrust.PylockTrustException for index failures (exit 3) and hash pins that match nothing
     */
    public LockOutcome lock(Request request) {
        Map<String, Anchor> anchors = request.previous().map(Anchor::of).orElse(Map.of());
        checkApprovals(request);
        Map<String, ProjectPage> pages = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<Candidate> candidates = candidates(request.source(), pages, findings);

        List<FileRequest> requests = candidates.stream().flatMap(c -> c.requests().stream()).toList();
        Map<String, FileEvidence> evidence = gatherer.gather(requests, pages);
        Map<String, CheckedFile> checked = new LinkedHashMap<>();
        for (FileRequest r : requests) {
            checked.put(r.sha256(), EvidenceVerdicts.check(evidence.get(r.sha256()))); // a failed lookup throws here
        }

        TrustPolicy policy = request.previous().map(p -> p.lockfile().policy())
                .orElse(request.source() instanceof Source.FromLock f ? f.lock().lockfile().policy()
                        : TrustPolicy.EMPTY);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<LockedPackage> entries = new ArrayList<>();
        List<LockReport.PackageLine> lines = new ArrayList<>();
        List<ApprovedIdentityChange> approvals = new ArrayList<>();
        for (Candidate c : candidates) {
            String name = c.entry().name();
            Optional<Anchor> anchor = Optional.ofNullable(anchors.get(name))
                    .or(() -> c.ownAnchor().filter(Anchor::hasIdentities));
            if (!c.checkable()) {
                findings.add(new Finding(Severity.WARNING, "not-from-index", name, Optional.empty(), name
                        + " is a vcs, directory or archive source: kept as it is, no provenance checked", "", "",
                        c.location()));
                entries.add(c.entry());
                lines.add(line(c.entry(), anchor, List.of(), c.entry().attestationIdentities(),
                        TofuDecision.IdentityStatus.UNATTESTED));
                continue;
            }
            List<CheckedFile> files = c.requests().stream().map(r -> checked.get(r.sha256())).toList();
            TofuDecision d = TofuRules.decide(new TofuRules.Input(name, version(c.entry()), files, anchor, policy,
                    Optional.ofNullable(request.approvals().get(name)), today,
                    anchor.flatMap(Anchor::location).or(c::location)));
            findings.addAll(d.findings());
            approvals.addAll(d.approvals());
            List<FileAttestationRecord> records = new ArrayList<>();
            for (FileRequest r : c.requests()) {
                EvidenceVerdicts.record(evidence.get(r.sha256())).ifPresent(records::add);
            }
            LockedPackage entry = c.entry().withAttestations(d.identities(), d.refused() ? List.of() : records);
            entries.add(entry);
            // A refused entry records nothing; its line shows who signed the files instead.
            List<AttestationIdentity> shown = d.refused() ? seen(files) : entry.attestationIdentities();
            lines.add(line(entry, anchor, files, shown, d.status()));
        }
        Set<String> locked = new LinkedHashSet<>(candidates.stream().map(c -> c.entry().name()).toList());
        List<LockReport.Removed> removed = anchors.values().stream().filter(a -> !locked.contains(a.name()))
                .map(a -> new LockReport.Removed(a.name(), a.versions())).toList();
        findings.sort(Comparator.comparing(Finding::severity));
        Lockfile lockfile = build(request.source(), entries, withApprovals(policy, approvals));
        List<LockReport.PackageLine> ordered = orderLike(LockfileWriter.canonical(lockfile).packages(), lines);
        LockReport report = new LockReport(request.output(), request.previous().map(ParsedLockfile::file), false,
                ordered, removed, findings);
        return new LockOutcome(report.refused() ? Optional.empty() : Optional.of(lockfile), report);
    }

    private void checkApprovals(Request request) {
        Set<String> names = new LinkedHashSet<>();
        if (request.source() instanceof Source.Pins p) {
            p.pins().forEach(pin -> names.add(pin.name().value()));
        } else {
            ((Source.FromLock) request.source()).lock().lockfile().packages().forEach(pkg -> names.add(pkg.name()));
        }
        for (String name : request.approvals().keySet()) {
            if (!names.contains(name)) {
                throw new UsageException("--accept-identity-change " + name + ": " + name
                        + " is not among the packages being locked", "give the package's name as it is locked");
            }
        }
    }

    private List<Candidate> candidates(Source source, Map<String, ProjectPage> pages, List<Finding> findings) {
        List<Candidate> out = new ArrayList<>();
        if (source instanceof Source.Pins p) {
            pages.putAll(index.projectPages(p.pins().stream().map(pin -> pin.name().value()).toList()));
            for (Pin pin : p.pins()) {
                ReleaseSelector.Selected s = ReleaseSelector.select(pin, pages.get(pin.name().value()),
                        index.simpleApiUrl(), index.describeIndex());
                findings.addAll(s.findings());
                List<FileRequest> requests = new ArrayList<>();
                for (IndexFile f : s.files()) {
                    requests.add(new FileRequest(pin.name().value(), pin.version().toString(), f.sha256().orElseThrow(),
                            f.filename()));
                }
                out.add(new Candidate(s.entry(), requests, pin.origin().location(), Optional.empty(), true));
            }
            return out;
        }
        ParsedLockfile input = ((Source.FromLock) source).lock();
        for (LockedPackage pkg : input.lockfile().packages()) {
            Optional<SourceLocation> location = input.sourceMap().lineOf(pkg).isPresent()
                    ? Optional.of(new SourceLocation(input.file(), input.sourceMap().lineOf(pkg).getAsInt()))
                    : Optional.empty();
            Anchor own = Anchor.of(pkg.name(), List.of(pkg), input);
            if (pkg.isDirect()) {
                out.add(new Candidate(pkg, List.of(), location, Optional.of(own), false));
                continue;
            }
            List<FileRequest> requests = new ArrayList<>();
            for (LockedFile f : pkg.files()) {
                String sha = f.sha256().orElseThrow(() -> new LockfileException(input.file(),
                        input.sourceMap().lineOf(f).orElse(0), input.sourceMap().keyPathOf(f).orElse(""),
                        f.filename() + " has no sha256 hash",
                        "files are matched to the index by sha256; regenerate the lock with sha256 hashes"));
                requests.add(new FileRequest(pkg.name(), pkg.version().orElseGet(() -> versionOf(f)), sha,
                        f.filename()));
            }
            out.add(new Candidate(pkg, requests, location, Optional.of(own), true));
        }
        return out;
    }

    private static String versionOf(LockedFile f) {
        try {
            return DistributionFilename.parse(f.filename()).version().toString();
        } catch (InvalidSpecException e) {
            return "0"; // only used for PyPI's Integrity API fallback; a wrong one there fails closed
        }
    }

    private static String version(LockedPackage p) {
        return p.version().orElseGet(() -> p.files().isEmpty() ? "" : versionOf(p.files().get(0)));
    }

    private static List<AttestationIdentity> seen(List<CheckedFile> files) {
        List<AttestationIdentity> out = new ArrayList<>();
        List<dev.pylocktrust.attest.Publisher> publishers = new ArrayList<>();
        for (CheckedFile f : files) {
            for (var id : f.identities()) {
                if (publishers.stream().noneMatch(p -> p.sameIdentity(id.publisher()))) {
                    publishers.add(id.publisher());
                    out.add(TofuRules.table(id.publisher()));
                }
            }
        }
        return out;
    }

    private static LockReport.PackageLine line(LockedPackage p, Optional<Anchor> anchor, List<CheckedFile> files,
                                               List<AttestationIdentity> identities,
                                               TofuDecision.IdentityStatus status) {
        String version = version(p);
        Optional<String> previous = anchor.flatMap(a -> a.versions().stream()
                .max(Comparator.comparing(v -> Version.tryParse(v).orElse(null),
                        Comparator.nullsFirst(Comparator.naturalOrder()))));
        LockReport.Change change = LockReport.Change.ADDED;
        if (anchor.isPresent()) {
            Optional<Version> now = Version.tryParse(version);
            boolean same = anchor.get().versions().stream().anyMatch(v -> Version.tryParse(v).equals(now));
            int cmp = now.isPresent() && previous.flatMap(Version::tryParse).isPresent()
                    ? now.get().compareTo(previous.flatMap(Version::tryParse).get()) : 0;
            change = same || anchor.get().versions().isEmpty() ? LockReport.Change.UNCHANGED
                    : cmp > 0 ? LockReport.Change.UPGRADED : LockReport.Change.DOWNGRADED;
        }
        int attested = 0;
        int unattested = 0;
        int unknown = 0;
        int failed = 0;
        for (CheckedFile f : files) {
            CheckedFile.Verdict v = f.verdict();
            if (v instanceof CheckedFile.Verified) {
                attested++;
            } else if (v instanceof CheckedFile.NoProvenance) {
                unattested++;
            } else if (v instanceof CheckedFile.ProvenanceUnknown) {
                unknown++;
            } else {
                failed++;
            }
        }
        return new LockReport.PackageLine(p.name(), version, p.marker(), change,
                change == LockReport.Change.UNCHANGED ? Optional.empty() : previous, p.files().size(), attested,
                unattested, unknown, failed, identities, status);
    }

    private static TrustPolicy withApprovals(TrustPolicy policy, List<ApprovedIdentityChange> approvals) {
        TrustPolicy out = policy;
        List<ApprovedIdentityChange> sorted = new ArrayList<>(approvals);
        sorted.sort(Comparator.comparing(ApprovedIdentityChange::packageName)
                .thenComparing(a -> TomlEmitter.inlineTable(a.to().fields())));
        for (ApprovedIdentityChange a : sorted) {
            out = out.withApprovedChange(a);
        }
        return out;
    }

    private static Lockfile build(Source source, List<LockedPackage> entries, TrustPolicy policy) {
        if (source instanceof Source.FromLock f) {
            return f.lock().lockfile().withPackages(entries).withPolicy(policy);
        }
        return Lockfile.of(Optional.empty(), entries, policy);
    }

    /** The report lines in the order the writer puts the packages. */
    private static List<LockReport.PackageLine> orderLike(List<LockedPackage> written,
                                                          List<LockReport.PackageLine> lines) {
        List<LockReport.PackageLine> pending = new ArrayList<>(lines);
        List<LockReport.PackageLine> out = new ArrayList<>();
        for (LockedPackage p : written) {
            for (int i = 0; i < pending.size(); i++) {
                LockReport.PackageLine l = pending.get(i);
                if (l.name().equals(p.name()) && l.marker().equals(p.marker())
                        && p.version().map(v -> v.equals(l.version())).orElse(true)) {
                    out.add(pending.remove(i));
                    break;
                }
            }
        }
        out.addAll(pending);
        return out;
    }
}
