package dev.pylocktrust.policy;

import dev.pylocktrust.attest.IdentitySet;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trust rules, once, for {@code lock}, {@code verify} and {@code diff}: a package's locked expectation and the
 * evidence for its files in, a {@link PackageDecision} out. Pure: no I/O, no clock.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Provenance that does not verify, a file the index does not list with its sha256, and a file with the same
 *       version and name as a locked one but another hash are failures. Always.</li>
 *   <li>Anchored package (it has locked identities): every attested file must be attested by a locked identity
 *       ({@link IdentityMatch}). Another identity, the locked names with other signed ids, or the other kind's
 *       identity where the lock shows a split, is a failure unless approved; an approval records the new identity.</li>
 *   <li>Anchored package: a file without provenance (or from an index that serves none) is a failure, unless the
 *       package is in {@code allow-unattested} (a warning). A {@code no-provenance} record is not an exception.</li>
 *   <li>Package without locked identities: {@code lock} and {@code diff} record its identities (first use); several
 *       identities for one file, or identities of different repositories, need an approval. Files without provenance
 *       next to attested ones are a failure unless allowed. {@code verify} has nothing to hold the files to: they
 *       pass as unattested.</li>
 *   <li>A package whose attestations are required passes only if every file is attested by a locked identity (for
 *       {@code lock}: one being recorded now).</li>
 *   <li>A file that could not be checked is undecided (exit 3), never a pass.</li>
 * </ol>
 */
public final class TrustRules {
    private TrustRules() {}

    /**
     * Who is asking, and how to word and approve.
     *
     * @param command the command applying the rules: {@code verify} records nothing, so a package without locked
     *     identities cannot be anchored there; {@code lock} reports what it records
     * @param version the version of the files judged (for hash changes against the earlier lock), if known
     * @param approver where approvals come from
     * @param location where findings point
     */
    public record Context(FindingCode.Command command, Optional<String> version, Approver approver,
                          Optional<SourceLocation> location) {
        public Context {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(location, "location");
        }

        boolean records() {
            return command != FindingCode.Command.VERIFY;
        }
    }

    /** Judges the files of a package from an index. */
    public static PackageDecision decide(Expectation expected, List<CheckedFile> files, Context context) {
        return new Run(expected, files, context).decide();
    }

    /**
     * Judges a package that comes from a vcs, directory or archive source: it cannot carry index attestations, so a
     * package with locked identities may only lose them through {@code allow-unattested}.
     *
     * @param kind {@code vcs}, {@code directory} or {@code archive}
     */
    public static PackageDecision decideDirect(Expectation expected, String kind, Context context) {
        List<Finding> findings = new ArrayList<>();
        String label = label(expected.name(), context.version());
        Optional<SourceLocation> at = context.location().or(expected::location);
        String source = (kind.equals("archive") ? "an " : "a ") + kind + " source";
        IdentityOutcome outcome = IdentityOutcome.UNATTESTED;
        if (expected.anchored() && !expected.rules().allowUnattested()) {
            findings.add(Finding.of(FindingCode.UNVERIFIABLE_SOURCE, expected.name(), Optional.empty(),
                    label + ": " + source + " cannot carry index attestations, but " + expected.name()
                            + " is locked to " + expected.describeIdentities(),
                    "expected: files attested by " + expected.describeIdentities() + "\nfound:    " + source,
                    "install it from the index it was locked from; if the change is intended, "
                            + "add \"" + expected.name() + "\" to allow-unattested in [tool.pylock-trust] (a "
                            + "reviewer sees it)", at));
        } else if (expected.rules().required()) {
            findings.add(Finding.of(FindingCode.ATTESTATION_REQUIRED, expected.name(), Optional.empty(),
                    label + ": attestations are required, but it is " + source + ", which has no index "
                            + "attestations", "required by: " + expected.rules().requiredBy().get(),
                    allowHint(expected.name()), at));
        } else if (expected.anchored()) {
            findings.add(Finding.of(FindingCode.ATTESTATION_MISSING_ALLOWED, expected.name(), Optional.empty(),
                    label + ": " + source + " carries no attestations, although " + expected.name()
                            + " is locked to " + expected.describeIdentities(),
                    "allowed: " + expected.name() + " is in allow-unattested in [tool.pylock-trust]",
                    "its identities are no longer recorded", at));
            outcome = IdentityOutcome.DROPPED_ALLOWED;
        } else if (context.command() == FindingCode.Command.LOCK) {
            findings.add(Finding.of(FindingCode.NOT_FROM_INDEX, expected.name(), Optional.empty(), expected.name()
                    + " is " + source + ": kept as it is, no provenance checked", "", "", at));
        }
        boolean refused = findings.stream().anyMatch(Finding::isFailure);
        return new PackageDecision(List.of(), refused ? IdentityOutcome.REFUSED : outcome, List.of(), List.of(),
                findings);
    }

