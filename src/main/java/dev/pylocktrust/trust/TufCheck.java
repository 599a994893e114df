package dev.pylocktrust.trust;

/**
 * The TUF check that TUF metadata, a target or the cache holding them failed. Each failure is reported as one
 * {@link TufCheckException} naming the file and this check, so tests and messages can say which rule was broken.
 */
public enum TufCheck {
    /** A file that must be there is not (in the cache, or on the mirror). */
    MISSING,
    /** A file is larger than the signed metadata (or a hard limit) allows. */
    TOO_LARGE,
    /** Not well-formed TUF metadata: not JSON, wrong {@code _type}, no version or expiry, a threshold below 1... */
    MALFORMED,
    /** Not signed by a threshold of distinct keys that the trusted root metadata names for the role. */
    SIGNATURES,
    /** A version other than the one the chain of trust names (a rollback, or metadata mixed from two states). */
    VERSION,
    /** Length or hashes differ from those in the signed metadata that lists the file. */
    HASHES,
    /** The top-level targets metadata does not list {@code trusted_root.json} (delegations are never followed). */
    NOT_LISTED,
    /** Metadata expired: its signer no longer vouches for it (a freeze attack, or a stale cache or mirror). */
    EXPIRED,
    /** The cache itself is not as pylock-trust writes it (a symbolic link, a pointer to no generation). */
    LAYOUT
}
