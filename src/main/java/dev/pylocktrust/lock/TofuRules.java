package dev.pylocktrust.lock;

import dev.pylocktrust.attest.IdentityValues;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import dev.pylocktrust.report.Finding;
import dev.pylocktrust.report.Severity;
import dev.pylocktrust.report.SourceLocation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The trust-on-first-use rules of {@code lock}, for one package entry. Pure: values in, a {@link TofuDecision} out.
 *
 * <p>The earlier lock's identities are the anchor. Identities compare with {@link Publisher#sameIdentity} (kind,
 * repository case-insensitively, workflow or workflow file path, environment with empty = absent, e-mail): any other
 * difference, the environment included, is an identity change. The rules, in order:
 * <ol>
 *   <li>A file whose provenance does not verify, or that the index does not list, is a failure. Always.</li>
 *   <li>A file with the same version and filename as a locked one but another sha256 is a failure (the index
 *       served other bytes). No option accepts it.</li>
 *   <li>Anchored package: every verified file must verify under a locked identity. Otherwise it is an identity
 *       change: a failure, unless the package is named in {@code --accept-identity-change}, which replaces the
 *       identities and records the approval. A file without provenance is a failure ("attestations disappeared")
 *       unless the same file (same sha256) was locked without provenance before, or the lock's policy lists the
 *       package in {@code allow-unattested}.</li>
 *   <li>Package without anchor: its verified identities are recorded (first use, or attestations gained); a
 *       package in {@code require-attestations} must have every file verified.</li>
 * </ol>
 */
public final class TofuRules {
    private TofuRules() {}