    /** One evaluation; collects findings as it goes. */
    private static final class Run {
        private final Expectation expected;
        private final List<CheckedFile> files;
        private final Context context;
        private final String label;
        private final Optional<SourceLocation> at;
        private final FileVerdict[] verdicts;
        private final List<Finding> findings = new ArrayList<>();
        private final List<PackageDecision.Resolved> transitions = new ArrayList<>();

        Run(Expectation expected, List<CheckedFile> files, Context context) {
            this.expected = expected;
            this.files = List.copyOf(files);
            this.context = context;
            this.label = label(expected.name(), context.version());
            this.at = context.location().or(expected::location);
            this.verdicts = new FileVerdict[this.files.size()];
        }

        PackageDecision decide() {
            checkHashes();
            checkProvenance();
            IdentityOutcome outcome;
            List<Publisher> identities;
            if (expected.anchored() && lockedUnattestedBefore()) {
                for (int i = 0; i < files.size(); i++) {
                    if (verdicts[i] == null) {
                        verdicts[i] = new FileVerdict(files.get(i), Verdict.UNATTESTED, Optional.empty(),
                                why(files.get(i)) + "; locked without attestations before");
                    }
                }
                identities = List.of();
                outcome = IdentityOutcome.UNATTESTED;
            } else if (expected.anchored()) {
                identities = anchored();
                outcome = transitions.stream().anyMatch(t -> t.approval().isPresent()) ? IdentityOutcome.CHANGED_APPROVED
                        : identities.isEmpty() ? IdentityOutcome.DROPPED_ALLOWED : IdentityOutcome.UNCHANGED;
            } else {
                identities = firstUse();
                outcome = identities.isEmpty() ? IdentityOutcome.UNATTESTED
                        : !context.records() ? IdentityOutcome.UNATTESTED
                        : expected.known() ? IdentityOutcome.GAINED : IdentityOutcome.FIRST_USE;
            }
            boolean refused = findings.stream().anyMatch(Finding::isFailure);
            List<FileVerdict> out = new ArrayList<>();
            for (int i = 0; i < verdicts.length; i++) {
                out.add(verdicts[i] != null ? verdicts[i]
                        : new FileVerdict(files.get(i), Verdict.UNATTESTED, Optional.empty(), ""));
            }
            return new PackageDecision(out, refused ? IdentityOutcome.REFUSED : outcome,
                    refused ? List.of() : identities, transitions, findings);
        }

        /**
         * Every file of this entry is unattested and was locked before, with the same sha256, in an entry without
         * identities (another version of the package, say, for another environment): nothing was lost, and the entry
         * stays unattested as before, while the package's other entries keep their identities.
         */
        private boolean lockedUnattestedBefore() {
            boolean any = false;
            for (int i = 0; i < files.size(); i++) {
                if (verdicts[i] != null) {
                    continue;
                }
                CheckedFile f = files.get(i);
                if (!f.unattested() || expected.files().stream()
                        .noneMatch(p -> p.unattested() && p.sha256().equals(f.sha256()))) {
                    return false;
                }
                any = true;
            }
            return any && !expected.rules().required();
        }

