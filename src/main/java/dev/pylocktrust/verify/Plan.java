package dev.pylocktrust.verify;

import java.util.List;

/**
 * The packages and files {@code verify} checks, in lock file order.
 *
 * @param packages the selected packages
 * @param skipped how many packages the selection left out (their marker is false on the target)
 */
public record Plan(List<PlannedPackage> packages, int skipped) {
    public Plan {
        packages = List.copyOf(packages);
    }

    /** Number of files to check. */
    public int fileCount() {
        return packages.stream().mapToInt(p -> p.files().size()).sum();
    }
}
