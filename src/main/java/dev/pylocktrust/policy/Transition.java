package dev.pylocktrust.policy;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity-level event that needs an explicit, recorded approval to pass.
 *
 * @param kind what happened
 * @param from the locked identity it departs from (for {@link Kind#AMBIGUOUS}: the other identity seen at first use)
 * @param fromIds the signed ids recorded for {@code from}
 * @param to the identity that signed the files now, with the ids its certificate signs
 * @param files the files concerned
 */
public record Transition(Kind kind, Optional<Publisher> from, SignedIds fromIds, VerifiedIdentity to,
                         List<String> files) {

    /** The events. */
    public enum Kind {
        /** Files are signed by an identity the lock does not record (possibly the same repository, renamed). */
        CHANGED,
        /** Files are signed by the locked names with other signed ids: the repository or owner was re-created. */
        RECREATED,
        /** At first use, several identities (or repositories) sign the package. */
        AMBIGUOUS
    }

    public Transition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromIds, "fromIds");
        Objects.requireNonNull(to, "to");
        files = List.copyOf(files);
    }

    public SignedIds toIds() {
        return SignedIds.of(to);
    }
}
