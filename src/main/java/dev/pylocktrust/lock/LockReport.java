package dev.pylocktrust.lock;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.IdentityOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code lock} did, for the text and JSON reports: per package its version, files and identities and what
 * changed since the earlier lock, the packages removed, and every finding.
 *
 * @param output the lock file as the user named it
 * @param previous the earlier lock compared with, if any
 * @param written whether the lock file was written
 * @param packages one line per package entry, in the order they are written (by name, version, marker)
 * @param removed packages of the earlier lock that are no longer locked
 * @param findings everything worth telling, failures first
 */
public record LockReport(String output, Optional<String> previous, boolean written, List<PackageLine> packages,
                         List<Removed> removed, List<Finding> findings) {

    /** How a package's version compares with the earlier lock. */
    public enum Change {
        ADDED("added"), UNCHANGED("unchanged"), UPGRADED("upgraded"), DOWNGRADED("downgraded");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One package entry.
     *
     * @param previousVersion the version in the earlier lock (the highest, if it had several entries)
     * @param files how many files are locked
     * @param attested files whose attestations verified
     * @param unattested files for which the index publishes no provenance
     * @param unknown files whose provenance the index cannot tell (it does not serve PEP 740)
     * @param failed files whose provenance did not verify or that the index does not list
     * @param identities the identities recorded; for a refused entry (nothing recorded), the identities that signed
     *     its files
     */
    public record PackageLine(String name, String version, Optional<String> marker, Change change,
                              Optional<String> previousVersion, int files, int attested, int unattested, int unknown,
                              int failed, List<AttestationIdentity> identities,
                              IdentityOutcome identityStatus) {
        public PackageLine {
            Objects.requireNonNull(name, "name");
            identities = List.copyOf(identities);
        }
    }

    /** A package of the earlier lock that is not locked any more. */
    public record Removed(String name, List<String> versions) {
        public Removed {
            versions = List.copyOf(versions);
        }
    }

    public LockReport {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(previous, "previous");
        packages = List.copyOf(packages);
        removed = List.copyOf(removed);
        findings = List.copyOf(findings);
    }

    /** Whether a trust failure refused the lock. */
    public boolean refused() {
        return findings.stream().anyMatch(Finding::isFailure);
    }

    public List<Finding> failures() {
        return findings.stream().filter(Finding::isFailure).toList();
    }

    public LockReport asWritten() {
        return new LockReport(output, previous, true, packages, removed, findings);
    }
}
