package dev.pylocktrust.verify;

import dev.pylocktrust.report.VerifyReport.SkippedPackage;
import java.util.List;

/**
 * The packages and files {@code verify} checks, in lock file order, and the packages it leaves out.
 *
 * @param packages the selected packages
 * @param skipped the packages the selection left out, each with why (their marker is false on the target)
 * @param undecided selected packages whose marker cannot be decided for the target (checked, to fail closed)
 */
public record Plan(List<PlannedPackage> packages, List<SkippedPackage> skipped, List<PlannedPackage> undecided) {
    public Plan {
        packages = List.copyOf(packages);
        skipped = List.copyOf(skipped);
        undecided = List.copyOf(undecided);
    }

    /** Number of files to check. */
    public int fileCount() {
        return packages.stream().mapToInt(p -> p.files().size()).sum();
    }
}
