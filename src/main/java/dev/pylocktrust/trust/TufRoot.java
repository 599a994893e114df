package dev.pylocktrust.trust;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trusted root obtained through TUF: the {@code trusted_root.json} target, checked against the signed targets
 * metadata, with what is needed to judge its freshness.
 *
 * @param json            the {@code trusted_root.json} bytes
 * @param refreshedAt     when a TUF refresh last confirmed that this is the repository's current root
 * @param metadataExpires the earliest expiry of the trusted TUF metadata (root, timestamp, snapshot, targets) it was
 *                        checked against; after that, the repository must be asked again
 * @param targetsVersion  the version of the signed targets metadata that lists it
 * @param tufRootVersion  the version of the TUF root metadata that was trusted
 */
public record TufRoot(byte[] json, Instant refreshedAt, Instant metadataExpires, int targetsVersion,
                      int tufRootVersion) {
    public TufRoot {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(refreshedAt, "refreshedAt");
        Objects.requireNonNull(metadataExpires, "metadataExpires");
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    /** The sha256 of {@link #json()}, 64 lowercase hex digits. */
    public String sha256() {
        return TufRepositorySpec.hex(TufRepositorySpec.sha256(json));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TufRoot r && Arrays.equals(r.json, json) && r.refreshedAt.equals(refreshedAt)
                && r.metadataExpires.equals(metadataExpires) && r.targetsVersion == targetsVersion
                && r.tufRootVersion == tufRootVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(json), refreshedAt, metadataExpires, targetsVersion, tufRootVersion);
    }

    @Override
    public String toString() {
        return "TufRoot[sha256=" + sha256() + ", refreshedAt=" + refreshedAt + ", metadataExpires=" + metadataExpires
                + ", targetsVersion=" + targetsVersion + ", tufRootVersion=" + tufRootVersion + "]";
    }
}
