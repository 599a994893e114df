package dev.pylocktrust.lock;

import java.util.Objects;
import java.util.Optional;

/**
 * An accepted publisher identity change for one package ({@code --accept-identity-change NAME --reason TEXT
 * [--approved-by WHO]}): recorded in {@code [tool.pylock-trust]} if the change happens.
 *
 * @param reason why the new identity is trusted (not blank)
 * @param approvedBy who approved it, if given
 */
public record Acceptance(String reason, Optional<String> approvedBy) {
    public Acceptance {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("the reason must not be blank");
        }
        if (approvedBy.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("approvedBy must not be blank");
        }
    }

    /** An acceptance without an approver. */
    public static Acceptance of(String reason) {
        return new Acceptance(reason, Optional.empty());
    }
}
