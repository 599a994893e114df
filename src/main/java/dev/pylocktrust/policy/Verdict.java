package dev.pylocktrust.policy;

/** The verdict on one file, or on a whole package (the worst of its files). */
public enum Verdict {
    /** Verified provenance from one of the locked identities. */
    ATTESTED("attested"),
    /** Nothing to hold the file to: no locked identity, or allowed without attestations by the lock's policy. */
    UNATTESTED("unattested"),
    /** A trust failure. */
    FAILED("failed"),
    /** Could not be checked: the index failed or the file is not in the cache. */
    INCOMPLETE("incomplete");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The spelling in reports. */
    public String label() {
        return label;
    }
}
