package dev.pylocktrust.diff;

import dev.pylocktrust.diff.Change.FileHashes;
import dev.pylocktrust.diff.Change.MovedFile;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.policy.HashRule;
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
    private final Map<String, LockedFile> baseByKey = new LinkedHashMap<>();
    private final Map<String, LockedFile> baseBySlot = new LinkedHashMap<>();
    private final Set<String> baseOrigins = new LinkedHashSet<>();

    FileComparer(LockedPackage base, LockedPackage head, SourceMap headMap) {
        this.base = base;
        this.head = head;
        this.headMap = headMap;
        for (LockedFile f : base.files()) {
            baseByKey.putIfAbsent(FileKeys.key(f.filename()), f);
            baseBySlot.putIfAbsent(FileKeys.slot(f.filename()), f);
            baseOrigins.add(Locations.origin(f));
        }
    }

    List<Change> compare() {
        List<FileHashes> hashes = new ArrayList<>();
        OptionalInt hashLine = OptionalInt.empty();
        List<MovedFile> moved = new ArrayList<>();
        OptionalInt movedLine = OptionalInt.empty();
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
                    hashLine = first(hashLine, headMap.keyPathOf(f).map(k -> headMap.lineOf(k + ".hashes"))
                            .filter(OptionalInt::isPresent).orElse(line));
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
     * Every hash of either entry must hold for the other: a changed value, and an algorithm added or removed, are a
     * change (an installer accepts a file when any one of its hashes matches, so a new hash can stand for other
     * bytes). {@code comparable} is false when the entries have no algorithm in common.
     */
    private static Optional<FileHashes> hashChange(LockedFile head, LockedFile base) {
        if (HashRule.check(base.hashes(), head.hashes(), HashRule.Source.LOCK).isEmpty()
                && HashRule.check(head.hashes(), base.hashes(), HashRule.Source.LOCK).isEmpty()) {
            return Optional.empty();
        }
        boolean anyCommon = head.hashes().keySet().stream().anyMatch(base.hashes()::containsKey);
        return Optional.of(new FileHashes(head.filename(), copy(base.hashes()), copy(head.hashes()), anyCommon));
    }

    private static SortedMap<String, String> copy(SortedMap<String, String> m) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    private static OptionalInt first(OptionalInt current, OptionalInt candidate) {
        return current.isPresent() ? current : candidate;
    }
}
