package dev.pylocktrust.policy;

import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.Objects;
import java.util.Optional;

/**
 * The numeric ids a Fulcio certificate signs for a forge identity: the source repository id (OID
 * 1.3.6.1.4.1.57264.1.15) and the repository owner id (.17); GitLab's project and namespace ids likewise. Names can
 * be re-registered by anyone after a deletion; these ids cannot, so they tell a renamed repository (same ids) from a
 * re-created one (same names, other ids).
 */
public record SignedIds(Optional<String> repositoryId, Optional<String> ownerId) {
    public static final SignedIds NONE = new SignedIds(Optional.empty(), Optional.empty());

    public SignedIds {
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(ownerId, "ownerId");
    }

    /** The ids the certificate of a verified attestation signs. */
    public static SignedIds of(VerifiedIdentity id) {
        return new SignedIds(id.repositoryId(), id.ownerId());
    }

    public boolean isEmpty() {
        return repositoryId.isEmpty() && ownerId.isEmpty();
    }

    /** For people, e.g. {@code repository id 1234, owner id 5678}. */
    public String describe() {
        if (isEmpty()) {
            return "no repository or owner id";
        }
        return repositoryId.map(r -> "repository id " + r).orElse("no repository id") + ", "
                + ownerId.map(o -> "owner id " + o).orElse("no owner id");
    }
}
