package dev.pylocktrust.verify;

import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.HashRule;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a wheelhouse with the selected files. Pure: the listing (names and digests) comes from {@link Wheelhouse}.
 * Every hash the lock records for a file is checked against its bytes: an installer accepts a file when any one of
 * them matches.
 *
 * <p>Closing the gap between checking and installing: after this passes, {@code pip install --no-index
 * --find-links DIR} can only install files whose sha256 was checked. So every selected file must be there with its
 * locked sha256, and nothing else may be, since pip might pick it:
 * <ul>
 *   <li>a wheelhouse file matches a selected file when the sha256 is equal and both names denote the same
 *       distribution (parsed, so {@code MarkupSafe-...} matches uv's {@code markupsafe-...});</li>
 *   <li>a file named like a selected file but with other content: {@code wheelhouse-hash-mismatch};</li>
 *   <li>any other distribution file: {@code wheelhouse-unexpected-file};</li>
 *   <li>a selected file with no match: {@code wheelhouse-missing}.</li>
 * </ul>
 */
public final class WheelhouseCheck {
    private WheelhouseCheck() {}

    private record Selected(LockedPackage pkg, LockedFile file, String sha256, Optional<SourceLocation> location) {
        String label() {
            return pkg.version().map(v -> pkg.name() + " " + v).orElse(pkg.name());
        }
    }

    /**
     * @param dir the wheelhouse as the user named it (for messages)
     * @param entries its distribution files
     */
    public static List<Finding> check(ParsedLockfile parsed, Plan plan, String dir, List<Wheelhouse.Entry> entries) {
        List<Selected> selected = new ArrayList<>();
        for (PlannedPackage p : plan.packages()) {
            var line = parsed.sourceMap().lineOf(p.pkg());
            Optional<SourceLocation> loc = line.isPresent()
                    ? Optional.of(new SourceLocation(parsed.file(), line.getAsInt())) : Optional.empty();
            for (LockedFile f : p.files()) {
                // A file without sha256 already fails on its own (missing-sha256); nothing to match it by here.
                f.sha256().ifPresent(sha -> selected.add(new Selected(p.pkg(), f, sha, loc)));
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        Set<Selected> present = new LinkedHashSet<>();
        Set<Selected> reported = new LinkedHashSet<>();
        for (Wheelhouse.Entry e : entries) {
            List<Selected> exact = selected.stream()
                    .filter(s -> s.sha256.equals(e.sha256()) && sameDistribution(s.file.filename(), e.filename()))
                    .toList();
            if (!exact.isEmpty()) {
                present.addAll(exact);
                for (Selected s : exact) {
                    for (HashRule.Problem p : HashRule.check(s.file.hashes(), e.digests(),
                            HashRule.Source.BYTES)) {
                        if (p instanceof HashRule.Problem.Changed c) {
                            findings.add(HashRule.changed(s.pkg.name(), s.label(), s.file.filename(), c, dir + "/"
                                    + e.filename() + " has", s.location));
                        } else {
                            unverifiable.add(s.label() + ": " + s.file.filename() + ": " + p.algorithm());
                        }
                    }
                }
                continue;
            }
            List<Selected> sameName = selected.stream()
                    .filter(s -> sameDistribution(s.file.filename(), e.filename())).toList();
            if (!sameName.isEmpty()) {
                for (Selected s : sameName) {
                    reported.add(s);
                    findings.add(finding(FindingCode.WHEELHOUSE_HASH_MISMATCH, s, s.label() + ": " + dir + "/"
                            + e.filename() + " is not the locked file: its content differs",
                            "expected: sha256 " + s.sha256 + " (" + s.file.filename() + ")\nfound:    sha256 "
                                    + e.sha256(), "do not install from this directory: delete the file and download "
                                    + "it again (pip download --no-deps), then run verify again"));
                }
                continue;
            }
            findings.add(Finding.of(FindingCode.WHEELHOUSE_UNEXPECTED_FILE,
                    packageOf(e.filename()), Optional.of(e.filename()),
                    dir + "/" + e.filename() + " is in the wheelhouse but is not a file selected from the lock file",
                    "found: sha256 " + e.sha256(), "remove it: pip install --find-links " + dir + " could install it "
                            + "instead of a checked file", Optional.empty()));
        }
        if (!unverifiable.isEmpty()) {
            throw HashRule.unverifiable(unverifiable, "use a hash the JDK computes (sha256, sha384, sha512, sha3_*)");
        }
        for (Selected s : selected) {
            if (!present.contains(s) && !reported.contains(s)) {
                findings.add(finding(FindingCode.WHEELHOUSE_MISSING, s, s.label() + ": " + s.file.filename()
                        + " is not in the wheelhouse " + dir, "expected: sha256 " + s.sha256,
                        "download it into " + dir + " (pip download --no-deps --dest " + dir + "), or check "
                                + "--environment: the wheelhouse must hold every selected file"));
            }
        }
        return findings;
    }

    private static Finding finding(FindingCode code, Selected s, String message, String detail, String hint) {
        return Finding.of(code, s.pkg.name(), Optional.of(s.file.filename()), message,
                detail, hint, s.location);
    }

    /** Parsed comparison when both names parse; exact comparison otherwise (legacy sdist suffixes). */
    static boolean sameDistribution(String a, String b) {
        try {
            return DistributionFilename.parse(a).sameDistribution(DistributionFilename.parse(b));
        } catch (InvalidSpecException e) {
            return a.equals(b);
        }
    }

    private static String packageOf(String filename) {
        try {
            return DistributionFilename.parse(filename).name().toString();
        } catch (InvalidSpecException e) {
            return "";
        }
    }
}
