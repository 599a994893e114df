package dev.pylocktrust.diff;

import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileWarning;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.python.Marker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two parsed lockfiles and returns every change, most severe first. Pure: it reads only the two values it
 * is given (HEAD's source map gives line numbers), and works on any PEP 751 file, whoever wrote it.
 *
 * <p>Order: by {@link Risk} rank; within a rank, the worse case first (unapproved before approved, downgrades before
 * upgrades, weakening policy changes first), then by package name, then by kind of change.
 */
public final class LockfileDiffer {
    private static final List<Class<?>> KIND_ORDER = List.of(
            Change.IdentityChanged.class, Change.IdentityAmbiguous.class, Change.HashChanged.class,
            Change.AttestationsLost.class, Change.Inconsistent.class,
            Change.FilesFromNewHost.class, Change.IndexChanged.class, Change.SourceChanged.class,
            Change.PackageAdded.class, Change.PackageRemoved.class, Change.IdentitiesFirstRecorded.class,
            Change.VersionChanged.class, Change.FilesChanged.class, Change.IdentitiesRemoved.class,
            Change.MarkerChanged.class, Change.RequiresPythonChanged.class, Change.EnvironmentsChanged.class,
            Change.PolicyChanged.class);
    private static final Comparator<Change> ORDER = Comparator.comparingInt((Change c) -> c.risk().rank())
            .thenComparingInt(Change::priority)
            .thenComparing(Change::packageName)
            .thenComparingInt(c -> KIND_ORDER.indexOf(c.getClass()));

    public LockDiff diff(ParsedLockfile base, ParsedLockfile head) {
        Lockfile b = base.lockfile();
        Lockfile h = head.lockfile();
        List<Change> changes = new ArrayList<>();
        PackageComparer comparer = new PackageComparer(base, head);
        for (PackagePairing.Pair pair : PackagePairing.pair(b.packages(), h.packages())) {
            changes.addAll(comparer.compare(pair));
        }
        if (!PackageComparer.sameSpecifiers(b.requiresPython(), h.requiresPython())) {
            changes.add(new Change.RequiresPythonChanged("", b.requiresPython(), h.requiresPython(),
                    java.util.OptionalInt.empty()));
        }
        if (!sameMarkers(b.environments(), h.environments())) {
            changes.add(new Change.EnvironmentsChanged(b.environments(), h.environments()));
        }
        changes.addAll(PolicyComparer.compare(b.policy(), h.policy(), head.sourceMap()));
        changes.sort(ORDER); // stable: equal keys keep HEAD's order
        return new LockDiff(side(base), side(head), changes);
    }

    private static LockDiff.Side side(ParsedLockfile p) {
        List<LockedPackage> packages = p.lockfile().packages();
        int withIdentities = (int) packages.stream().filter(x -> !x.attestationIdentities().isEmpty()).count();
        return new LockDiff.Side(p.file(), p.lockfile().createdBy(), packages.size(), withIdentities,
                p.warnings().stream().map(LockfileWarning::toString).toList());
    }

    /** Environment lists compare as sets of parsed markers. */
    private static boolean sameMarkers(Optional<List<String>> a, Optional<List<String>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return Objects.equals(a.get().stream().map(Marker::parse).map(Marker::toString).sorted().toList(),
                b.get().stream().map(Marker::parse).map(Marker::toString).sorted().toList());
    }
}
