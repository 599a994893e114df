package dev.pylocktrust.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one-line summary that opens every report, e.g.
 * {@code 2 identity changes (1 unapproved), 1 package lost attestations, 5 upgrades, 1 new unattested package}:
 * the risky counts first (ranks 1 to 3), then versions, then packages added and removed, then the rest.
 */
public final class Verdict {
    private Verdict() {}

    public static String of(List<Change> changes) {
        List<String> parts = new ArrayList<>();
        long identity = count(changes, Change.IdentityChanged.class::isInstance);
        if (identity > 0) {
            long unapproved = count(changes, c -> c instanceof Change.IdentityChanged i && !i.approved());
            parts.add(plural(identity, "identity change", "identity changes") + (unapproved > 0
                    ? " (" + unapproved + " unapproved)" : identity == 1 ? " (approved)" : " (all approved)"));
        }
        add(parts, count(changes, Change.IdentityAmbiguous.class::isInstance), "package with several identities at "
                + "first use", "packages with several identities at first use");
        add(parts, changes.stream().filter(Change.AttestationsLost.class::isInstance).map(Change::packageName)
                .distinct().count(), "package lost attestations", "packages lost attestations");
        add(parts, count(changes, Change.Inconsistent.class::isInstance), "inconsistency in HEAD",
                "inconsistencies in HEAD");
        add(parts, changes.stream().filter(Change.HashChanged.class::isInstance)
                .mapToLong(c -> ((Change.HashChanged) c).files().size()).sum(), "hash change", "hash changes");
        add(parts, changes.stream().filter(Change.FilesFromNewHost.class::isInstance)
                .mapToLong(c -> ((Change.FilesFromNewHost) c).files().size()).sum(), "file from another host",
                "files from another host");
        add(parts, count(changes, Change.IndexChanged.class::isInstance), "index change", "index changes");
        add(parts, count(changes, c -> c instanceof Change.SourceChanged s && s.risk() == Risk.INTEGRITY),
                "source change", "source changes");
        add(parts, count(changes, c -> c instanceof Change.VersionChanged v && !v.downgrade()), "upgrade", "upgrades");
        add(parts, count(changes, c -> c instanceof Change.VersionChanged v && v.downgrade()), "downgrade",
                "downgrades");
        add(parts, count(changes, c -> c instanceof Change.PackageAdded a && a.attested()), "new attested package",
                "new attested packages");
        add(parts, count(changes, c -> c instanceof Change.PackageAdded a && !a.attested()),
                "new unattested package", "new unattested packages");
        add(parts, count(changes, Change.PackageRemoved.class::isInstance), "removed package", "removed packages");
        add(parts, count(changes, Change.IdentitiesFirstRecorded.class::isInstance),
                "package attested for the first time", "packages attested for the first time");
        add(parts, count(changes, Change.FilesChanged.class::isInstance), "package with file changes",
                "packages with file changes");
        add(parts, count(changes, Change.IdentitiesRemoved.class::isInstance), "package with fewer identities",
                "packages with fewer identities");
        add(parts, count(changes, c -> c instanceof Change.SourceChanged s && s.risk() == Risk.ROUTINE),
                "source update", "source updates");
        add(parts, count(changes, Change.MarkerChanged.class::isInstance), "marker change", "marker changes");
        add(parts, count(changes, Change.RequiresPythonChanged.class::isInstance), "requires-python change",
                "requires-python changes");
        add(parts, count(changes, Change.EnvironmentsChanged.class::isInstance), "environments change",
                "environments changes");
        add(parts, count(changes, Change.PolicyChanged.class::isInstance), "policy change", "policy changes");
        return parts.isEmpty() ? "no changes" : String.join(", ", parts);
    }

    private static long count(List<Change> changes, Predicate<Change> p) {
        return changes.stream().filter(p).count();
    }

    private static void add(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(plural(n, one, many));
        }
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
