package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.IdentitySet;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.gather.PolicyEvidence;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.policy.Approval;
import dev.pylocktrust.policy.Approver;
import dev.pylocktrust.policy.CheckedFile;
import dev.pylocktrust.policy.Evidence;
import dev.pylocktrust.policy.Expectation;
import dev.pylocktrust.policy.FileVerdict;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.HashRule;
import dev.pylocktrust.policy.IdentityOutcome;
import dev.pylocktrust.policy.PackageDecision;
import dev.pylocktrust.policy.PackageRules;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.Transition;
import dev.pylocktrust.policy.TrustRules;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.resolve.ResolutionRequest;
import dev.pylocktrust.resolve.ResolverOptions;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
    private final LockIndex index;
    private final Clock clock;

    /**
     * @param index everything the lock reads from outside (pages, metadata, evidence)
     * @param clock the lock's time (approval dates)
     */
    public Locker(LockIndex index, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
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
     * @param allowUnattested {@code --allow-unattested} names (normalized), added to the lock's policy
     * @param output the lock file's name, for the report
     */
    public record Request(Source source, Optional<ParsedLockfile> previous, Map<String, Acceptance> approvals,
                          Set<String> allowUnattested, String output) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(previous, "previous");
            approvals = Map.copyOf(approvals);
            allowUnattested = Set.copyOf(allowUnattested);
            Objects.requireNonNull(output, "output");
        }
    }

    /**
     * @throws UsageException for input errors found before any request (unknown approval names, files without
     *     sha256, pins without files on the index), and for locked hashes the index cannot confirm
     * @throws dev.pylocktrust.PylockTrustException for index failures (exit 3) and hash pins that match nothing
     */
    public LockOutcome lock(Request request) {
        Map<String, Expectation> anchors = request.previous().map(Expectations::of).orElse(Map.of());
        if (!(request.source() instanceof Source.Resolve)) {
            checkNames(request, names(request.source())); // before any request
        }
        Map<String, ProjectPage> pages = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        LockPlanner.Plan plan = new LockPlanner(index).plan(request, pages, findings);
        List<LockPlanner.Candidate> candidates = plan.candidates();
        if (request.source() instanceof Source.Resolve) {
            checkNames(request, candidates.stream().map(c -> c.entry().name()).toList());
        }

        List<FileRequest> requests = candidates.stream().flatMap(c -> c.requests().stream()).toList();
        Map<String, FileEvidence> evidence = index.evidence(requests, pages);
        for (FileRequest r : requests) {
            if (evidence.get(r.sha256()) instanceof FileEvidence.LookupFailed failed) {
                throw failed.error(); // a network problem never becomes a verdict
            }
        }
        findings.addAll(checkHashes(candidates, evidence));

        TrustPolicy policy = withAllowed(request.previous().map(p -> p.lockfile().policy())
                .orElse(request.source() instanceof Source.FromLock f ? f.lock().lockfile().policy()
                        : TrustPolicy.EMPTY), request.allowUnattested());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Finding> contradictions = earlierLockConsistency(request, candidates);
        findings.addAll(contradictions);
        // A package whose earlier entry contradicts itself is not a first use, whatever its identities now say.
        Set<String> contradicted = contradictions.stream().filter(Finding::isFailure).map(Finding::packageName)
                .collect(Collectors.toSet());
        List<LockedPackage> entries = new ArrayList<>();
        List<LockReport.PackageLine> lines = new ArrayList<>();
        List<ApprovedIdentityChange> approvals = new ArrayList<>();
        for (LockPlanner.Candidate c : candidates) {
            String name = c.entry().name();
            String file = request.previous().map(ParsedLockfile::file).orElse(request.output());
            PackageRules rules = Expectations.rules(policy, name, file, false);
            Optional<Expectation> anchor = Optional.ofNullable(anchors.get(name))
                    .or(() -> c.ownAnchor().filter(Expectation::anchored));
            Expectation expected = anchor.map(a -> withRules(a, rules))
                    .orElseGet(() -> Expectation.none(name, rules, c.location()));
            Optional<Acceptance> acceptance = Optional.ofNullable(request.approvals().get(name));
            TrustRules.Context context = new TrustRules.Context(FindingCode.Command.LOCK,
                    Optional.of(version(c.entry())), approver(acceptance, today),
                    anchor.flatMap(Expectation::location).or(c::location));
            if (!c.checkable()) {
                PackageDecision d = TrustRules.decideDirect(expected, c.entry().sourceKind(), context);
                findings.addAll(d.findings());
                LockedPackage entry = d.outcome() == IdentityOutcome.DROPPED_ALLOWED
                        ? c.entry().withAttestations(List.of(), List.of()) : c.entry();
                entries.add(entry);
                lines.add(line(entry, earlierVersions(request, name), List.of(), entry.attestationIdentities(),
                        d.outcome()));
                continue;
            }
            List<CheckedFile> files = c.requests().stream().map(r -> new CheckedFile(filename(evidence.get(
                    r.sha256()), r), r.sha256(), PolicyEvidence.of(evidence.get(r.sha256()), false, false))).toList();
            PackageDecision d = TrustRules.decide(expected, files, context);
            d.findings().stream().filter(f -> f.code() != FindingCode.FIRST_USE || !contradicted.contains(name))
                    .forEach(findings::add);
            if (acceptance.isPresent() && d.approved().isEmpty() && !d.refused()) {
                findings.add(Finding.of(FindingCode.APPROVAL_UNUSED, name, Optional.empty(),
                        "--accept-identity-change " + name + " was not needed: its identity did not change", "",
                        "nothing was recorded", context.location()));
            }
            IdentitySet identities = IdentitySet.of(d.identities());
            List<AttestationIdentity> tables = tables(identities, request, name);
            for (PackageDecision.Resolved a : d.approved()) {
                approvals.add(approval(name, a, tables, identities));
            }
            List<FileAttestationRecord> records = new ArrayList<>();
            if (!d.refused()) {
                for (int i = 0; i < c.requests().size(); i++) {
                    FileVerdict v = d.files().get(i);
                    OptionalInt position = v.signer().map(s -> OptionalInt.of(identities.indexOf(s).orElse(-1) + 1))
                            .orElse(OptionalInt.empty());
                    EvidenceVerdicts.record(evidence.get(c.requests().get(i).sha256()), v.signer(), position)
                            .ifPresent(records::add);
                }
            }
            LockedPackage entry = c.entry().withAttestations(tables, records);
            entries.add(entry);
            // A refused entry records nothing; its line shows who signed the files instead.
            List<AttestationIdentity> shown = d.refused() ? seen(files) : entry.attestationIdentities();
            lines.add(line(entry, earlierVersions(request, name), files, shown, d.outcome()));
        }
        Set<String> locked = new LinkedHashSet<>(candidates.stream().map(c -> c.entry().name()).toList());
        List<LockReport.Removed> removed = anchors.values().stream().filter(a -> !locked.contains(a.name()))
                .map(a -> new LockReport.Removed(a.name(), versions(request, a.name()))).toList();
        findings.sort(Comparator.comparing(Finding::severity));
        Lockfile lockfile = plan.shape().withPackages(entries).withPolicy(withApprovals(policy, approvals));
        List<LockReport.PackageLine> ordered = orderLike(LockfileWriter.canonical(lockfile).packages(), lines);
        LockReport report = new LockReport(request.output(), request.previous().map(ParsedLockfile::file), false,
                ordered, removed, findings);
        return new LockOutcome(report.refused() ? Optional.empty() : Optional.of(lockfile), report);
    }

    /**
     * Every hash a locked file carries (another tool's lock may carry more than sha256) must be confirmed by the
     * index's listing of the same file: another digest is a trust failure; a digest the index does not list cannot be
     * checked, so the lock stops with an input error.
     */
    private static List<Finding> checkHashes(List<LockPlanner.Candidate> candidates,
                                             Map<String, FileEvidence> evidence) {
        List<String> unverifiable = new ArrayList<>();
        List<Finding> out = new ArrayList<>();
        for (LockPlanner.Candidate c : candidates) {
            for (LockedFile f : c.entry().files()) {
                Optional<IndexFile> listed = f.sha256().map(evidence::get).flatMap(FileEvidence::indexFile);
                if (listed.isEmpty()) {
                    continue;
                }
                for (HashRule.Problem p : HashRule.check(f.hashes(), listed.get().hashes(),
                        HashRule.Source.LISTING)) {
                    if (p instanceof HashRule.Problem.Changed ch) {
                        out.add(HashRule.changed(c.entry().name(), c.entry().name() + " " + version(c.entry()),
                                f.filename(), ch, "the index lists", c.location()));
                    } else {
                        unverifiable.add(c.entry().name() + ": " + f.filename() + ": " + p.algorithm());
                    }
                }
            }
        }
        if (!unverifiable.isEmpty()) {
            throw HashRule.unverifiable(unverifiable, "keep them out of the input lock: only a file's bytes can "
                    + "confirm them, and the attestation binds the sha256");
        }
        return out;
    }

    /** The earlier lock must agree with itself for the packages being locked: its records are what it anchors. */
    private static List<Finding> earlierLockConsistency(Request request, List<LockPlanner.Candidate> candidates) {
        List<Finding> out = new ArrayList<>();
        Optional<ParsedLockfile> earlier = request.previous()
                .or(() -> request.source() instanceof Source.FromLock f ? Optional.of(f.lock()) : Optional.empty());
        if (earlier.isEmpty()) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>(candidates.stream().map(c -> c.entry().name()).toList());
        for (LockedPackage p : earlier.get().lockfile().packages()) {
            if (names.contains(p.name())) {
                out.addAll(Expectations.consistency(earlier.get(), p));
            }
        }
        return out;
    }

    /** {@code lock}'s approvals: an {@code --accept-identity-change} for the package approves its transitions. */
    private static Approver approver(Optional<Acceptance> acceptance, LocalDate today) {
        return (name, t) -> acceptance.map(a -> new Approval(a.reason(), today, a.approvedBy(), Optional.empty()));
    }

    private static ApprovedIdentityChange approval(String name, PackageDecision.Resolved a,
                                                   List<AttestationIdentity> tables, IdentitySet identities) {
        Transition t = a.transition();
        AttestationIdentity from = AttestationIdentity.of(t.from().orElseThrow().toIdentityTable());
        OptionalInt to = identities.indexOf(t.to().publisher());
        return new ApprovedIdentityChange(name, from, to.isPresent() ? tables.get(to.getAsInt())
                : AttestationIdentity.of(t.to().publisher().toIdentityTable()), a.approval().orElseThrow().reason(),
                a.approval().orElseThrow().date(), a.approval().orElseThrow().approvedBy(), t.fromIds(), t.toIds());
    }

    /** The tables to record: as the earlier lock (or the input lock) wrote them where it has the identity. */
    private static List<AttestationIdentity> tables(IdentitySet identities, Request request, String name) {
        List<AttestationIdentity> known = new ArrayList<>();
        request.previous().ifPresent(p -> p.lockfile().packagesNamed(name)
                .forEach(e -> known.addAll(e.attestationIdentities())));
        if (request.source() instanceof Source.FromLock f) {
            f.lock().lockfile().packagesNamed(name).forEach(e -> known.addAll(e.attestationIdentities()));
        }
        List<AttestationIdentity> out = new ArrayList<>();
        for (Publisher p : identities) {
            out.add(known.stream().filter(k -> k.publisher().filter(x -> x.sameIdentity(p)).isPresent()).findFirst()
                    .orElseGet(() -> AttestationIdentity.of(p.toIdentityTable())));
        }
        return out;
    }

    private static Expectation withRules(Expectation e, PackageRules rules) {
        return new Expectation(e.name(), e.known(), e.identities(), e.files(), rules, e.location());
    }

    private static TrustPolicy withAllowed(TrustPolicy policy, Set<String> allowed) {
        SortedSet<String> all = new TreeSet<>(policy.allowUnattested());
        all.addAll(allowed);
        return new TrustPolicy(policy.requireAttestations(), all, policy.approvedIdentityChanges());
    }

    private static String filename(FileEvidence e, FileRequest r) {
        return e.indexFile().map(IndexFile::filename).orElse(r.lockedFilename());
    }

    private static List<String> versions(Request request, String name) {
        return request.previous().map(p -> p.lockfile().packagesNamed(name).stream()
                .flatMap(e -> e.version().stream()).toList()).orElse(List.of());
    }

    private static List<String> names(Source source) {
        return source instanceof Source.Pins p ? p.pins().stream().map(pin -> pin.name().value()).toList()
                : ((Source.FromLock) source).lock().lockfile().packages().stream().map(LockedPackage::name).toList();
    }

    private static void checkNames(Request request, List<String> names) {
        for (String name : request.approvals().keySet()) {
            if (!names.contains(name)) {
                throw new UsageException("--accept-identity-change " + name + ": " + name
                        + " is not among the packages being locked", "give the package's name as it is locked");
            }
        }
        for (String name : request.allowUnattested()) {
            if (!names.contains(name)) {
                throw new UsageException("--allow-unattested " + name + ": " + name
                        + " is not among the packages being locked", "give the package's name as it is locked");
            }
        }
    }

    private static String version(LockedPackage p) {
        return p.version().orElseGet(() -> p.files().isEmpty() ? "" : LockPlanner.versionOf(p.files().get(0)));
    }

    private static List<AttestationIdentity> seen(List<CheckedFile> files) {
        IdentitySet signers = new IdentitySet();
        files.forEach(f -> f.identities().forEach(id -> signers.add(id.publisher())));
        return signers.toList().stream().map(p -> AttestationIdentity.of(p.toIdentityTable())).toList();
    }

    /**
     * @param earlier the versions the earlier lock (or, with {@code --from-lock} and no earlier lock, the input lock)
     *     has for the name; empty when the package is new
     */
    private static LockReport.PackageLine line(LockedPackage p, Optional<List<String>> earlier,
                                               List<CheckedFile> files, List<AttestationIdentity> identities,
                                               IdentityOutcome outcome) {
        String version = version(p);
        Optional<String> previous = earlier.flatMap(vs -> vs.stream()
                .max(Comparator.comparing(v -> Version.tryParse(v).orElse(null),
                        Comparator.nullsFirst(Comparator.naturalOrder()))));
        LockReport.Change change = LockReport.Change.ADDED;
        if (earlier.isPresent()) {
            Optional<Version> now = Version.tryParse(version);
            boolean same = earlier.get().stream().anyMatch(v -> Version.tryParse(v).equals(now));
            int cmp = now.isPresent() && previous.flatMap(Version::tryParse).isPresent()
                    ? now.get().compareTo(previous.flatMap(Version::tryParse).get()) : 0;
            change = same || earlier.get().isEmpty() ? LockReport.Change.UNCHANGED
                    : cmp > 0 ? LockReport.Change.UPGRADED : LockReport.Change.DOWNGRADED;
        }
        int attested = 0;
        int unattested = 0;
        int unknown = 0;
        int failed = 0;
        for (CheckedFile f : files) {
            Evidence e = f.evidence();
            if (e instanceof Evidence.Attested) {
                attested++;
            } else if (e instanceof Evidence.NoProvenance) {
                unattested++;
            } else if (e instanceof Evidence.ProvenanceUnsupported) {
                unknown++;
            } else {
                failed++;
            }
        }
        return new LockReport.PackageLine(p.name(), version, p.marker(), change,
                change == LockReport.Change.UNCHANGED ? Optional.empty() : previous, p.files().size(), attested,
                unattested, unknown, failed, identities, outcome);
    }

    /**
     * The versions of {@code name} in the earlier lock; without one, in the input lock of {@code --from-lock} when it
     * records identities there (it is then the anchor).
     */
    private static Optional<List<String>> earlierVersions(Request request, String name) {
        List<LockedPackage> entries = request.previous().map(p -> p.lockfile().packagesNamed(name))
                .orElseGet(() -> request.source() instanceof Source.FromLock f
                        ? f.lock().lockfile().packagesNamed(name).stream()
                        .filter(e -> !e.attestationIdentities().isEmpty()).toList() : List.of());
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(entries.stream().flatMap(e -> e.version().stream()).toList());
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
