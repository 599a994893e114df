package dev.pylocktrust.attest;

import java.util.Objects;

/** The verdict on one attestation: a value, never an exception. */
public sealed interface AttestationResult {

    /** Whether the attestation verified. */
    default boolean verified() {
        return this instanceof Verified;
    }

    /** The attestation verified against the distribution, the trusted root and (when asserted) the publisher. */
    record Verified(VerifiedAttestation attestation) implements AttestationResult {
        public Verified {
            Objects.requireNonNull(attestation, "attestation");
        }
    }

    /**
     * The attestation was rejected.
     *
     * @param reason the class of failure
     * @param message what failed, showing what was found and what was expected
     */
    record Rejected(RejectionReason reason, String message) implements AttestationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return reason + ": " + message;
        }
    }
}
