package dev.pylocktrust.diff;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.Expectations;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.policy.Approval;
import dev.pylocktrust.policy.Approver;
import dev.pylocktrust.policy.CheckedFile;
import dev.pylocktrust.policy.Evidence;
import dev.pylocktrust.policy.Expectation;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.PackageDecision;
import dev.pylocktrust.policy.PackageRules;
import dev.pylocktrust.policy.PriorFile;
import dev.pylocktrust.policy.SignedIds;
import dev.pylocktrust.policy.Transition;
import dev.pylocktrust.policy.TrustRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The trust side of a lockfile change, decided by the policy core as {@code lock} and {@code verify} decide it: BASE's
 * entry is the expectation, and what HEAD claims about its files is the evidence (an identity from its per-file
 * record, else every identity HEAD records for the package). So HEAD may not hold a package to any identity BASE does
 * not (unless HEAD approves the exact transition), may not drop an attestation unless HEAD allows the package
 * unattested, and may not contradict itself.
 */
final class TrustComparer {
    private final ParsedLockfile base;
    private final ParsedLockfile head;
    private final TrustPolicy headPolicy;

    TrustComparer(ParsedLockfile base, ParsedLockfile head) {
        this.base = base;
        this.head = head;
        this.headPolicy = head.lockfile().policy();
    }

    /** The trust changes of an entry BASE and HEAD both have. */
    List<Change> compare(LockedPackage b, LockedPackage h) {
        Expectation expected = Expectations.ignoringMalformed(base, List.of(b), rules(h.name()));
        // Hashes are compared file by file (FileComparer, every algorithm); here only who vouches for the files.
        expected = new Expectation(expected.name(), true, expected.identities(), List.of(), expected.rules(),
                expected.location());
        return changes(expected, b, h);
    }

    /**
     * The trust changes of an entry only HEAD has. Where BASE has the package in other entries (told apart by
     * markers), the new entry is held to them, as {@code lock} holds a new entry of a locked package: a file without
     * provenance passes only if BASE already had it (same sha256) in an entry without identities. Else the first-use
     * rules (ambiguous identities, partial attestation).
     */
    List<Change> added(LockedPackage h) {
        List<LockedPackage> named = base.lockfile().packagesNamed(h.name());
        if (named.isEmpty()) {
            return changes(Expectation.none(h.name(), rules(h.name()), head.locationOf(h)), null, h);
        }
        Expectation e = Expectations.ignoringMalformed(base, named, rules(h.name()));
        Set<String> shas = h.files().stream().flatMap(f -> f.sha256().stream()).collect(Collectors.toSet());
        List<PriorFile> unattestedBefore = e.files().stream().filter(p -> p.unattested() && shas.contains(p.sha256()))
                .toList();
        return changes(new Expectation(e.name(), true, e.identities(), unattestedBefore, e.rules(), e.location()),
                null, h);
    }

