package dev.pylocktrust.trust;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * TUF metadata and the {@code trusted_root.json} target that passed every check of the client workflow
 * ({@link TufVerification}) from the pinned root on. Expiry is the one check left to the caller
 * ({@link #requireUnexpired}): expired metadata is still a valid starting point for the next refresh (TUF 5.2), it is
 * just no longer something to verify against.
 *
 * @param roots       the root metadata after the pinned one, oldest first (empty when the pinned root is the newest)
 * @param newestRoot  the newest trusted root metadata (the pinned one when {@code roots} is empty)
 * @param roles       what {@code newestRoot} says
 * @param targetInfo  what the targets metadata says about {@code trustedRoot}
 */
record VerifiedTuf(List<TufMetadata> roots, TufMetadata newestRoot, TufRoles roles, TufMetadata timestamp,
                   TufFileInfo snapshotInfo, TufMetadata snapshot, TufMetadata targets, TufFileInfo targetInfo,
                   byte[] trustedRoot) {
    VerifiedTuf {
        roots = List.copyOf(roots);
        Objects.requireNonNull(newestRoot, "newestRoot");
        trustedRoot = trustedRoot.clone();
    }

    @Override
    public byte[] trustedRoot() {
        return trustedRoot.clone();
    }

    /** The earliest expiry of the newest root, timestamp, snapshot and targets metadata. */
    Instant expires() {
        Instant earliest = Instant.MAX;
        for (TufMetadata m : List.of(newestRoot, timestamp, snapshot, targets)) {
            earliest = m.expires().isBefore(earliest) ? m.expires() : earliest;
        }
        return earliest;
    }

    /**
     * TUF 5.3.10, 5.4.4, 5.5.6, 5.6.5: at {@code now}, none of the newest root, timestamp, snapshot or targets
     * metadata may have expired (an expired one is reported, in that order).
     *
     * @throws TufCheckException {@link TufCheck#EXPIRED}, naming the file and when it expired
     */
    void requireUnexpired(Instant now) throws TufCheckException {
        for (TufMetadata m : List.of(newestRoot, timestamp, snapshot, targets)) {
            if (!m.expires().isAfter(now)) {
                throw new TufCheckException(TufCheck.EXPIRED, m.file() + ": expired at " + m.expires());
            }
        }
    }

    /** The trusted root as the rest of pylock-trust sees it. */
    TufRoot root(Instant refreshedAt) {
        return new TufRoot(trustedRoot, refreshedAt, expires(), targets.version(), roles.version());
    }
}