        // ---- rule 1: what fails whoever publishes ----

        private void checkHashes() {
            Optional<Version> version = context.version().flatMap(Version::tryParse);
            for (PriorFile old : expected.files()) {
                boolean sameVersion = version.isPresent() && old.version().flatMap(Version::tryParse).equals(version);
                for (int i = 0; i < files.size(); i++) {
                    CheckedFile f = files.get(i);
                    if (sameVersion && FileNames.sameFile(old.filename(), f.filename())
                            && !old.sha256().equals(f.sha256())) {
                        findings.add(Finding.of(FindingCode.HASH_CHANGED, expected.name(),
                                Optional.of(f.filename()), label + ": " + f.filename() + " has sha256 " + f.sha256()
                                        + " on the index, but the lock has " + old.sha256() + " for the same file",
                                "the index served different bytes under a name it had published before; PyPI never "
                                        + "allows that", "do not install it; find out why the index changed the file "
                                        + "before locking again", old.location().or(() -> at)));
                        fail(i, "another sha256 than locked");
                    }
                }
            }
        }

        private void checkProvenance() {
            for (int i = 0; i < files.size(); i++) {
                CheckedFile f = files.get(i);
                Evidence e = f.evidence();
                if (e instanceof Evidence.Invalid inv) {
                    add(FindingCode.ATTESTATION_INVALID, f, label + ": " + f.filename() + " has provenance that "
                                    + "does not verify", expectedLine() + "\nfound:    " + inv.reason(),
                            "do not install it: the provenance is forged, damaged or about another file; if your "
                                    + "index uses a private Sigstore instance, pass its --trusted-root");
                    fail(i, inv.reason());
                } else if (e instanceof Evidence.NotOnIndex n) {
                    add(FindingCode.NOT_ON_INDEX, f, label + ": " + f.filename() + " is not on the index with "
                                    + "sha256 " + f.sha256(), "found: " + n.why(),
                            "check that --index-url is the index the lock was made from; a file that vanished or "
                                    + "changed content must not be installed");
                    fail(i, n.why());
                } else if (e instanceof Evidence.Unchecked u) {
                    String hint = u.hints().isEmpty() ? (u.notInCache() ? "run once online with the same --cache-dir "
                            + "first" : "retry; a network error is never a pass") : String.join("; ", u.hints());
                    add(u.notInCache() ? FindingCode.NOT_IN_CACHE : FindingCode.LOOKUP_FAILED, f, label + ": "
                            + f.filename() + (u.notInCache() ? " is not in cache: nothing was checked"
                            : " could not be checked: the index failed"), "found: " + u.why(), hint);
                    verdicts[i] = new FileVerdict(f, Verdict.INCOMPLETE, Optional.empty(), u.why());
                }
            }
        }

        // ---- rules 2, 3 and 5: an anchored package ----

