package dev.pylocktrust.diff;

import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.RawTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Compares where a package comes from when it is not (only) a set of index files: the kind of source, and the keys
 * of a {@code vcs}, {@code archive} or {@code directory} table. A source that moves to another host, an archive
 * whose hash changes under the same URL, or a change of VCS type is rank 3; a new commit or a new path is routine.
 */
final class SourceComparer {
    private SourceComparer() {}

    static String kind(LockedPackage p) {
        if (!p.isDirect()) {
            return "index";
        }
        return p.vcs().isPresent() ? "vcs" : p.directory().isPresent() ? "directory" : "archive";
    }

    static Optional<RawTable> table(LockedPackage p) {
        return p.vcs().or(p::directory).or(p::archive);
    }

    static List<Change> compare(LockedPackage base, LockedPackage head, OptionalInt line) {
        String baseKind = kind(base);
        String headKind = kind(head);
        String name = head.name();
        if (!baseKind.equals(headKind)) {
            return List.of(new Change.SourceChanged(name, "source", describe(base), describe(head), Risk.INTEGRITY,
                    line));
        }
        if (baseKind.equals("index")) {
            return List.of();
        }
        RawTable b = table(base).orElseThrow();
        RawTable h = table(head).orElseThrow();
        TreeSet<String> keys = new TreeSet<>(b.entries().keySet());
        keys.addAll(h.entries().keySet());
        List<Change> changes = new ArrayList<>();
        boolean sameUrl = Objects.equals(b.getString("url"), h.getString("url"));
        for (String key : keys) {
            Optional<Object> from = b.get(key);
            Optional<Object> to = h.get(key);
            if (from.equals(to)) {
                continue;
            }
            Risk risk = Risk.ROUTINE;
            if (key.equals("url") && from.isPresent() && to.isPresent() && !Locations.origin(String.valueOf(from.get()))
                    .equals(Locations.origin(String.valueOf(to.get())))) {
                risk = Risk.INTEGRITY;
            } else if (key.equals("url") && (from.isEmpty() || to.isEmpty())) {
                risk = Risk.INTEGRITY; // switched between a URL and a local path
            } else if (key.equals("hashes") && sameUrl) {
                risk = Risk.INTEGRITY;
            } else if (key.equals("type")) {
                risk = Risk.INTEGRITY;
            }
            changes.add(new Change.SourceChanged(name, baseKind + " " + key, text(key, from), text(key, to), risk,
                    line));
        }
        return changes;
    }

    private static String describe(LockedPackage p) {
        String kind = kind(p);
        if (kind.equals("index")) {
            return "index files" + p.version().map(v -> " (version " + v + ")").orElse("");
        }
        RawTable t = table(p).orElseThrow();
        return kind + " " + t.getString("url").map(Locations::redact).or(() -> t.getString("path")).orElse("");
    }

    private static String text(String key, Optional<Object> value) {
        if (value.isEmpty()) {
            return "(none)";
        }
        Object v = value.get();
        if (v instanceof RawTable t) {
            return t.toMap().toString();
        }
        return key.equals("url") ? Locations.redact(String.valueOf(v)) : String.valueOf(v);
    }
}
