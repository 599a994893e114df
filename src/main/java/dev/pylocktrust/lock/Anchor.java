package dev.pylocktrust.lock;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.report.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an earlier lock says about one package name: the trust-on-first-use anchor. Several entries with the same
 * name (told apart by markers) are merged: their identities, files and per-file records.
 *
 * @param name normalized package name
 * @param identities the locked identities, each with its publisher as parsed for comparison
 * @param files every file locked for the name, with the version of its entry
 * @param versions the locked versions, as written
 * @param location where the (first) entry is in the earlier lock, for annotations
 */
public record Anchor(String name, List<LockedIdentity> identities, List<PreviousFile> files, List<String> versions,
                     Optional<SourceLocation> location) {

    /** A locked identity: the table as written and the publisher it parses to. */
    public record LockedIdentity(AttestationIdentity table, Publisher publisher) {
        public LockedIdentity {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(publisher, "publisher");
        }
    }

    /**
     * A locked file.
     *
     * @param version the version of its package entry, if recorded
     * @param record what pylock-trust recorded about it, if anything
     * @param location the file's own line in the earlier lock, for findings about this file
     */
    public record PreviousFile(Optional<String> version, String filename, String sha256,
                               Optional<FileAttestationRecord> record, Optional<SourceLocation> location) {}

    public Anchor {
        Objects.requireNonNull(name, "name");
        identities = List.copyOf(identities);
        files = List.copyOf(files);
        versions = List.copyOf(versions);
        Objects.requireNonNull(location, "location");
    }

    public boolean hasIdentities() {
        return !identities.isEmpty();
    }

    /** The publishers of the locked identities. */
    public List<Publisher> publishers() {
        return identities.stream().map(LockedIdentity::publisher).toList();
    }

    /** The records of files that verified, i.e. the signed repository and owner ids seen before. */
    public List<FileAttestationRecord> verifiedRecords() {
        return files.stream().flatMap(f -> f.record().stream())
                .filter(r -> r.status() == FileAttestationRecord.Status.VERIFIED).toList();
    }

    /**
     * The anchors of every package in {@code previous}, by name.
     *
     * @throws LockfileException naming the file and line of an identity table that is not a valid publisher
     */
    public static Map<String, Anchor> of(ParsedLockfile previous) {
        Map<String, List<LockedPackage>> byName = new LinkedHashMap<>();
        for (LockedPackage p : previous.lockfile().packages()) {
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Anchor> out = new LinkedHashMap<>();
        byName.forEach((name, entries) -> out.put(name, of(name, entries, previous)));
        return out;
    }

    /** The anchor made of {@code entries} (all named {@code name}) of the lock file {@code source}. */
    public static Anchor of(String name, List<LockedPackage> entries, ParsedLockfile source) {
        List<LockedIdentity> identities = new ArrayList<>();
        List<PreviousFile> files = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (LockedPackage p : entries) {
            p.version().ifPresent(versions::add);
            for (AttestationIdentity id : p.attestationIdentities()) {
                Publisher publisher = parse(id, source);
                if (identities.stream().noneMatch(l -> l.publisher().sameIdentity(publisher))) {
                    identities.add(new LockedIdentity(id, publisher));
                }
            }
            for (LockedFile f : p.files()) {
                if (f.sha256().isEmpty()) {
                    continue;
                }
                String sha = f.sha256().get();
                Optional<FileAttestationRecord> record = p.attestationRecords().stream()
                        .filter(r -> r.sha256().equals(sha)).findFirst();
                OptionalInt fileLine = source.sourceMap().lineOf(f);
                files.add(new PreviousFile(p.version(), f.filename(), sha, record, fileLine.isPresent()
                        ? Optional.of(new SourceLocation(source.file(), fileLine.getAsInt())) : Optional.empty()));
            }
        }
        OptionalInt line = source.sourceMap().lineOf(entries.get(0));
        Optional<SourceLocation> location = line.isPresent()
                ? Optional.of(new SourceLocation(source.file(), line.getAsInt())) : Optional.empty();
        return new Anchor(name, identities, files, versions, location);
    }

    private static Publisher parse(AttestationIdentity id, ParsedLockfile source) {
        try {
            return Publisher.fromTable(id.fields().toMap());
        } catch (IllegalArgumentException e) {
            String path = source.sourceMap().keyPathOf(id).orElse("attestation-identities");
            throw new LockfileException(source.file(), source.sourceMap().lineOf(id).orElse(0), path,
                    "not a usable publisher identity: " + e.getMessage(),
                    "fix the identity, or remove it to lock the package as on first use (a reviewer sees it)");
        }
    }
}