        /** The identities to record: the locked ones still in use (as written) and approved new ones. */
        private List<Publisher> anchored() {
            Map<String, Pending> pending = new LinkedHashMap<>();
            boolean[] used = new boolean[expected.identities().size()];
            List<Integer> unattested = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                CheckedFile f = files.get(i);
                if (verdicts[i] != null) {
                    continue;
                }
                if (f.unattested()) {
                    unattested.add(i);
                    continue;
                }
                Evidence.Attested a = (Evidence.Attested) f.evidence();
                Optional<FileKind> kind = a.attributed() ? Optional.of(f.kind()) : Optional.empty();
                // A lock's claims (diff) are held to every identity they name; a file's provenance needs one.
                List<IdentityMatch.Result> results = context.command() == FindingCode.Command.DIFF
                        ? a.identities().stream().map(id -> new IdentityMatch.Result(IdentityMatch.of(expected, id,
                        kind), id)).toList()
                        : List.of(IdentityMatch.classify(expected, a.identities(), kind));
                Optional<Integer> signer = Optional.empty();
                for (IdentityMatch.Result r : results) {
                    if (r.match() instanceof IdentityMatch.Locked l) {
                        used[l.index()] = true;
                        signer = signer.or(() -> Optional.of(l.index()));
                    } else {
                        pending.computeIfAbsent(key(r), k -> new Pending(transition(r), new ArrayList<>(),
                                r.match() instanceof IdentityMatch.OtherKind o ? Optional.of(o.kind())
                                        : Optional.empty())).files.add(i);
                    }
                }
                if (results.stream().allMatch(r -> r.match().passes())) {
                    verdicts[i] = new FileVerdict(f, Verdict.ATTESTED,
                            Optional.of(expected.identities().get(signer.orElseThrow()).publisher()), "");
                    extraIdentities(f, IdentitySet.of(expected.identities().stream().map(LockedIdentity::publisher)
                            .toList()));
                }
            }
            IdentitySet recorded = new IdentitySet();
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    recorded.add(expected.identities().get(i).publisher());
                }
            }
            for (Pending p : pending.values()) {
                resolve(p, recorded);
            }
            unattestedInAnchored(unattested);
            if (context.command() == FindingCode.Command.LOCK && !recorded.isEmpty() && transitions.isEmpty()) {
                for (int i = 0; i < used.length; i++) {
                    if (!used[i]) {
                        findings.add(Finding.of(FindingCode.IDENTITY_REMOVED, expected.name(), Optional.empty(),
                                label + ": no file is signed by locked identity "
                                        + expected.identities().get(i).publisher().describe()
                                        + " any more; it is no longer recorded", "", "", at));
                    }
                }
            }
            return recorded.toList();
        }

        private Transition transition(IdentityMatch.Result r) {
            IdentityMatch m = r.match();
            int index = m instanceof IdentityMatch.Recreated rc ? rc.index()
                    : m instanceof IdentityMatch.OtherKind o ? o.index() : ((IdentityMatch.Changed) m).closest();
            LockedIdentity from = expected.identities().get(index);
            Transition.Kind kind = m instanceof IdentityMatch.Recreated ? Transition.Kind.RECREATED
                    : Transition.Kind.CHANGED;
            return new Transition(kind, Optional.of(from.publisher()), from.recordedIds(), r.identity(), List.of());
        }

        private static String key(IdentityMatch.Result r) {
            return r.match().getClass().getSimpleName() + "|" + r.identity().publisher().toIdentityTable()
                    + "|" + SignedIds.of(r.identity());
        }

        /** Identities found for a file next to a recorded one: not recorded, but worth a notice when locking. */
        private void extraIdentities(CheckedFile f, IdentitySet recorded) {
            if (context.command() != FindingCode.Command.LOCK) {
                return;
            }
            for (VerifiedIdentity id : f.identities()) {
                if (!recorded.contains(id.publisher())) {
                    findings.add(Finding.of(FindingCode.EXTRA_IDENTITY, expected.name(), Optional.of(f.filename()),
                            label + ": " + f.filename() + " is also signed by " + id.publisher().describe()
                                    + ", which is not locked; it is not recorded", "", "", at));
                }
            }
        }

        /** An identity-level event: approved (and recorded), or a failure for every file it concerns. */
        private void resolve(Pending p, IdentitySet recorded) {
            List<String> names = p.files.stream().map(i -> files.get(i).filename()).toList();
            Transition t = new Transition(p.transition.kind(), p.transition.from(), p.transition.fromIds(),
                    p.transition.to(), names);
            Optional<Approval> approval = context.approver().approve(expected.name(), t);
            transitions.add(new PackageDecision.Resolved(t, approval));
            CheckedFile first = files.get(p.files.get(0));
            if (approval.isPresent()) {
                Publisher to = t.to().publisher();
                Publisher kept = recorded.get(recorded.add(to));
                for (int i : p.files) {
                    if (verdicts[i] == null) { // another, unapproved event may already have failed the file
                        verdicts[i] = new FileVerdict(files.get(i), Verdict.ATTESTED, Optional.of(kept), "");
                    }
                }
                add(FindingCode.IDENTITY_CHANGE_APPROVED, first, (t.kind() == Transition.Kind.RECREATED
                                ? "re-created identity accepted for " : "identity change accepted for ")
                                + expected.name() + ": " + t.from().map(Publisher::describe).orElse("(none)") + " -> "
                                + to.describe(), "signed claims: " + Explain.claims(expected, t) + "\napproved: "
                                + approval.get().reason(),
                        "recorded in [tool.pylock-trust] approved-identity-changes with the reason given");
                return;
            }
            for (int i : p.files) {
                fail(i, t.kind() == Transition.Kind.RECREATED ? "the locked identity was re-created"
                        : "attested by another identity");
            }
            Publisher to = t.to().publisher();
            String files = Explain.names(names) + " " + (names.size() == 1 ? "is" : "are");
            if (t.kind() == Transition.Kind.RECREATED) {
                add(FindingCode.IDENTITY_RECREATED, first, label + ": " + files + " signed by " + to.describe()
                                + " with other signed ids than the lock records: the repository or its owner was "
                                + "deleted and re-created", "expected: " + to.describe() + " with "
                                + t.fromIds().describe() + "\nfound:    " + to.describe() + " with "
                                + t.toIds().describe(),
                        "do not install it: a re-created repository is another publisher; if you have verified "
                                + "with the project that it is theirs, run " + Explain.acceptCommand(expected.name()));
                return;
            }
            String why = Explain.difference(t.from().orElseThrow(), to);
            Optional<FileKind> split = p.fileKind;
            add(FindingCode.IDENTITY_CHANGED, first, label + ": publisher identity changed: locked "
                            + expected.describeIdentities() + ", but " + files + " signed by " + to.describe() + " ("
                            + why + ")", "expected: " + (split.isPresent()
                            ? split.get().label() + "s signed by "
                            + Expectation.describe(expected.signersOf(split.get()).stream()
                            .map(LockedIdentity::publisher).toList()) + " (the lock shows sdists and wheels signed by "
                            + "different identities)" : expected.describeIdentities())
                            + "\nfound:    " + to.describe() + "\nsigned claims: " + Explain.claims(expected, t),
                    "if you trust the new publisher, run " + Explain.acceptCommand(expected.name())
                            + "; the approval is recorded in the lock for review; otherwise do not install it");
        }

        private void unattestedInAnchored(List<Integer> unattested) {
            if (unattested.isEmpty()) {
                return;
            }
            String locked = expected.describeIdentities();
            if (expected.rules().required()) {
                for (int i : unattested) {
                    CheckedFile f = files.get(i);
                    add(FindingCode.ATTESTATION_REQUIRED, f, label + ": attestations are required, but "
                                    + f.filename() + " is not attested", "required by: "
                                    + expected.rules().requiredBy().get() + "\nfound:    " + why(f),
                            "pin a release whose files are all attested by " + locked);
                    fail(i, why(f));
                }
                return;
            }
            if (expected.rules().allowUnattested()) {
                List<String> names = unattested.stream().map(i -> files.get(i).filename()).toList();
                add(FindingCode.ATTESTATION_MISSING_ALLOWED, files.get(unattested.get(0)), label + ": "
                        + Explain.names(names) + " " + (names.size() == 1 ? "has" : "have") + " no attestation "
                        + "although " + expected.name() + " is locked to " + locked, "allowed: " + expected.name()
                        + " is in allow-unattested in [tool.pylock-trust]", "check that the exception is still "
                        + "intended: attestations that go missing are how a takeover shows");
                for (int i : unattested) {
                    verdicts[i] = new FileVerdict(files.get(i), Verdict.UNATTESTED, Optional.empty(),
                            why(files.get(i)) + "; allowed by allow-unattested");
                }
                return;
            }
            List<Integer> none = unattested.stream().filter(i -> files.get(i).evidence()
                    instanceof Evidence.NoProvenance).toList();
            List<Integer> unknown = unattested.stream().filter(i -> !none.contains(i)).toList();
            if (!none.isEmpty()) {
                List<String> names = none.stream().map(i -> files.get(i).filename()).toList();
                add(FindingCode.ATTESTATION_MISSING, files.get(none.get(0)), label + ": " + Explain.names(names) + " "
                                + (names.size() == 1 ? "has" : "have") + " no attestation, but " + expected.name()
                                + " is locked to " + locked, "expected: attested by " + locked + "\nfound:    "
                                + why(files.get(none.get(0))) + "\na file without provenance in an attested package "
                                + "may have been uploaded by someone else", "do not install it until you know why the "
                                + "attestation is missing; if the publisher really does not attest it, add \""
                                + expected.name() + "\" to allow-unattested in [tool.pylock-trust] (a reviewer sees it)");
            }
            if (!unknown.isEmpty()) {
                List<String> names = unknown.stream().map(i -> files.get(i).filename()).toList();
                add(FindingCode.PROVENANCE_UNSUPPORTED, files.get(unknown.get(0)), label + ": " + Explain.names(names)
                                + " cannot be checked: the index serves no provenance, but " + expected.name()
                                + " is locked to " + locked, "expected: attested by " + locked + "\nfound:    "
                                + ((Evidence.ProvenanceUnsupported) files.get(unknown.get(0)).evidence()).why(),
                        "use an index that serves PEP 740 provenance (PyPI, or a mirror with Simple API 1.3 or "
                                + "later), or give --integrity-url");
            }
            for (int i : unattested) {
                fail(i, why(files.get(i)));
            }
        }

        // ---- rules 4 and 5: a package without locked identities ----

        /** The identities to record at first use (none for {@code verify}). */
        private List<Publisher> firstUse() {
            List<Integer> attested = new ArrayList<>();
            List<Integer> unattested = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (verdicts[i] == null) {
                    (files.get(i).unattested() ? unattested : attested).add(i);
                }
            }
            if (!context.records()) {
                for (int i : attested) {
                    notAnchored(i, "attested, but no identity is locked for the package");
                }
                for (int i : unattested) {
                    notAnchored(i, why(files.get(i)));
                }
                return List.of();
            }
            IdentitySet identities = new IdentitySet();
            for (int i : attested) {
                files.get(i).identities().forEach(id -> identities.add(id.publisher()));
            }
            ambiguity(attested, identities.toList());
            // A file's record names the one identity that signed it, so only those are recorded (another identity on
            // the same file is not, as in a locked package): every recorded identity signs a recorded file.
            IdentitySet recorded = new IdentitySet();
            for (int i : attested) {
                if (verdicts[i] == null) {
                    Publisher signer = files.get(i).identities().get(0).publisher();
                    verdicts[i] = new FileVerdict(files.get(i), Verdict.ATTESTED,
                            Optional.of(recorded.get(recorded.add(signer))), "");
                }
            }
            for (int i : attested) {
                if (verdicts[i].verdict() == Verdict.ATTESTED) {
                    extraIdentities(files.get(i), recorded);
                }
            }
            if (!attested.isEmpty() && !unattested.isEmpty()) {
                mixedRelease(unattested, identities.toList());
            } else {
                for (int i : unattested) {
                    notAnchored(i, why(files.get(i)));
                }
            }
            if (!attested.isEmpty() && findings.stream().noneMatch(Finding::isFailure)) {
                findings.add(Finding.of(FindingCode.FIRST_USE, expected.name(), Optional.empty(), label + ": "
                        + (expected.known() ? "attestations gained: recorded " : "first use: recorded ")
                        + Expectation.describe(recorded.toList()), "", "", at));
            }
            if (attested.isEmpty() && unattested.stream().anyMatch(i -> files.get(i).evidence()
                    instanceof Evidence.ProvenanceUnsupported) && context.command() == FindingCode.Command.LOCK) {
                Evidence.ProvenanceUnsupported u = (Evidence.ProvenanceUnsupported) unattested.stream()
                        .map(i -> files.get(i).evidence()).filter(Evidence.ProvenanceUnsupported.class::isInstance)
                        .findFirst().orElseThrow();
                findings.add(Finding.of(FindingCode.PROVENANCE_UNKNOWN, expected.name(), Optional.empty(), label
                                + ": the index does not serve provenance; nothing is known about its publisher",
                        u.why(), "lock against an index that serves PEP 740 provenance (e.g. PyPI)", at));
            }
            return recorded.toList();
        }

        /** A file of a package with nothing to hold it to: passes unattested, unless attestations are required. */
        private void notAnchored(int i, String why) {
            CheckedFile f = files.get(i);
            if (expected.rules().required()) {
                add(FindingCode.ATTESTATION_REQUIRED, f, label + ": attestations are required, but "
                                + (f.unattested() ? f.filename() + " has none" : "no identity is locked to check "
                                + f.filename() + " against"), "required by: " + expected.rules().requiredBy().get()
                                + "\nfound:    " + why, f.unattested() ? allowHint(expected.name())
                                : "record the publisher identity: pylock-trust lock (then review the added "
                                + "attestation-identities of " + expected.name() + ")");
                fail(i, why);
            } else {
                verdicts[i] = new FileVerdict(f, Verdict.UNATTESTED, Optional.empty(), why);
            }
        }

        /**
         * At first use: one file attested by several identities, or a release whose files are attested by identities
         * of different repositories (different workflows of one repository are normal).
         */
        private void ambiguity(List<Integer> attested, List<Publisher> identities) {
            Map<String, Pending> pending = new LinkedHashMap<>();
            for (int i : attested) {
                List<VerifiedIdentity> ids = files.get(i).identities();
                VerifiedIdentity first = ids.get(0);
                for (VerifiedIdentity other : ids) {
                    if (!other.publisher().sameIdentity(first.publisher())) {
                        ambiguous(pending, first.publisher(), other, i);
                    }
                }
                Publisher firstRepository = identities.get(0);
                if (!first.publisher().sameRepository(firstRepository)) {
                    ambiguous(pending, firstRepository, first, i);
                }
            }
            for (Pending p : pending.values()) {
                List<String> names = p.files.stream().map(i -> files.get(i).filename()).toList();
                Transition t = new Transition(Transition.Kind.AMBIGUOUS, p.transition.from(), SignedIds.NONE,
                        p.transition.to(), names);
                Optional<Approval> approval = context.approver().approve(expected.name(), t);
                transitions.add(new PackageDecision.Resolved(t, approval));
                CheckedFile f = files.get(p.files.get(0));
                String both = t.from().orElseThrow().describe() + " and " + t.to().publisher().describe();
                if (approval.isPresent()) {
                    add(FindingCode.IDENTITY_AMBIGUOUS_APPROVED, f, label + ": several identities accepted at "
                                    + "first use: " + both, "approved: " + approval.get().reason(),
                            "recorded in [tool.pylock-trust] approved-identity-changes with the reason given");
                } else {
                    // One file signed by both, or files of the release signed by different repositories.
                    boolean sameFile = p.files.stream().allMatch(i -> files.get(i).identities().stream()
                            .anyMatch(id -> id.publisher().sameIdentity(t.from().orElseThrow())));
                    String by = sameFile ? " attested by more than one identity: " + both
                            : " attested by " + t.to().publisher().describe() + ", the release's other files by "
                            + t.from().orElseThrow().describe() + ", another repository";
                    add(FindingCode.IDENTITY_AMBIGUOUS, f, label + ": at first use, " + Explain.names(names) + " "
                                    + (names.size() == 1 ? "is" : "are") + by,
                            "more than one identity (or repository) publishing one package is "
                                    + "unusual; the second one may be an attacker's",
                            "check both with the project; if both are theirs, run "
                                    + Explain.acceptCommand(expected.name()) + "; the approval is recorded in the "
                                    + "lock for review");
                    for (int i : p.files) {
                        fail(i, "attested by several identities at first use");
                    }
                }
            }
        }

        private void ambiguous(Map<String, Pending> pending, Publisher from, VerifiedIdentity to, int file) {
            String k = from.toIdentityTable() + "|" + to.publisher().toIdentityTable();
            pending.computeIfAbsent(k, x -> new Pending(new Transition(Transition.Kind.AMBIGUOUS,
                    Optional.of(from), SignedIds.NONE, to, List.of()), new ArrayList<>())).files.add(file);
        }

        /** At first use, files without provenance next to attested ones. */
        private void mixedRelease(List<Integer> unattested, List<Publisher> identities) {
            List<String> names = unattested.stream().map(i -> files.get(i).filename()).toList();
            CheckedFile first = files.get(unattested.get(0));
            String by = Expectation.describe(identities);
            if (expected.rules().required()) {
                for (int i : unattested) {
                    notAnchored(i, why(files.get(i)));
                }
            } else if (expected.rules().allowUnattested()) {
                add(FindingCode.ATTESTATION_MISSING_ALLOWED, first, label + ": " + Explain.names(names) + " "
                                + (names.size() == 1 ? "has" : "have") + " no attestation, while its other files are "
                                + "attested by " + by, "allowed: " + expected.name() + " is in allow-unattested in "
                                + "[tool.pylock-trust]", "");
                for (int i : unattested) {
                    verdicts[i] = new FileVerdict(files.get(i), Verdict.UNATTESTED, Optional.empty(),
                            why(files.get(i)) + "; allowed by allow-unattested");
                }
            } else {
                add(FindingCode.ATTESTATION_MISSING, first, label + ": " + Explain.names(names) + " "
                                + (names.size() == 1 ? "has" : "have") + " no attestation, while its other files are "
                                + "attested by " + by, "a file without provenance next to attested ones is how a file "
                                + "is slipped into a release; verify would refuse it",
                        "restrict the lock to the attested files (--hash with --no-deps), or, if the publisher really "
                                + "does not attest them, accept it with --allow-unattested " + expected.name()
                                + " (recorded in [tool.pylock-trust] for review)");
                for (int i : unattested) {
                    fail(i, why(files.get(i)));
                }
            }
        }

        // ---- helpers ----

        private String expectedLine() {
            return "expected: " + (expected.anchored() ? "attested by " + expected.describeIdentities()
                    : "valid attestations (no identity is locked)");
        }

        private void fail(int i, String reason) {
            verdicts[i] = new FileVerdict(files.get(i), Verdict.FAILED, Optional.empty(), reason);
        }

        private void add(FindingCode code, CheckedFile f, String message, String detail, String hint) {
            findings.add(Finding.of(code, expected.name(), Optional.of(f.filename()), message, detail, hint, at));
        }

        private static String why(CheckedFile f) {
            if (f.evidence() instanceof Evidence.NoProvenance n) {
                return "no provenance published (" + n.why() + ")";
            }
            return "the index serves no provenance (" + ((Evidence.ProvenanceUnsupported) f.evidence()).why() + ")";
        }
    }

    /** A transition being collected over the files it concerns. */
    private static final class Pending {
        final Transition transition;
        final List<Integer> files;
        /** For a file signed by the other kind's identity: the file's kind. */
        final Optional<FileKind> fileKind;

        Pending(Transition transition, List<Integer> files) {
            this(transition, files, Optional.empty());
        }

        Pending(Transition transition, List<Integer> files, Optional<FileKind> fileKind) {
            this.transition = transition;
            this.files = files;
            this.fileKind = fileKind;
        }
    }

    static String label(String name, Optional<String> version) {
        return version.filter(v -> !v.isEmpty()).map(v -> name + " " + v).orElse(name);
    }

    static String allowHint(String name) {
        return "if " + name + " is known not to publish attestations, accept it explicitly in [tool.pylock-trust] "
                + "allow-unattested (reviewed in the lock file's diff)";
    }
}
