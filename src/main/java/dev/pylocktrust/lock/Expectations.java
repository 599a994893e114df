package dev.pylocktrust.lock;

import dev.pylocktrust.attest.IdentitySet;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.policy.Expectation;
import dev.pylocktrust.policy.FileKind;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.IdentityMatch;
import dev.pylocktrust.policy.LockConsistency;
import dev.pylocktrust.policy.LockedIdentity;
import dev.pylocktrust.policy.PackageRules;
import dev.pylocktrust.policy.PriorFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a lock file says about a package, in the trust policy's terms: the locked identities with the signed ids and
 * kinds of file their records show, the locked files, and whether the entry agrees with itself. The one place a
 * lock file becomes an {@link Expectation}, for {@code lock} (the earlier lock), {@code verify} and {@code diff}.
 */
public final class Expectations {
    private Expectations() {}

    /**
     * The expectations for every package name of {@code lock}. Entries with the same name (told apart by markers)
     * are merged: their identities, files and records.
     *
     * @throws LockfileException naming the file and line of an identity table that is not a valid publisher
     */
    public static Map<String, Expectation> of(ParsedLockfile lock) {
        Map<String, List<LockedPackage>> byName = new LinkedHashMap<>();
        for (LockedPackage p : lock.lockfile().packages()) {
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Expectation> out = new LinkedHashMap<>();
        byName.forEach((name, entries) -> out.put(name, of(lock, entries, rules(lock.lockfile().policy(), name,
                lock.file(), false))));
        return out;
    }

    /**
     * The expectation made of {@code entries} (all with one name) of {@code lock}.
     *
     * @throws LockfileException naming the file and line of an identity table that is not a valid publisher
     */
    public static Expectation of(ParsedLockfile lock, List<LockedPackage> entries, PackageRules rules) {
        return of(lock, entries, rules, true);
    }

    /**
     * Like {@link #of(ParsedLockfile, List, PackageRules)}, but an identity table that is not a valid publisher is
     * left out instead of refused: it anchors nothing that could be checked. For {@code diff}, which compares such
     * tables by their raw keys itself.
     */
    public static Expectation ignoringMalformed(ParsedLockfile lock, List<LockedPackage> entries,
                                                PackageRules rules) {
        return of(lock, entries, rules, false);
    }

    private static Expectation of(ParsedLockfile lock, List<LockedPackage> entries, PackageRules rules,
                                  boolean strict) {
        String name = entries.get(0).name();
        IdentitySet publishers = new IdentitySet();
        List<Ids> ids = new ArrayList<>();
        List<PriorFile> files = new ArrayList<>();
        for (LockedPackage p : entries) {
            List<Integer> local = new ArrayList<>(); // entry position -> merged position
            for (AttestationIdentity id : p.attestationIdentities()) {
                Optional<Publisher> parsed = strict ? Optional.of(publisher(lock, p, id)) : id.publisher();
                if (parsed.isEmpty()) {
                    local.add(-1);
                    continue;
                }
                int at = publishers.add(parsed.get());
                if (at == ids.size()) {
                    ids.add(new Ids());
                }
                local.add(at);
            }
            for (FileAttestationRecord r : p.attestationRecords()) {
                if (r.status() != FileAttestationRecord.Status.VERIFIED) {
                    continue;
                }
                OptionalInt position = r.identity();
                if (position.isPresent() && position.getAsInt() <= local.size()) {
                    int at = local.get(position.getAsInt() - 1);
                    if (at >= 0) {
                        ids.get(at).add(r, true);
                    }
                } else if (position.isEmpty()) {
                    // Written before records named their identity: the ids belong to the package's one repository.
                    legacy(publishers, local, ids, r);
                }
            }
            for (LockedFile f : p.files()) {
                f.sha256().ifPresent(sha -> files.add(new PriorFile(p.version(), f.filename(), sha,
                        p.attestationIdentities().isEmpty() && p.attestationRecords().stream().anyMatch(r ->
                                r.sha256().equals(sha) && r.status() != FileAttestationRecord.Status.VERIFIED
                                        && r.status() != FileAttestationRecord.Status.FAILED),
                        lock.at(lock.sourceMap().lineOf(f)))));
            }
        }
        List<LockedIdentity> identities = new ArrayList<>();
        for (int i = 0; i < publishers.size(); i++) {
            Ids x = ids.get(i);
            identities.add(new LockedIdentity(publishers.get(i), x.repositories, x.owners, x.kinds));
        }
        return new Expectation(name, true, identities, files, rules, lock.locationOf(entries.get(0)));
    }

    /**
     * What the lock's policy and the command line say about a package.
     *
     * @param file the lock file, to say where a requirement comes from
     * @param requireAll {@code --require-attestations}: every package not allowed unattested
     */
    public static PackageRules rules(TrustPolicy policy, String name, String file, boolean requireAll) {
        if (policy.requireAttestations().contains(name)) {
            return new PackageRules(Optional.of("[tool.pylock-trust] require-attestations in " + file), false);
        }
        if (policy.allowUnattested().contains(name)) {
            return new PackageRules(Optional.empty(), true);
        }
        return new PackageRules(requireAll ? Optional.of("--require-attestations") : Optional.empty(), false);
    }

    /** Whether one entry agrees with itself (records, hashes, identities); empty when it does. */
    public static List<Finding> consistency(ParsedLockfile lock, LockedPackage p) {
        List<LockConsistency.FileFacts> files = new ArrayList<>();
        for (LockedFile f : p.files()) {
            OptionalInt line = lock.sourceMap().keyPathOf(f).map(k -> lock.sourceMap().lineOf(k + ".hashes"))
                    .filter(OptionalInt::isPresent).orElse(lock.sourceMap().lineOf(f));
            files.add(new LockConsistency.FileFacts(f.filename(), f.sha256(), lock.at(line)));
        }
        List<LockConsistency.RecordFacts> records = new ArrayList<>();
        for (FileAttestationRecord r : p.attestationRecords()) {
            records.add(new LockConsistency.RecordFacts(r.filename(), r.sha256(),
                    r.status() == FileAttestationRecord.Status.VERIFIED, r.identity(),
                    lock.at(lock.sourceMap().lineOf(r))));
        }
        String label = p.version().map(v -> p.name() + " " + v).orElse(p.name());
        return LockConsistency.check(p.name(), label, files, records, p.attestationIdentities().size(),
                lock.locationOf(p));
    }

    /** The record's ids go to every identity of the entry if they all publish from one repository; else nowhere. */
    private static void legacy(IdentitySet publishers, List<Integer> local, List<Ids> ids,
                               FileAttestationRecord r) {
        List<Integer> carrying = local.stream().filter(i -> i >= 0 && IdentityMatch.carriesIds(publishers.get(i)))
                .toList();
        if (!carrying.isEmpty() && carrying.stream()
                .allMatch(i -> publishers.get(i).sameRepository(publishers.get(carrying.get(0))))) {
            carrying.forEach(i -> ids.get(i).add(r, false));
        }
    }

    private static Publisher publisher(ParsedLockfile lock, LockedPackage p, AttestationIdentity id) {
        try {
            return Publisher.fromTable(id.fields().toMap());
        } catch (IllegalArgumentException e) {
            String path = lock.sourceMap().keyPathOf(id).orElse("attestation-identities");
            throw new LockfileException(lock.file(), lock.sourceMap().lineOf(id).orElse(0), path,
                    "package " + p.name() + ": not a usable publisher identity: " + e.getMessage(),
                    "fix the identity (as PyPI's provenance 'publisher' object spells it), or remove it to lock the "
                            + "package as on first use (a reviewer sees it)");
        }
    }

    /** What the records say about one identity. */
    private static final class Ids {
        final TreeSet<String> repositories = new TreeSet<>();
        final TreeSet<String> owners = new TreeSet<>();
        final Set<FileKind> kinds = EnumSet.noneOf(FileKind.class);

        void add(FileAttestationRecord r, boolean kind) {
            r.repositoryId().ifPresent(repositories::add);
            r.repositoryOwnerId().ifPresent(owners::add);
            if (kind) {
                kinds.add(FileKind.of(r.filename()));
            }
        }
    }
}
