package dev.pylocktrust.diff;

import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Decides which BASE entry each HEAD entry continues. PEP 751 allows several entries with one name (told apart by
 * marker), so entries are matched per name in rounds, most specific first: same version and marker, then same
 * marker (a version change), then same version (a marker change), then the rest in file order. Whatever is left is
 * added or removed. Order in the file never matters.
 */
final class PackagePairing {
    /** A BASE entry and its HEAD continuation; one side is empty for a removed or added package. */
    record Pair(Optional<LockedPackage> base, Optional<LockedPackage> head) {
        String name() {
            return head.or(() -> base).orElseThrow().name();
        }
    }

    private PackagePairing() {}

    /** Pairs sorted by name, then HEAD's order within a name (removed entries last). */
    static List<Pair> pair(List<LockedPackage> base, List<LockedPackage> head) {
        Map<String, List<LockedPackage>> baseByName = byName(base);
        Map<String, List<LockedPackage>> headByName = byName(head);
        TreeMap<String, Boolean> names = new TreeMap<>();
        baseByName.keySet().forEach(n -> names.put(n, true));
        headByName.keySet().forEach(n -> names.put(n, true));
        List<Pair> pairs = new ArrayList<>();
        for (String name : names.keySet()) {
            pairs.addAll(pairWithin(baseByName.getOrDefault(name, List.of()),
                    headByName.getOrDefault(name, List.of())));
        }
        return pairs;
    }

    private static Map<String, List<LockedPackage>> byName(List<LockedPackage> packages) {
        Map<String, List<LockedPackage>> map = new LinkedHashMap<>();
        for (LockedPackage p : packages) {
            map.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        }
        return map;
    }

    private static List<Pair> pairWithin(List<LockedPackage> base, List<LockedPackage> head) {
        List<LockedPackage> b = new ArrayList<>(base);
        LockedPackage[] matched = new LockedPackage[head.size()];
        List<BiPredicate<LockedPackage, LockedPackage>> rounds = List.of(
                (x, y) -> sameVersion(x, y) && sameMarker(x, y),
                PackagePairing::sameMarker,
                PackagePairing::sameVersion,
                (x, y) -> true);
        for (BiPredicate<LockedPackage, LockedPackage> round : rounds) {
            for (int i = 0; i < head.size(); i++) {
                if (matched[i] != null) {
                    continue;
                }
                for (int j = 0; j < b.size(); j++) {
                    if (round.test(b.get(j), head.get(i))) {
                        matched[i] = b.remove(j);
                        break;
                    }
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < head.size(); i++) {
            pairs.add(new Pair(Optional.ofNullable(matched[i]), Optional.of(head.get(i))));
        }
        for (LockedPackage removed : b) {
            pairs.add(new Pair(Optional.of(removed), Optional.empty()));
        }
        return pairs;
    }

    /** PEP 440 equality ({@code 1.0} equals {@code 1.0.0}); both absent is equal. */
    static boolean sameVersion(LockedPackage x, LockedPackage y) {
        if (x.version().isEmpty() || y.version().isEmpty()) {
            return x.version().isEmpty() && y.version().isEmpty();
        }
        Optional<Version> a = Version.tryParse(x.version().get());
        Optional<Version> b = Version.tryParse(y.version().get());
        return a.isPresent() && b.isPresent() ? a.get().equals(b.get()) : x.version().equals(y.version());
    }

    /** Markers compare parsed, so spacing and quoting do not count; both absent is equal. */
    static boolean sameMarker(LockedPackage x, LockedPackage y) {
        if (x.marker().isEmpty() || y.marker().isEmpty()) {
            return x.marker().isEmpty() && y.marker().isEmpty();
        }
        return Objects.equals(Marker.parse(x.marker().get()), Marker.parse(y.marker().get()));
    }
}
