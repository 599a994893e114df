package dev.pylocktrust.verify;

import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.RawTable;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holds pip's installation report against the lock. Pure.
 *
 * <p>Every item pip would install must be in the lock: same project (normalized name), same version (PEP 440
 * equality), and the same file (sha256 of a locked wheel, sdist or archive; the commit of a locked vcs source; a
 * locked directory source). Anything else fails, so a resolver that strays from the lock (an extra dependency, a
 * newer version, a file the lock never saw) is caught before install. The locked files pip would install are added
 * to the plan, so they also pass the attestation checks.
 */
public final class PipReportCheck {
    private static final String NOT_LOCKED_HINT = "do not install: pip resolved something the lock file does not "
            + "list; install from the lock file (pip install -r pylock.toml) or re-lock and review the change";

    private PipReportCheck() {}

    /**
     * @param findings one per item that is not in the lock
     * @param plan the plan with pip's files added (in lock file order)
     */
    public record Result(List<Finding> findings, Plan plan) {}

    private record Candidate(int index, LockedPackage pkg) {}

    /**
     * One item of pip's report with the locked packages of its name and version, and how findings about it read.
     *
     * @param sameVersion the locked packages of the item's name at its version (not empty)
     * @param what the start of a finding's message
     * @param found the finding's detail: where in pip's report the item is
     */
    private record LockedItem(PipReport.Item item, String name, List<Candidate> sameVersion,
                              Optional<SourceLocation> location, String what, String found) {
        Finding finding(FindingCode code, Optional<String> file, String message, String detail, String hint) {
            return Finding.of(code, name, file, what + message, detail, hint, location);
        }

        Finding notLocked(String message) {
            return finding(FindingCode.PIP_REPORT_NOT_LOCKED, Optional.empty(), message, found, NOT_LOCKED_HINT);
        }
    }

    /** The plan as pip's items add to it: per lock index, the package and the files to check (lock file order). */
    private static final class GrowingPlan {
        private final Map<Integer, LockedPackage> packages = new TreeMap<>();
        private final Map<Integer, List<LockedFile>> files = new TreeMap<>();

        GrowingPlan(Plan plan) {
            for (PlannedPackage p : plan.packages()) {
                packages.put(p.index(), p.pkg());
                files.put(p.index(), new ArrayList<>(p.files()));
            }
        }

        /** Adds the package, with no file of its own to check (an archive, vcs or directory source). */
        void add(Candidate c) {
            packages.putIfAbsent(c.index(), c.pkg());
            files.putIfAbsent(c.index(), new ArrayList<>());
        }

        /** Adds the package and its file {@code f}, once. */
        void add(Candidate c, LockedFile f) {
            packages.putIfAbsent(c.index(), c.pkg());
            List<LockedFile> list = files.computeIfAbsent(c.index(), k -> new ArrayList<>());
            if (list.stream().noneMatch(x -> x.sha256().equals(f.sha256()))) {
                list.add(f);
            }
        }

        Plan plan(Plan original) {
            List<PlannedPackage> out = new ArrayList<>();
            packages.forEach((i, p) -> out.add(new PlannedPackage(i, p, files.get(i))));
            return new Plan(out, original.skipped(), original.undecided());
        }
    }

    public static Result check(ParsedLockfile parsed, Plan plan, PipReport report) {
        GrowingPlan grown = new GrowingPlan(plan);
        List<Finding> findings = new ArrayList<>();
        for (PipReport.Item item : report.items()) {
            checkItem(parsed, report.file(), item, grown).ifPresent(findings::add);
        }
        return new Result(findings, grown.plan(plan));
    }

    /** One item: its project and version must be locked, then its file, by the kind of source pip installs from. */
    private static Optional<Finding> checkItem(ParsedLockfile parsed, String reportFile, PipReport.Item item,
                                               GrowingPlan grown) {
        String name = PackageName.isValid(item.name()) ? PackageName.normalize(item.name()) : item.name();
        String what = "pip would install " + item.name() + " " + item.version();
        String found = "found: " + reportFile + " install[" + item.position() + "]: " + item.name() + " "
                + item.version() + " from " + item.url();
        List<Candidate> candidates = lockedPackages(parsed.lockfile(), name);
        if (candidates.isEmpty()) {
            return Optional.of(Finding.of(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(),
                    what + ", which the lock file does not contain", found, NOT_LOCKED_HINT, Optional.empty()));
        }
        Optional<SourceLocation> location = location(parsed, candidates.get(0).pkg());
        List<Candidate> sameVersion = candidates.stream().filter(c -> sameVersion(c.pkg(), item.version())).toList();
        if (sameVersion.isEmpty()) {
            return Optional.of(Finding.of(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(),
                    what + ", but the lock file has " + name + " at " + String.join(", ", candidates.stream()
                            .map(c -> c.pkg().version().orElse("(no version)")).toList()),
                    found, NOT_LOCKED_HINT, location));
        }
        LockedItem locked = new LockedItem(item, name, sameVersion, location, what, found);
        return switch (item.source()) {
            case ARCHIVE -> checkArchive(locked, grown);
            case VCS -> checkVcs(locked, grown);
            case DIRECTORY -> checkDirectory(locked, grown);
        };
    }