    private List<Change> changes(Expectation expected, LockedPackage b, LockedPackage h) {
        OptionalInt line = head.sourceMap().lineOf(h);
        TrustRules.Context context = new TrustRules.Context(FindingCode.Command.DIFF, h.version(), approver(),
                head.locationOf(h));
        List<Change> out = new ArrayList<>();
        List<AttestationIdentity> baseIds = b != null ? b.attestationIdentities()
                : base.lockfile().packagesNamed(h.name()).stream().flatMap(p -> p.attestationIdentities().stream())
                .distinct().toList();
        PackageDecision d = h.isDirect() ? TrustRules.decideDirect(expected, h.sourceKind(), context)
                : TrustRules.decide(expected, evidence(h), context);

        List<Change.AddedIdentity> changed = new ArrayList<>();
        List<Change.AddedIdentity> ambiguous = new ArrayList<>();
        for (PackageDecision.Resolved r : d.transitions()) {
            Transition t = r.transition();
            Change.AddedIdentity a = new Change.AddedIdentity(table(h, t.to().publisher()),
                    r.approval().flatMap(x -> approvalEntry(h.name(), t)), t.kind() == Transition.Kind.RECREATED,
                    t.fromIds(), t.toIds());
            (t.kind() == Transition.Kind.AMBIGUOUS ? ambiguous : changed).add(a);
        }
        changed.addAll(unclaimed(expected, h, changed, d));
        changed.addAll(malformed(b, h));
        if (!changed.isEmpty()) {
            List<AttestationIdentity> removed = baseIds.stream().filter(x -> !inHead(x, h)).toList();
            out.add(new Change.IdentityChanged(h.name(), h.version(), baseIds, h.attestationIdentities(),
                    distinct(changed), removed, firstLine(changed.stream().map(Change.AddedIdentity::identity)
                    .toList(), line)));
        } else if (b != null && !baseIds.isEmpty() && !h.attestationIdentities().isEmpty()) {
            List<AttestationIdentity> removed = baseIds.stream().filter(x -> !inHead(x, h)).toList();
            if (!removed.isEmpty()) {
                out.add(new Change.IdentitiesRemoved(h.name(), h.version(), removed, h.attestationIdentities(),
                        line));
            }
        }
        if (!ambiguous.isEmpty()) {
            out.add(new Change.IdentityAmbiguous(h.name(), h.version(), h.attestationIdentities(), distinct(ambiguous),
                    line));
        }
        lost(d, b, h, baseIds, line).ifPresent(out::add);
        if (b != null && baseIds.isEmpty() && !h.attestationIdentities().isEmpty()) {
            out.add(new Change.IdentitiesFirstRecorded(h.name(), h.version(), h.attestationIdentities(),
                    firstLine(h.attestationIdentities(), line)));
        }
        out.addAll(inconsistencies(b, h, line));
        return out;
    }

    /** Files HEAD does not hold to an identity, as the policy found them. */
    private Optional<Change> lost(PackageDecision d, LockedPackage b, LockedPackage h,
                                  List<AttestationIdentity> baseIds, OptionalInt line) {
        Set<FindingCode> codes = Set.of(FindingCode.ATTESTATION_MISSING, FindingCode.ATTESTATION_MISSING_ALLOWED,
                FindingCode.PROVENANCE_UNSUPPORTED, FindingCode.ATTESTATION_REQUIRED, FindingCode.UNVERIFIABLE_SOURCE,
                FindingCode.ATTESTATION_INVALID);
        List<Finding> found = d.findings().stream().filter(f -> codes.contains(f.code())).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FindingCode code = found.stream().map(Finding::code).filter(c -> c != FindingCode.ATTESTATION_MISSING_ALLOWED)
                .findFirst().orElse(FindingCode.ATTESTATION_MISSING_ALLOWED);
        List<Change.LostFile> files = new ArrayList<>();
        boolean whole = h.attestationIdentities().isEmpty() || h.isDirect();
        if (!whole) {
            for (var v : d.files()) {
                boolean notHeld = v.file().unattested() || v.file().evidence() instanceof Evidence.Invalid;
                if (notHeld && files.stream().noneMatch(l -> l.filename().equals(v.file().filename()))) {
                    files.add(new Change.LostFile(v.file().filename(), counterpart(b, v.file().filename()),
                            headStatus(v.file().evidence())));
                }
            }
        }
        OptionalInt at = OptionalInt.empty();
        for (Change.LostFile f : files) {
            if (at.isEmpty()) {
                at = h.files().stream().filter(x -> x.filename().equals(f.filename())).findFirst()
                        .map(x -> head.sourceMap().lineOf(x)).orElse(OptionalInt.empty());
            }
        }
        return Optional.of(new Change.AttestationsLost(h.name(), code, b == null ? Optional.empty() : b.version(),
                h.version(), baseIds, files, headPolicy.allowUnattested().contains(h.name()),
                at.isPresent() ? at : line));
    }

    /** HEAD's contradictions that BASE does not already have. */
    private List<Change> inconsistencies(LockedPackage b, LockedPackage h, OptionalInt line) {
        List<String> before = b == null ? List.of() : Expectations.consistency(base, b).stream()
                .map(Finding::message).toList();
        List<Change> out = new ArrayList<>();
        for (Finding f : Expectations.consistency(head, h)) {
            if (f.code() == FindingCode.LOCK_INCONSISTENT && !before.contains(f.message())) {
                out.add(new Change.Inconsistent(h.name(), f, f.location().map(l -> OptionalInt.of(l.line()))
                        .orElse(line)));
            }
        }
        return out;
    }

