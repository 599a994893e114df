package dev.pylocktrust.diff;

import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.SourceMap;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Every change between one BASE entry and its HEAD continuation, or for an added or removed entry. */
final class PackageComparer {
    private final TrustPolicy headPolicy;
    private final SourceMap headMap;
    private final TrustComparer trust;

    PackageComparer(ParsedLockfile base, ParsedLockfile head) {
        this.headPolicy = head.lockfile().policy();
        this.headMap = head.sourceMap();
        this.trust = new TrustComparer(base, head);
    }

    List<Change> compare(PackagePairing.Pair pair) {
        if (pair.base().isEmpty()) {
            LockedPackage h = pair.head().orElseThrow();
            List<Change> changes = new ArrayList<>(trust.added(h));
            changes.add(new Change.PackageAdded(h.name(), h.version(), SourceComparer.kind(h),
                    h.attestationIdentities(), headPolicy.allowUnattested().contains(h.name()), headMap.lineOf(h)));
            return changes;
        }
        if (pair.head().isEmpty()) {
            LockedPackage b = pair.base().get();
            return List.of(new Change.PackageRemoved(b.name(), b.version(), b.attestationIdentities()));
        }
        return compare(pair.base().get(), pair.head().get());
    }

    private List<Change> compare(LockedPackage base, LockedPackage head) {
        List<Change> changes = new ArrayList<>();
        String name = head.name();
        OptionalInt line = headMap.lineOf(head);
        changes.addAll(trust.compare(base, head));

        // Only a move between two named indexes: a file without an index key (pip) or a direct source says nothing.
        if (base.index().isPresent() && head.index().isPresent() && !sameIndex(base.index(), head.index())) {
            changes.add(new Change.IndexChanged(name, Locations.redact(base.index().get()),
                    Locations.redact(head.index().get()), line));
        }
        changes.addAll(SourceComparer.compare(base, head, line));
        if (!base.isDirect() && !head.isDirect()) {
            changes.addAll(new FileComparer(base, head, headMap).compare());
        }
        versionChange(base, head, line).ifPresent(changes::add);
        if (!PackagePairing.sameMarker(base, head)) {
            changes.add(new Change.MarkerChanged(name, base.marker(), head.marker(), line));
        }
        if (!sameSpecifiers(base.requiresPython(), head.requiresPython())) {
            changes.add(new Change.RequiresPythonChanged(name, base.requiresPython(), head.requiresPython(), line));
        }
        return changes;
    }

    private static Optional<Change> versionChange(LockedPackage base, LockedPackage head, OptionalInt line) {
        if (base.version().isEmpty() || head.version().isEmpty() || PackagePairing.sameVersion(base, head)) {
            return Optional.empty();
        }
        String from = base.version().get();
        String to = head.version().get();
        boolean downgrade = Version.parse(to).compareTo(Version.parse(from)) < 0;
        return Optional.of(new Change.VersionChanged(head.name(), from, to, downgrade, line));
    }

    /** Index URLs that differ only by a trailing slash are the same index ({@code uv} omits it). */
    static boolean sameIndex(Optional<String> a, Optional<String> b) {
        return Objects.equals(a.map(PackageComparer::trimSlash), b.map(PackageComparer::trimSlash));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Specifier sets compare parsed ({@code >=3.9,<4} equals {@code <4, >=3.9}); both absent is equal. */
    static boolean sameSpecifiers(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        try {
            return SpecifierSet.parse(a.get()).equals(SpecifierSet.parse(b.get()));
        } catch (InvalidSpecException e) {
            return a.equals(b);
        }
    }
}