    private static List<Candidate> lockedPackages(Lockfile lock, String name) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < lock.packages().size(); i++) {
            if (lock.packages().get(i).name().equals(name)) {
                out.add(new Candidate(i, lock.packages().get(i)));
            }
        }
        return out;
    }

    /** A file: its sha256 must be the sha256 of a locked file, or of a locked archive source, of that version. */
    private static Optional<Finding> checkArchive(LockedItem locked, GrowingPlan grown) {
        Optional<String> filename = Optional.of(basename(locked.item().url()));
        if (locked.item().sha256().isEmpty()) {
            return Optional.of(locked.finding(FindingCode.PIP_REPORT_HASH_MISMATCH, filename,
                    " from a file without a recorded sha256, so it cannot be matched to the lock", locked.found(),
                    "install from an index or a --find-links directory so pip records hashes"));
        }
        String sha = locked.item().sha256().get();
        boolean matched = false;
        for (Candidate c : locked.sameVersion()) {
            for (LockedFile f : c.pkg().files()) {
                if (f.sha256().filter(sha::equals).isPresent()) {
                    matched = true;
                    grown.add(c, f);
                }
            }
            if (archiveSha256(c.pkg()).filter(sha::equals).isPresent()) {
                matched = true;
                grown.add(c);
            }
        }
        if (matched) {
            return Optional.empty();
        }
        return Optional.of(locked.finding(FindingCode.PIP_REPORT_HASH_MISMATCH, filename, " from " + filename.get()
                + ", which is not a locked file of " + locked.name() + " " + locked.item().version(), locked.found()
                + "\n         sha256 " + sha + " (locked: " + String.join(", ", locked.sameVersion().stream()
                .flatMap(c -> c.pkg().files().stream()).map(f -> f.filename() + " " + f.sha256().orElse("(no sha256)"))
                .toList()) + ")", "do not install: pip would use a file the lock file did not record; install from "
                + "the lock or re-lock"));
    }

    /** A version control checkout: at the commit a locked vcs source of that version pins. */
    private static Optional<Finding> checkVcs(LockedItem locked, GrowingPlan grown) {
        boolean pinned = locked.sameVersion().stream().anyMatch(c -> c.pkg().vcs()
                .flatMap(v -> v.getString("commit-id")).equals(locked.item().commitId()));
        if (!pinned) {
            return Optional.of(locked.notLocked(" from version control at commit "
                    + locked.item().commitId().orElse("?") + ", which the lock file does not pin"));
        }
        locked.sameVersion().stream().filter(c -> c.pkg().vcs().isPresent()).forEach(grown::add);
        return Optional.empty();
    }

    /** A local directory: the lock must list that version as a directory source. */
    private static Optional<Finding> checkDirectory(LockedItem locked, GrowingPlan grown) {
        if (locked.sameVersion().stream().noneMatch(c -> c.pkg().directory().isPresent())) {
            return Optional.of(locked.notLocked(" from a local directory, which the lock file does not list as a "
                    + "directory source"));
        }
        locked.sameVersion().stream().filter(c -> c.pkg().directory().isPresent()).forEach(grown::add);
        return Optional.empty();
    }

    /** A package without a version (vcs, directory) matches any version pip reports; otherwise PEP 440 equality. */
    private static boolean sameVersion(LockedPackage p, String version) {
        if (p.version().isEmpty()) {
            return true;
        }
        Optional<Version> theirs = Version.tryParse(version);
        return theirs.isPresent() ? theirs.equals(Version.tryParse(p.version().get()))
                : Objects.equals(p.version().get(), version);
    }

    private static Optional<String> archiveSha256(LockedPackage p) {
        return p.archive().flatMap(a -> a.get("hashes")).flatMap(h -> {
            if (h instanceof RawTable t) {
                return t.getString("sha256");
            }
            if (h instanceof Map<?, ?> m && m.get("sha256") instanceof String s) {
                return Optional.of(s);
            }
            return Optional.empty();
        }).map(s -> s.toLowerCase(java.util.Locale.ROOT));
    }

    private static String basename(String url) {
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        int h = s.indexOf('#');
        if (h >= 0) {
            s = s.substring(0, h);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static Optional<SourceLocation> location(ParsedLockfile parsed, LockedPackage p) {
        var line = parsed.sourceMap().lineOf(p);
        return line.isPresent() ? Optional.of(new SourceLocation(parsed.file(), line.getAsInt())) : Optional.empty();
    }
}