    /**
     * What HEAD claims about each of its files: the identity its record names (with the ids it records), else every
     * identity HEAD records for the package; no provenance where its record or the lack of identities says so.
     */
    private List<CheckedFile> evidence(LockedPackage h) {
        List<VerifiedIdentity> all = new ArrayList<>();
        for (AttestationIdentity id : h.attestationIdentities()) {
            id.publisher().ifPresent(p -> all.add(claimed(p, Optional.empty())));
        }
        List<CheckedFile> out = new ArrayList<>();
        for (LockedFile f : h.files()) {
            String sha = f.sha256().orElse("");
            Optional<FileAttestationRecord> record = h.attestationRecords().stream()
                    .filter(r -> r.sha256().equals(sha)).findFirst();
            out.add(new CheckedFile(f.filename(), sha, claim(h, record, all)));
        }
        return out;
    }

    private Evidence claim(LockedPackage h, Optional<FileAttestationRecord> record, List<VerifiedIdentity> all) {
        if (record.isPresent() && record.get().status() != FileAttestationRecord.Status.VERIFIED) {
            FileAttestationRecord r = record.get();
            String why = "HEAD records " + r.status().tomlValue();
            return switch (r.status()) {
                case PROVENANCE_UNKNOWN -> new Evidence.ProvenanceUnsupported(why);
                case FAILED -> new Evidence.Invalid(why);
                default -> new Evidence.NoProvenance(why);
            };
        }
        if (all.isEmpty()) {
            return new Evidence.NoProvenance(record.isPresent() ? "HEAD records it as verified, but no identity"
                    : "HEAD records no attestation identity for the package");
        }
        // The record names its signer, or the package has only one identity to name.
        OptionalInt position = record.isPresent() && record.get().identity().isEmpty()
                && h.attestationIdentities().size() == 1 ? OptionalInt.of(1)
                : record.map(FileAttestationRecord::identity).orElse(OptionalInt.empty());
        if (record.isPresent() && position.isPresent() && position.getAsInt() <= h.attestationIdentities().size()) {
            Optional<Publisher> signer = h.attestationIdentities().get(position.getAsInt() - 1).publisher();
            if (signer.isPresent()) {
                return new Evidence.Attested(List.of(claimed(signer.get(), record)), true);
            }
        }
        return new Evidence.Attested(all, false);
    }

    /** HEAD's claim as the policy reads a verified identity: certified keys unknown, ids as recorded. */
    private static VerifiedIdentity claimed(Publisher p, Optional<FileAttestationRecord> record) {
        return new VerifiedIdentity(p, new TreeSet<>(), new TreeSet<>(),
                record.flatMap(FileAttestationRecord::repositoryId),
                record.flatMap(FileAttestationRecord::repositoryOwnerId));
    }

    /**
     * HEAD's approvals: an entry of HEAD's {@code approved-identity-changes} for this package whose {@code to} is the
     * new identity and whose {@code from} is the identity it departs from (one of BASE's; for several identities at
     * first use, the other one), with the same signed ids where it records them (always, for a re-created identity).
     */
    private Approver approver() {
        return (name, t) -> approvalEntry(name, t).map(a -> new Approval(a.reason(), a.date(), a.approvedBy(),
                head.at(head.sourceMap().lineOf(a))));
    }

    private Optional<ApprovedIdentityChange> approvalEntry(String name, Transition t) {
        Publisher to = t.to().publisher();
        Optional<Publisher> from = t.from();
        return headPolicy.approvedIdentityChanges().stream()
                .filter(a -> a.packageName().equals(name) && from.isPresent())
                .filter(a -> same(a.to(), to) && same(a.from(), from.get())
                        // several identities at first use are approved as a pair, whichever came first
                        || t.kind() == Transition.Kind.AMBIGUOUS && same(a.to(), from.get()) && same(a.from(), to))
                .filter(a -> t.kind() != Transition.Kind.RECREATED ? a.toIds().isEmpty() || a.toIds().equals(t.toIds())
                        : !a.toIds().isEmpty() && a.toIds().equals(t.toIds()))
                .findFirst();
    }

