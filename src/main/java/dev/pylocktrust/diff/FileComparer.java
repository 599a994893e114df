package dev.pylocktrust.diff;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.diff.Change.FileHashes;
import dev.pylocktrust.diff.Change.LostFile;
import dev.pylocktrust.diff.Change.MovedFile;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares the sdist and wheels of a BASE entry and its HEAD continuation (both from an index). Changes are grouped
 * per package (one finding for 30 moved wheels, not 30), and point at the first affected file in HEAD.
 */
final class FileComparer {
    private final LockedPackage base;
    private final LockedPackage head;
    private final SourceMap headMap;
    private final boolean allowedUnattested;
    private final Map<String, LockedFile> baseByKey = new LinkedHashMap<>();
    private final Map<String, LockedFile> baseBySlot = new LinkedHashMap<>();
    private final Set<String> baseOrigins = new LinkedHashSet<>();

    /** @param allowedUnattested HEAD's policy allows the package without attestations */
    FileComparer(LockedPackage base, LockedPackage head, SourceMap headMap, boolean allowedUnattested) {
        this.base = base;
        this.head = head;
        this.headMap = headMap;
        this.allowedUnattested = allowedUnattested;
        for (LockedFile f : base.files()) {
            baseByKey.putIfAbsent(FileKeys.key(f.filename()), f);
            baseBySlot.putIfAbsent(FileKeys.slot(f.filename()), f);
            baseOrigins.add(Locations.origin(f));
        }
    }

    /**
     * @param checkAttestations false when the whole package already lost its identities (reported once, not per file)
     */
    List<Change> compare(boolean checkAttestations) {
        List<FileHashes> hashes = new ArrayList<>();
        OptionalInt hashLine = OptionalInt.empty();
        List<MovedFile> moved = new ArrayList<>();
        OptionalInt movedLine = OptionalInt.empty();
        List<LostFile> lost = new ArrayList<>();
        OptionalInt lostLine = OptionalInt.empty();
        List<String> added = new ArrayList<>();
        List<String> relocated = new ArrayList<>();
        OptionalInt routineLine = OptionalInt.empty();
        Set<String> headKeys = new LinkedHashSet<>();

        for (LockedFile f : head.files()) {
            String key = FileKeys.key(f.filename());
            headKeys.add(key);
            LockedFile same = baseByKey.get(key);
            OptionalInt line = headMap.lineOf(f);
            String origin = Locations.origin(f);
            if (same != null) {
                Optional<FileHashes> h = hashChange(f, same);
                if (h.isPresent()) {
                    hashes.add(h.get());
                    hashLine = first(hashLine, line);
                }
                if (!origin.equals(Locations.origin(same))) {
                    moved.add(new MovedFile(f.filename(), Optional.of(Locations.location(same)),
                            Locations.location(f), origin));
                    movedLine = first(movedLine, line);
                } else if (!Locations.location(f).equals(Locations.location(same))) {
                    relocated.add(f.filename());
                    routineLine = first(routineLine, line);
                }
            } else {
                if (!baseOrigins.isEmpty() && !baseOrigins.contains(origin)) {
                    moved.add(new MovedFile(f.filename(), Optional.empty(), Locations.location(f), origin));
                    movedLine = first(movedLine, line);
                }
                if (PackagePairing.sameVersion(base, head)) {
                    added.add(f.filename());
                    routineLine = first(routineLine, line);
                }
            }
            if (checkAttestations) {
                LockedFile counterpart = same != null ? same : baseBySlot.get(FileKeys.slot(f.filename()));
                Optional<LostFile> l = lostAttestation(f, counterpart);
                if (l.isPresent()) {
                    lost.add(l.get());
                    lostLine = first(lostLine, line);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        if (PackagePairing.sameVersion(base, head)) {
            for (Map.Entry<String, LockedFile> e : baseByKey.entrySet()) {
                if (!headKeys.contains(e.getKey())) {
                    removed.add(e.getValue().filename());
                }
            }
        }

        List<Change> changes = new ArrayList<>();
        String version = head.version().orElse("");
        if (!lost.isEmpty()) {
            changes.add(new Change.AttestationsLost(head.name(), base.version(), head.version(),
                    base.attestationIdentities(), lost, allowedUnattested,
                    lostLine.isPresent() ? lostLine : headMap.lineOf(head)));
        }
        if (!hashes.isEmpty()) {
            changes.add(new Change.HashChanged(head.name(), version, hashes, hashLine));
        }
        if (!moved.isEmpty()) {
            changes.add(new Change.FilesFromNewHost(head.name(), head.version(), List.copyOf(baseOrigins), moved,
                    movedLine));
        }
        if (!added.isEmpty() || !removed.isEmpty() || !relocated.isEmpty()) {
            changes.add(new Change.FilesChanged(head.name(), version, added, removed, relocated,
                    routineLine.isPresent() ? routineLine : headMap.lineOf(head)));
        }
        return changes;
    }

    /**
     * Compares the hash algorithms both entries have. None in common is reported too: nothing vouches that the two
     * entries are the same file.
     */
    private static Optional<FileHashes> hashChange(LockedFile head, LockedFile base) {
        boolean anyCommon = false;
        boolean differ = false;
        for (Map.Entry<String, String> e : head.hashes().entrySet()) {
            String other = base.hashes().get(e.getKey());
            if (other != null) {
                anyCommon = true;
                differ |= !Ascii.equalsIgnoreCase(other, e.getValue());
            }
        }
        if (anyCommon && !differ) {
            return Optional.empty();
        }
        return Optional.of(new FileHashes(head.filename(), copy(base.hashes()), copy(head.hashes()), anyCommon));
    }

    private static SortedMap<String, String> copy(SortedMap<String, String> m) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /**
     * A HEAD file whose record says it has no (valid) provenance, where BASE's counterpart was verified. A file
     * without a record in HEAD is not reported: records are informational, and the identities (compared
     * separately) are what {@code verify} enforces.
     */
    private Optional<LostFile> lostAttestation(LockedFile headFile, LockedFile baseFile) {
        if (baseFile == null) {
            return Optional.empty();
        }
        Optional<FileAttestationRecord.Status> before = status(base, baseFile);
        Optional<FileAttestationRecord.Status> after = status(head, headFile);
        if (before.equals(Optional.of(FileAttestationRecord.Status.VERIFIED)) && after.isPresent()
                && after.get() != FileAttestationRecord.Status.VERIFIED) {
            return Optional.of(new LostFile(headFile.filename(), baseFile.filename(), after.get().tomlValue()));
        }
        return Optional.empty();
    }

    /** The record for a file: the one with the file's sha256 (records carry the index's spelling of the name). */
    private static Optional<FileAttestationRecord.Status> status(LockedPackage p, LockedFile f) {
        Optional<String> sha = f.sha256();
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        return p.attestationRecords().stream().filter(r -> r.sha256().equals(sha.get()))
                .map(FileAttestationRecord::status).findFirst();
    }

    private static OptionalInt first(OptionalInt current, OptionalInt candidate) {
        return current.isPresent() ? current : candidate;
    }
}
