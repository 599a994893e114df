package dev.pylocktrust.lock;

import dev.pylocktrust.report.Finding;
import java.util.List;
import java.util.Objects;

/**
 * What the trust-on-first-use rules decided for one package entry.
 *
 * @param identities the identities to record in {@code attestation-identities} (sorted when written)
 * @param approvals approved identity changes to append to {@code [tool.pylock-trust]}
 * @param status the identity outcome, for the report
 * @param findings everything worth telling; any {@link dev.pylocktrust.report.Severity#FAILURE} refuses the lock
 */
public record TofuDecision(List<AttestationIdentity> identities, List<ApprovedIdentityChange> approvals,
                           IdentityStatus status, List<Finding> findings) {

    /** The identity outcome of a package, as the report names it. */
    public enum IdentityStatus {
        /** New to the lock, with verified identities: recorded (first use). */
        FIRST_USE("first-use"),
        /** Locked before with identities; every attested file verified under one of them. */
        UNCHANGED("unchanged"),
        /** Locked before without identities; now attested: recorded. */
        GAINED("gained"),
        /** Signed by another identity, accepted with --accept-identity-change and recorded as approved. */
        CHANGED_APPROVED("changed-approved"),
        /** Locked with identities, no longer attested, and allowed unattested by the lock's policy. */
        DROPPED_ALLOWED("dropped-allowed"),
        /** No verified identity, none locked before. */
        UNATTESTED("unattested"),
        /** A trust failure: nothing is written. */
        REFUSED("refused");

        private final String label;

        IdentityStatus(String label) {
            this.label = label;
        }

        /** The kebab-case name used in reports. */
        public String label() {
            return label;
        }
    }

    public TofuDecision {
        identities = List.copyOf(identities);
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
    }

    public boolean refused() {
        return findings.stream().anyMatch(Finding::isFailure);
    }
}
