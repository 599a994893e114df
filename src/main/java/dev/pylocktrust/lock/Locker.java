package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.resolve.ResolutionRequest;
import dev.pylocktrust.resolve.ResolverOptions;
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
 * The {@code lock} use case: choose the files to lock (resolved from loose requirements, from exact pins, or from
 * another tool's pylock.toml), ask the index for their provenance and verify it, apply the trust-on-first-use rules
 * against the earlier lock to every package (so a version the resolver moved is checked like any other), and build
 * the new lock file. Writes nothing: the caller writes {@link LockOutcome#lockfile()} when the outcome is not refused.
 *
 * <p>Order matters for failing closed: every input is validated before the network is used (names that only a
 * resolution can check, such as {@code --accept-identity-change} for a transitive package, right after it); a failed
 * lookup anywhere stops the run (exit 3) before any decision; any trust failure refuses the whole lock.
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

        /**
         * Loose requirements, resolved for target environments ({@code lock} without {@code --no-deps}). The
         * earlier lock's versions are added to the request by the locker: they are kept unless the request's
         * upgrade policy releases them.
         *
         * @param request requirements, constraints and upgrade policy
         * @param targets the environments to resolve for (at least one)
         * @param options how the resolver chooses
         * @param extras the requested extras (normalized), written as the lock's {@code extras}
         * @param groups the requested dependency groups (normalized), written as {@code dependency-groups}
         * @param locations where the user named a package (a requirements file line), for findings
         */
        record Resolve(ResolutionRequest request, List<TargetEnvironment> targets, ResolverOptions options,
                       List<String> extras, List<String> groups, Map<PackageName, SourceLocation> locations)
                implements Source {
            public Resolve {
                Objects.requireNonNull(request, "request");
                targets = List.copyOf(targets);
                if (targets.isEmpty()) {
                    throw new IllegalArgumentException("no target environments");
                }
                Objects.requireNonNull(options, "options");
                extras = List.copyOf(extras);
                groups = List.copyOf(groups);
                locations = Map.copyOf(locations);
            }
        }
    }

    /**
     * @param source what to lock
     * @param previous the earlier lock whose identities are the anchor, if any
     * @param approvals {@code --accept-identity-change} acceptances by normalized package name
     * @param output the lock file's name, for the report
     */
    public record Request(Source source, Optional<ParsedLockfile> previous, Map<String, Acceptance> approvals,
                          String output) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(previous, "previous");
            approvals = Map.copyOf(approvals);
            Objects.requireNonNull(output, "output");
        }
    }

    /**
     * @throws UsageException for input errors found before any request (unknown approval names, files without
     *     sha256, pins without files on the index)
     * @throws dev.pylocktrust.PylockTrustException for index failures (exit 3) and hash pins that match nothing
     */
    public LockOutcome lock(Request request) {
        Map<String, Anchor> anchors = request.previous().map(Anchor::of).orElse(Map.of());
        if (!(request.source() instanceof Source.Resolve)) {
            checkApprovals(request, names(request.source())); // before any request
        }
        Map<String, ProjectPage> pages = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        LockPlanner.Plan plan = new LockPlanner(index).plan(request, pages, findings);
        List<LockPlanner.Candidate> candidates = plan.candidates();
        if (request.source() instanceof Source.Resolve) {
            checkApprovals(request, candidates.stream().map(c -> c.entry().name()).toList());
        }

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
        for (LockPlanner.Candidate c : candidates) {
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
        Lockfile lockfile = plan.shape().withPackages(entries).withPolicy(withApprovals(policy, approvals));
        List<LockReport.PackageLine> ordered = orderLike(LockfileWriter.canonical(lockfile).packages(), lines);
        LockReport report = new LockReport(request.output(), request.previous().map(ParsedLockfile::file), false,
                ordered, removed, findings);
        return new LockOutcome(report.refused() ? Optional.empty() : Optional.of(lockfile), report);
    }

    private static List<String> names(Source source) {
        return source instanceof Source.Pins p ? p.pins().stream().map(pin -> pin.name().value()).toList()
                : ((Source.FromLock) source).lock().lockfile().packages().stream().map(LockedPackage::name).toList();
    }

    private static void checkApprovals(Request request, List<String> names) {
        for (String name : request.approvals().keySet()) {
            if (!names.contains(name)) {
                throw new UsageException("--accept-identity-change " + name + ": " + name
                        + " is not among the packages being locked", "give the package's name as it is locked");
            }
        }
    }

    private static String version(LockedPackage p) {
        return p.version().orElseGet(() -> p.files().isEmpty() ? "" : LockPlanner.versionOf(p.files().get(0)));
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
