package dev.pylocktrust.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A file the earlier lock holds, to catch other bytes under a name published before.
 *
 * @param version the version of its package entry, if recorded
 * @param unattested the lock records it without provenance, in an entry that records no identity: it was locked,
 *     reviewed, as unattested
 * @param location the file's own line in the earlier lock
 */
public record PriorFile(Optional<String> version, String filename, String sha256, boolean unattested,
                        Optional<SourceLocation> location) {
    public PriorFile {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(location, "location");
    }
}