    /**
     * Everything the rules look at for one package entry.
     *
     * @param name normalized package name
     * @param version the version being locked
     * @param files its files with what their provenance says
     * @param anchor what the earlier lock says about the name, if it has it
     * @param policy the lock's {@code [tool.pylock-trust]} policy
     * @param acceptance the {@code --accept-identity-change NAME} given for this package, if any
     * @param today the approval date to record
     * @param location where findings point (the package in the earlier lock, or its requirement)
     */
    public record Input(String name, String version, List<CheckedFile> files, Optional<Anchor> anchor,
                        TrustPolicy policy, Optional<Acceptance> acceptance, LocalDate today,
                        Optional<SourceLocation> location) {
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            files = List.copyOf(files);
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(acceptance, "acceptance");
            Objects.requireNonNull(today, "today");
            Objects.requireNonNull(location, "location");
        }
    }

    public static TofuDecision decide(Input in) {
        return new Run(in).decide();
    }

    /** One evaluation; collects findings as it goes. */
    private static final class Run {
        private final Input in;
        private final List<Finding> findings = new ArrayList<>();

        Run(Input in) {
            this.in = in;
        }

        TofuDecision decide() {
            for (CheckedFile f : in.files()) {
                if (f.verdict() instanceof CheckedFile.Invalid i) {
                    fail("provenance-invalid", f, in.name() + " " + in.version() + ": the provenance of "
                                    + f.filename() + " does not verify",
                            i.reason(), "do not install this release; report it to the maintainers and the index");
                } else if (f.verdict() instanceof CheckedFile.NotOnIndex n) {
                    fail("not-on-index", f, in.name() + " " + in.version() + ": " + f.filename()
                                    + " is not on the index", n.why(),
                            "check --index-url; a locked file must be listed on the index with the same sha256");
                }
            }
            checkHashes();
            boolean anchored = in.anchor().map(Anchor::hasIdentities).orElse(false);
            TofuDecision d = anchored ? anchored() : firstUse();
            if (in.acceptance().isPresent() && d.status() != TofuDecision.IdentityStatus.CHANGED_APPROVED) {
                add(Severity.WARNING, "approval-unused", Optional.empty(), "--accept-identity-change " + in.name()
                        + " was not needed: its identity did not change", "", "nothing was recorded");
            }
            boolean failed = findings.stream().anyMatch(Finding::isFailure);
            return new TofuDecision(failed ? List.of() : d.identities(), failed ? List.of() : d.approvals(),
                    failed ? TofuDecision.IdentityStatus.REFUSED : d.status(), findings);
        }

        private void checkHashes() {
            Optional<Version> version = Version.tryParse(in.version());
            for (Anchor.PreviousFile old : in.anchor().map(Anchor::files).orElse(List.of())) {
                boolean sameVersion = old.version().flatMap(Version::tryParse).equals(version) && version.isPresent();
                for (CheckedFile f : in.files()) {
                    if (sameVersion && sameFile(old.filename(), f.filename()) && !old.sha256().equals(f.sha256())) {
                        findings.add(new Finding(Severity.FAILURE, "hash-changed", in.name(),
                                Optional.of(f.filename()), in.name() + " " + in.version() + ": " + f.filename()
                                        + " has sha256 " + f.sha256() + " on the index, but the lock has "
                                        + old.sha256() + " for the same file",
                                "the index served different bytes under a name it had published before; PyPI "
                                        + "never allows that", "do not install it; find out why the index changed "
                                        + "the file before locking again", old.location().or(in::location)));
                    }
                }
            }
        }

        private TofuDecision anchored() {
            Anchor anchor = in.anchor().orElseThrow();
            IdentitySet accepted = new IdentitySet();
            Map<String, List<CheckedFile>> changed = new LinkedHashMap<>();
            Map<String, VerifiedIdentity> changedIdentity = new LinkedHashMap<>();
            List<CheckedFile> unattested = new ArrayList<>();
            for (CheckedFile f : in.files()) {
                if (f.isVerified()) {
                    boolean matched = false;
                    for (VerifiedIdentity id : f.identities()) {
                        Optional<Anchor.LockedIdentity> locked = anchor.identities().stream()
                                .filter(l -> l.publisher().sameIdentity(id.publisher())).findFirst();
                        if (locked.isPresent()) {
                            matched = true;
                            accepted.add(locked.get().table(), locked.get().publisher());
                        }
                    }
                    for (VerifiedIdentity id : f.identities()) {
                        boolean lockedId = anchor.publishers().stream().anyMatch(p -> p.sameIdentity(id.publisher()));
                        if (!matched) {
                            String k = key(table(id.publisher()));
                            changed.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
                            changedIdentity.putIfAbsent(k, id);
                        } else if (!lockedId) {
                            add(Severity.NOTICE, "extra-identity", Optional.of(f.filename()), in.name() + " "
                                    + in.version() + ": " + f.filename() + " is also signed by "
                                    + id.publisher().describe() + ", which is not locked; it is not recorded", "", "");
                        }
                    }
                } else if (f.verdict() instanceof CheckedFile.NoProvenance
                        || f.verdict() instanceof CheckedFile.ProvenanceUnknown) {
                    if (!lockedWithoutProvenance(anchor, f)) {
                        unattested.add(f);
                    }
                }
            }
            String locked = describe(anchor.publishers());
            List<ApprovedIdentityChange> approvals = new ArrayList<>();
            IdentitySet recorded = accepted;
            boolean approved = false;
            if (!changed.isEmpty() && in.acceptance().isPresent()) {
                approved = true;
                // The identities still in use, and the accepted new ones: nothing else slips in with the approval.
                recorded = new IdentitySet();
                for (int i = 0; i < accepted.tables().size(); i++) {
                    recorded.add(accepted.tables().get(i), accepted.publishers().get(i));
                }
                for (VerifiedIdentity id : changedIdentity.values()) {
                    recorded.add(table(id.publisher()), id.publisher());
                }
                for (VerifiedIdentity id : changedIdentity.values()) {
                    Anchor.LockedIdentity from = closest(anchor, id.publisher());
                    approvals.add(new ApprovedIdentityChange(in.name(), from.table(), table(id.publisher()),
                            in.acceptance().get().reason(), in.today(), in.acceptance().get().approvedBy()));
                    add(Severity.WARNING, "identity-change-approved", Optional.of(changed.get(
                                    key(table(id.publisher()))).get(0).filename()),
                            "identity change accepted for " + in.name() + ": " + from.publisher().describe() + " -> "
                                    + id.publisher().describe(),
                            "signed claims: " + IdentityChangeText.claims(anchor.verifiedRecords(), from.publisher(),
                                    id),
                            "recorded in [tool.pylock-trust] approved-identity-changes with the reason given");
                }
            } else {
                changed.forEach((k, files) -> {
                    VerifiedIdentity id = changedIdentity.get(k);
                    Anchor.LockedIdentity from = closest(anchor, id.publisher());
                    fail("identity-changed", files.get(0), in.name() + " " + in.version() + ": publisher identity "
                                    + "changed: locked " + locked + ", but " + names(files) + " "
                                    + (files.size() == 1 ? "is" : "are") + " signed by " + id.publisher().describe()
                                    + " (" + IdentityChangeText.difference(from.publisher(), id.publisher()) + ")",
                            "signed claims: " + IdentityChangeText.claims(anchor.verifiedRecords(),
                                    from.publisher(), id),
                            "if you trust the new publisher, lock again with --accept-identity-change " + in.name()
                                    + " --reason \"<why>\"; the approval is recorded in the lock for review");
                });
            }
            if (!unattested.isEmpty()) {
                if (in.policy().allowUnattested().contains(in.name())) {
                    add(Severity.WARNING, "attestations-disappeared-allowed", Optional.of(unattested.get(0).filename()),
                            in.name() + " " + in.version() + ": " + names(unattested) + " "
                                    + (unattested.size() == 1 ? "has" : "have") + " no provenance although " + in.name()
                                    + " was locked to " + locked, "allowed: " + in.name()
                                    + " is in allow-unattested in [tool.pylock-trust]", "");
                } else if (unattested.stream().allMatch(f -> f.verdict() instanceof CheckedFile.ProvenanceUnknown)) {
                    fail("provenance-unavailable", unattested.get(0), in.name() + " " + in.version() + ": the "
                                    + "index does not serve provenance, but " + in.name() + " is locked to " + locked,
                            ((CheckedFile.ProvenanceUnknown) unattested.get(0).verdict()).why(),
                            "lock against an index that serves PEP 740 provenance (e.g. PyPI), or pass "
                                    + "--integrity-url for a mirror of PyPI");
                } else {
                    fail("attestations-disappeared", unattested.get(0), in.name() + " " + in.version()
                                    + ": attestations disappeared: " + names(unattested) + " "
                                    + (unattested.size() == 1 ? "has" : "have") + " no provenance, but " + in.name()
                                    + " is locked to " + locked,
                            "a publisher that attested before would normally keep attesting; a file without "
                                    + "provenance may have been uploaded by someone else",
                            "if the publisher really stopped attesting, add \"" + in.name() + "\" to "
                                    + "allow-unattested in [tool.pylock-trust] of the lock file and lock again");
                }
            }
            if (!approved && !accepted.isEmpty()) {
                for (Anchor.LockedIdentity l : anchor.identities()) {
                    if (!accepted.contains(l.publisher())) {
                        add(Severity.NOTICE, "identity-unused", Optional.empty(), in.name() + " " + in.version()
                                + ": no file is signed by locked identity " + l.publisher().describe()
                                + " any more; it is no longer recorded", "", "");
                    }
                }
            }
            TofuDecision.IdentityStatus status = approved ? TofuDecision.IdentityStatus.CHANGED_APPROVED
                    : recorded.isEmpty() ? TofuDecision.IdentityStatus.DROPPED_ALLOWED
                    : TofuDecision.IdentityStatus.UNCHANGED;
            return new TofuDecision(recorded.tables(), approvals, status, List.of());
        }

        private TofuDecision firstUse() {
            IdentitySet identities = new IdentitySet();
            List<CheckedFile> unattested = new ArrayList<>();
            for (CheckedFile f : in.files()) {
                for (VerifiedIdentity id : f.identities()) {
                    identities.add(table(id.publisher()), id.publisher());
                }
                if (f.verdict() instanceof CheckedFile.NoProvenance
                        || f.verdict() instanceof CheckedFile.ProvenanceUnknown) {
                    unattested.add(f);
                }
            }
            if (in.policy().requireAttestations().contains(in.name()) && !unattested.isEmpty()) {
                fail("attestations-required", unattested.get(0), in.name() + " " + in.version() + ": "
                                + names(unattested) + " " + (unattested.size() == 1 ? "has" : "have")
                                + " no verified attestation, but " + in.name() + " is in require-attestations",
                        "[tool.pylock-trust] require-attestations lists packages that must be attested",
                        "pin a release whose files are all attested, or remove the package from "
                                + "require-attestations (a reviewer sees it)");
            }
            boolean known = in.anchor().isPresent();
            List<Publisher> publishers = identities.publishers();
            if (!identities.isEmpty()) {
                add(Severity.NOTICE, known ? "attestations-gained" : "first-use", Optional.empty(),
                        in.name() + " " + in.version() + ": " + (known ? "attestations gained: " : "first use: ")
                                + "recorded " + describe(publishers), "", "");
                if (!unattested.isEmpty()) {
                    add(Severity.WARNING, "unattested-files", Optional.of(unattested.get(0).filename()),
                            in.name() + " " + in.version() + ": " + unattested.size() + " of " + in.files().size()
                                    + " files have no provenance: " + names(unattested),
                            "the package's files are locked to " + describe(publishers)
                                    + "; a file without attestations will not pass verification",
                            "pin a release whose files are all attested, or restrict the files with --hash");
                }
            }
            if (unattested.stream().anyMatch(f -> f.verdict() instanceof CheckedFile.ProvenanceUnknown)) {
                add(Severity.WARNING, "provenance-unknown", Optional.empty(), in.name() + " " + in.version()
                                + ": the index does not serve provenance; nothing is known about its publisher",
                        ((CheckedFile.ProvenanceUnknown) unattested.stream()
                                .filter(f -> f.verdict() instanceof CheckedFile.ProvenanceUnknown).findFirst()
                                .orElseThrow().verdict()).why(),
                        "lock against an index that serves PEP 740 provenance (e.g. PyPI)");
            }
            TofuDecision.IdentityStatus status = identities.isEmpty() ? TofuDecision.IdentityStatus.UNATTESTED
                    : known ? TofuDecision.IdentityStatus.GAINED : TofuDecision.IdentityStatus.FIRST_USE;
            return new TofuDecision(identities.tables(), List.of(), status, List.of());
        }

        private void fail(String code, CheckedFile file, String message, String detail, String hint) {
            add(Severity.FAILURE, code, Optional.of(file.filename()), message, detail, hint);
        }

        private void add(Severity severity, String code, Optional<String> file, String message, String detail,
                         String hint) {
            findings.add(new Finding(severity, code, in.name(), file, message, detail, hint, in.location()));
        }
    }

    /** Identities without duplicates under {@link Publisher#sameIdentity}; the first spelling seen is kept. */
    private static final class IdentitySet {
        private final List<AttestationIdentity> tables = new ArrayList<>();
        private final List<Publisher> publishers = new ArrayList<>();

        void add(AttestationIdentity table, Publisher publisher) {
            if (!contains(publisher)) {
                tables.add(table);
                publishers.add(publisher);
            }
        }

        boolean contains(Publisher p) {
            return publishers.stream().anyMatch(q -> q.sameIdentity(p));
        }

        boolean isEmpty() {
            return tables.isEmpty();
        }

        List<AttestationIdentity> tables() {
            return List.copyOf(tables);
        }

        List<Publisher> publishers() {
            return List.copyOf(publishers);
        }
    }

    /** The same file was locked, with the same sha256, without provenance: nothing disappeared. */
    private static boolean lockedWithoutProvenance(Anchor anchor, CheckedFile f) {
        return anchor.files().stream().anyMatch(p -> p.sha256().equals(f.sha256()) && p.record().map(r ->
                r.status() == FileAttestationRecord.Status.NO_PROVENANCE
                        || r.status() == FileAttestationRecord.Status.PROVENANCE_UNKNOWN).orElse(false));
    }

    /** The locked identity a new one is compared with: same kind and repository, else same kind, else the first. */
    private static Anchor.LockedIdentity closest(Anchor anchor, Publisher now) {
        String repo = now.toIdentityTable().getOrDefault("repository", "");
        return anchor.identities().stream()
                .filter(l -> l.publisher().kind().equals(now.kind())
                        && IdentityValues.same(now.kind(), "repository",
                                l.publisher().toIdentityTable().getOrDefault("repository", ""), repo))
                .findFirst()
                .or(() -> anchor.identities().stream().filter(l -> l.publisher().kind().equals(now.kind())).findFirst())
                .orElse(anchor.identities().get(0));
    }

    /**
     * Whether two filenames name the same distribution file: parsed and compared (wheels by name, version, build tag
     * and tag set; sdists by name, version and archive format), so a normalized spelling matches the index's.
     */
    static boolean sameFile(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            DistributionFilename x = DistributionFilename.parse(a);
            DistributionFilename y = DistributionFilename.parse(b);
            if (x instanceof WheelFilename && y instanceof WheelFilename) {
                return x.sameDistribution(y);
            }
            return x instanceof SdistFilename s && y instanceof SdistFilename t && s.format() == t.format()
                    && x.sameDistribution(y);
        } catch (InvalidSpecException e) {
            return false;
        }
    }

    static AttestationIdentity table(Publisher p) {
        return AttestationIdentity.of(p.toIdentityTable());
    }

    private static String key(AttestationIdentity id) {
        return TomlEmitter.inlineTable(id.fields());
    }

    private static String describe(List<Publisher> publishers) {
        return publishers.stream().map(Publisher::describe).collect(Collectors.joining(" or "));
    }

    private static String names(List<CheckedFile> files) {
        int shown = Math.min(3, files.size());
        String list = files.subList(0, shown).stream().map(CheckedFile::filename).collect(Collectors.joining(", "));
        return files.size() > shown ? list + " and " + (files.size() - shown) + " more" : list;
    }
}
