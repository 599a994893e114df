package dev.pylocktrust.trust;

import java.util.Objects;
import java.util.Optional;

/** What the TUF cache holds for one repository, after it was verified like metadata from the mirror. */
public sealed interface CacheLookup {
    /** A root from an earlier refresh whose TUF metadata verified from the pinned root and is unexpired now. */
    record Hit(TufRoot root) implements CacheLookup {
        public Hit {
            Objects.requireNonNull(root, "root");
        }
    }

    /** Nothing cached (first run, {@code --no-cache}). */
    record Miss() implements CacheLookup {}

    /**
     * Verified, but some of its metadata expired: no longer vouched for by the repository, so not used to verify
     * anything (a refresh still starts from it, as TUF allows).
     *
     * @param reason which file expired and when, e.g. {@code timestamp.json: expired at 2026-11-28T12:00:00Z}
     */
    record Expired(TufRoot root, String reason) implements CacheLookup {
        public Expired {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Failed a check (tampered, forged, truncated, inconsistent): ignored, as if nothing were cached, with one warning;
     * the next successful refresh replaces it.
     *
     * @param check  the check that failed
     * @param reason the file and what is wrong with it, one line
     */
    record Rejected(TufCheck check, String reason) implements CacheLookup {
        public Rejected {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The root to verify against, for a {@link Hit} only. */
    default Optional<TufRoot> cachedRoot() {
        return this instanceof Hit h ? Optional.of(h.root()) : Optional.empty();
    }
}