    private static boolean same(AttestationIdentity table, Publisher p) {
        return table.publisher().filter(x -> x.sameIdentity(p)).isPresent();
    }

    /**
     * HEAD identities that BASE does not hold the package to and that no file's evidence brought up (no record names
     * them): HEAD trusts them all the same, since {@code verify} accepts a file any of them signs.
     */
    private List<Change.AddedIdentity> unclaimed(Expectation expected, LockedPackage h,
                                                 List<Change.AddedIdentity> already, PackageDecision d) {
        List<Change.AddedIdentity> out = new ArrayList<>();
        if (!expected.anchored() || d.transitions().stream()
                .anyMatch(r -> r.transition().kind() == Transition.Kind.AMBIGUOUS)) {
            return out;
        }
        for (AttestationIdentity id : h.attestationIdentities()) {
            Optional<Publisher> p = id.publisher();
            if (p.isEmpty() || expected.indexOf(p.get()).isPresent()
                    || already.stream().anyMatch(a -> same(a.identity(), p.get()))) {
                continue;
            }
            Publisher from = expected.identities().stream().map(l -> l.publisher())
                    .filter(l -> l.sameRepository(p.get())).findFirst()
                    .orElse(expected.identities().get(0).publisher());
            Transition t = new Transition(Transition.Kind.CHANGED, Optional.of(from), SignedIds.NONE,
                    claimed(p.get(), Optional.empty()), List.of());
            out.add(new Change.AddedIdentity(id, approvalEntry(h.name(), t)));
        }
        return out;
    }

    /**
     * HEAD identities that are not valid publishers and that BASE does not have with exactly the same keys and values:
     * nothing can check them, so they are a change.
     */
    private List<Change.AddedIdentity> malformed(LockedPackage b, LockedPackage h) {
        return h.attestationIdentities().stream().filter(id -> id.publisher().isEmpty())
                .filter(id -> b == null || b.attestationIdentities().stream()
                        .noneMatch(x -> x.fields().equals(id.fields())))
                .map(id -> new Change.AddedIdentity(id, Optional.empty())).toList();
    }

    private PackageRules rules(String name) {
        return Expectations.rules(headPolicy, name, head.file(), false);
    }

    private static boolean inHead(AttestationIdentity x, LockedPackage h) {
        IdentityView v = IdentityView.of(x);
        return v.sameAsAny(IdentityView.of(h.attestationIdentities()));
    }

    private static AttestationIdentity table(LockedPackage h, Publisher p) {
        return h.attestationIdentities().stream().filter(id -> id.publisher().filter(x -> x.sameIdentity(p)).isPresent())
                .findFirst().orElseGet(() -> AttestationIdentity.of(p.toIdentityTable()));
    }

    private static List<Change.AddedIdentity> distinct(List<Change.AddedIdentity> in) {
        List<Change.AddedIdentity> out = new ArrayList<>();
        for (Change.AddedIdentity a : in) {
            if (out.stream().noneMatch(o -> o.identity().equals(a.identity()) && o.toIds().equals(a.toIds()))) {
                out.add(a);
            }
        }
        return out;
    }

    private OptionalInt firstLine(List<AttestationIdentity> ids, OptionalInt fallback) {
        for (AttestationIdentity id : ids) {
            OptionalInt l = head.sourceMap().lineOf(id);
            if (l.isPresent()) {
                return l;
            }
        }
        return fallback;
    }

    private static String counterpart(LockedPackage b, String filename) {
        if (b == null) {
            return "";
        }
        String key = FileKeys.key(filename);
        String slot = FileKeys.slot(filename);
        return b.files().stream().filter(f -> FileKeys.key(f.filename()).equals(key)).findFirst()
                .or(() -> b.files().stream().filter(f -> FileKeys.slot(f.filename()).equals(slot)).findFirst())
                .map(LockedFile::filename).orElse("");
    }

    private static String headStatus(Evidence e) {
        if (e instanceof Evidence.NoProvenance n) {
            return n.why().startsWith("HEAD records no-provenance") ? "no-provenance" : n.why();
        }
        if (e instanceof Evidence.ProvenanceUnsupported) {
            return "provenance-unknown";
        }
        return "failed";
    }
}
