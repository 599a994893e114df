package dev.pylocktrust.policy;

/** What the rules decided about a package's identities, as the lock report names it. */
public enum IdentityOutcome {
    /** New to the lock, with verified identities: recorded (first use). */
    FIRST_USE("first-use"),
    /** Locked before with identities; every attested file verified under one of them. */
    UNCHANGED("unchanged"),
    /** Locked before without identities; now attested: recorded. */
    GAINED("gained"),
    /** Signed by another identity (or several at first use), approved, and recorded. */
    CHANGED_APPROVED("changed-approved"),
    /** Locked with identities, no longer attested, and allowed unattested by the lock's policy. */
    DROPPED_ALLOWED("dropped-allowed"),
    /** No verified identity, none locked before. */
    UNATTESTED("unattested"),
    /** A trust failure: nothing is recorded. */
    REFUSED("refused");

    private final String label;

    IdentityOutcome(String label) {
        this.label = label;
    }

    /** The kebab-case name used in reports. */
    public String label() {
        return label;
    }
}
