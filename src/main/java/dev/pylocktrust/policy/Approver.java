package dev.pylocktrust.policy;

import java.util.Optional;

/**
 * Where approvals come from: {@code lock}'s {@code --accept-identity-change}, {@code diff}'s reading of HEAD's
 * {@code approved-identity-changes}, or nowhere ({@code verify}: a lock is verified as it is).
 */
@FunctionalInterface
public interface Approver {
    /** Approves nothing. */
    Approver NONE = (name, t) -> Optional.empty();

    /** The approval for this transition of package {@code name}, if there is one. */
    Optional<Approval> approve(String name, Transition transition);
}
