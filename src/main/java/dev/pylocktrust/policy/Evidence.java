package dev.pylocktrust.policy;

import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one file's publisher, as the trust rules see it. Exactly one of six outcomes; the rules switch
 * over them exhaustively, so a new outcome cannot be silently treated as a pass.
 */
public sealed interface Evidence {

    /**
     * Every attestation verified; the identities of the bundles that verified (never empty).
     *
     * @param attributed the identities are known to have signed this very file, with the ids their certificates sign
     *     (always, for evidence from the index); false for a lock that claims identities for a package without
     *     saying which file each signed ({@code diff} reading a lock without per-file records)
     */
    record Attested(List<VerifiedIdentity> identities, boolean attributed) implements Evidence {
        public Attested {
            identities = List.copyOf(identities);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("an attested file has at least one identity");
            }
        }

        /** Identities verified for this file from its provenance. */
        public Attested(List<VerifiedIdentity> identities) {
            this(identities, true);
        }
    }

    /** The index states that the file has no provenance. */
    record NoProvenance(String why) implements Evidence {
        public NoProvenance {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The index serves no provenance at all: nothing is known. */
    record ProvenanceUnsupported(String why) implements Evidence {
        public ProvenanceUnsupported {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Provenance exists and does not verify. */
    record Invalid(String reason) implements Evidence {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No file with the locked sha256 is on the index. */
    record NotOnIndex(String why) implements Evidence {
        public NotOnIndex {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The index could not be asked (network, offline cache miss): nothing was decided, never a pass.
     *
     * @param notInCache the answer was to come from the cache ({@code --offline}) and is not there
     * @param hints what to do, from the error
     */
    record Unchecked(String why, boolean notInCache, List<String> hints) implements Evidence {
        public Unchecked {
            Objects.requireNonNull(why, "why");
            hints = List.copyOf(hints);
        }
    }
}
