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
    private PipReportCheck() {}

    /**
     * @param findings one per item that is not in the lock
     * @param plan the plan with pip's files added (in lock file order)
     */
    public record Result(List<Finding> findings, Plan plan) {}

    private record Candidate(int index, LockedPackage pkg) {}

    public static Result check(ParsedLockfile parsed, Plan plan, PipReport report) {
        Lockfile lock = parsed.lockfile();
        Map<Integer, List<LockedFile>> files = new TreeMap<>();
        Map<Integer, LockedPackage> packages = new TreeMap<>();
        for (PlannedPackage p : plan.packages()) {
            files.put(p.index(), new ArrayList<>(p.files()));
            packages.put(p.index(), p.pkg());
        }
        List<Finding> findings = new ArrayList<>();
        for (PipReport.Item item : report.items()) {
            String name = PackageName.isValid(item.name()) ? PackageName.normalize(item.name()) : item.name();
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < lock.packages().size(); i++) {
                if (lock.packages().get(i).name().equals(name)) {
                    candidates.add(new Candidate(i, lock.packages().get(i)));
                }
            }
            String what = "pip would install " + item.name() + " " + item.version();
            String found = "found: " + report.file() + " install[" + item.position() + "]: " + item.name() + " "
                    + item.version() + " from " + item.url();
            if (candidates.isEmpty()) {
                findings.add(finding(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(), Optional.empty(),
                        what + ", which the lock file does not contain", found, notLockedHint()));
                continue;
            }
            Optional<SourceLocation> loc = location(parsed, candidates.get(0).pkg);
            List<Candidate> sameVersion = candidates.stream().filter(c -> sameVersion(c.pkg, item.version())).toList();
            if (sameVersion.isEmpty()) {
                findings.add(finding(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(), loc,
                        what + ", but the lock file has " + name + " at "
                                + String.join(", ", candidates.stream().map(c -> c.pkg.version().orElse("(no version)"))
                                .toList()), found, notLockedHint()));
                continue;
            }
            switch (item.source()) {
                case ARCHIVE -> {
                    Optional<String> filename = Optional.of(basename(item.url()));
                    if (item.sha256().isEmpty()) {
                        findings.add(finding(FindingCode.PIP_REPORT_HASH_MISMATCH, name, filename, loc, what
                                + " from a file without a recorded sha256, so it cannot be matched to the lock",
                                found, "install from an index or a --find-links directory so pip records hashes"));
                        continue;
                    }
                    String sha = item.sha256().get();
                    boolean matched = false;
                    for (Candidate c : sameVersion) {
                        for (LockedFile f : c.pkg.files()) {
                            if (f.sha256().filter(sha::equals).isPresent()) {
                                matched = true;
                                packages.putIfAbsent(c.index, c.pkg);
                                List<LockedFile> list = files.computeIfAbsent(c.index, k -> new ArrayList<>());
                                if (list.stream().noneMatch(x -> x.sha256().equals(f.sha256()))) {
                                    list.add(f);
                                }
                            }
                        }
                        if (archiveSha256(c.pkg).filter(sha::equals).isPresent()) {
                            matched = true;
                            packages.putIfAbsent(c.index, c.pkg);
                            files.putIfAbsent(c.index, new ArrayList<>());
                        }
                    }
                    if (!matched) {
                        findings.add(finding(FindingCode.PIP_REPORT_HASH_MISMATCH, name, filename, loc, what
                                + " from " + filename.get() + ", which is not a locked file of " + name + " "
                                + item.version(), found + "\n         sha256 " + sha + " (locked: "
                                + String.join(", ", sameVersion.stream().flatMap(c -> c.pkg.files().stream())
                                .map(f -> f.filename() + " " + f.sha256().orElse("(no sha256)")).toList()) + ")",
                                "do not install: pip would use a file the lock file did not record; install from the "
                                        + "lock or re-lock"));
                    }
                }
                case VCS -> {
                    boolean pinned = sameVersion.stream().anyMatch(c -> c.pkg.vcs().flatMap(v -> v.getString(
                            "commit-id")).equals(item.commitId()));
                    if (!pinned) {
                        findings.add(finding(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(), loc, what
                                + " from version control at commit " + item.commitId().orElse("?")
                                + ", which the lock file does not pin", found, notLockedHint()));
                    } else {
                        addDirect(packages, files, sameVersion, c -> c.pkg.vcs().isPresent());
                    }
                }
                case DIRECTORY -> {
                    if (sameVersion.stream().noneMatch(c -> c.pkg.directory().isPresent())) {
                        findings.add(finding(FindingCode.PIP_REPORT_NOT_LOCKED, name, Optional.empty(), loc, what
                                + " from a local directory, which the lock file does not list as a directory "
                                + "source", found, notLockedHint()));
                    } else {
                        addDirect(packages, files, sameVersion, c -> c.pkg.directory().isPresent());
                    }
                }
                default -> throw new IllegalStateException(item.source().toString());
            }
        }
        List<PlannedPackage> out = new ArrayList<>();
        packages.forEach((i, p) -> out.add(new PlannedPackage(i, p, files.get(i))));
        return new Result(findings, new Plan(out, plan.skipped(), plan.undecided()));
    }

    private static void addDirect(Map<Integer, LockedPackage> packages, Map<Integer, List<LockedFile>> files,
                                  List<Candidate> candidates, java.util.function.Predicate<Candidate> which) {
        for (Candidate c : candidates) {
            if (which.test(c)) {
                packages.putIfAbsent(c.index, c.pkg);
                files.putIfAbsent(c.index, new ArrayList<>());
            }
        }
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

    private static Finding finding(FindingCode code, String pkg, Optional<String> file, Optional<SourceLocation> loc,
                                   String message, String detail, String hint) {
        return Finding.of(code, pkg, file, message, detail, hint, loc);
    }

    private static String notLockedHint() {
        return "do not install: pip resolved something the lock file does not list; install from the lock file "
                + "(pip install -r pylock.toml) or re-lock and review the change";
    }
}
