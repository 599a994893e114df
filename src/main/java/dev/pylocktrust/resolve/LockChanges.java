package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What re-resolving against an existing lock changed, per package: the versions locked before and after. The lock
 * step applies its trust-on-first-use rules to every version that is new ({@link Change#newVersions()}): a new
 * version may come from a new publisher.
 */
public final class LockChanges {

    /** One package whose set of locked versions changed (empty before: added; empty after: removed). */
    public record Change(PackageName name, SortedSet<Version> before, SortedSet<Version> after) {
        public Change {
            Objects.requireNonNull(name, "name");
            before = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(before));
            after = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(after));
        }

        /** Versions locked now that were not locked before. */
        public Set<Version> newVersions() {
            SortedSet<Version> out = new TreeSet<>(after);
            out.removeAll(before);
            return out;
        }

        @Override
        public String toString() {
            return name + ": " + (before.isEmpty() ? "(new)" : join(before)) + " -> "
                    + (after.isEmpty() ? "(removed)" : join(after));
        }

        private static String join(Set<Version> versions) {
            return versions.stream().map(Version::toString).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private LockChanges() {}

    /** The packages whose locked versions differ between the old lock and the new resolution, sorted by name. */
    public static List<Change> between(List<LockedVersion> locked, MergedResolution resolved) {
        Map<PackageName, SortedSet<Version>> before = new TreeMap<>();
        locked.forEach(l -> before.computeIfAbsent(l.name(), n -> new TreeSet<>()).add(l.version()));
        Map<PackageName, SortedSet<Version>> after = new TreeMap<>();
        resolved.packages().forEach(p -> after.computeIfAbsent(p.name(), n -> new TreeSet<>()).add(p.version()));
        Set<PackageName> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Change> out = new ArrayList<>();
        for (PackageName n : names) {
            SortedSet<Version> b = before.getOrDefault(n, new TreeSet<>());
            SortedSet<Version> a = after.getOrDefault(n, new TreeSet<>());
            if (!b.equals(a)) {
                out.add(new Change(n, b, a));
            }
        }
        return List.copyOf(out);
    }
}
