package dev.pylocktrust.trust;

import java.time.Instant;
import java.util.Optional;
import java.nio.file.Path;

/**
 * A TUF repository that distributes a Sigstore {@code trusted_root.json}, with its local cache. This is the I/O
 * boundary of trust root selection: {@link TrustRootSelector} decides, implementations fetch and store.
 *
 * <p>Contract: {@link #refresh} returns only a root whose TUF metadata verified completely (signatures, thresholds,
 * versions, hashes, expiry at {@code now}); nothing it fetched is visible to {@link #cached} until
 * {@link Refreshed#commit()}. {@link #cached} verifies what the cache holds just as completely, every time: the cache
 * is untrusted input.
 */
public interface TufRepository {
    /** The repository's base URL, for messages. */
    String url();

    /** Whether the embedded production snapshot stands in for this repository when it is unreachable. */
    boolean productionFallback();

    /** The cache directory, if there is one (shown by {@code trust-root show}). */
    Optional<Path> cacheDir();

    /** What the cache holds, verified at {@code now}. Reads only local files; never throws. */
    CacheLookup cached(Instant now);

    /**
     * The failed refresh remembered in the cache, if a well-formed record is there (see {@link RefreshFailure}).
     * Whether it applies (same URL, not in the future, window not over) is {@link RefreshBackOff}'s decision, not
     * this method's. Reads only local files; never throws; empty without a cache.
     */
    Optional<RefreshFailure> lastFailure();

    /** Remembers a failed refresh, replacing any earlier record atomically. Best effort: never throws. */
    void recordFailure(RefreshFailure failure);

    /** Forgets the failed refresh (after a successful one). Best effort: never throws. */
    void clearFailure();

    /**
     * Runs a TUF update against the repository. Blocking; callers bound it with {@code budget} and may abandon it by
     * cancelling the budget.
     *
     * @param now the time metadata expiry is judged against
     * @throws TufRefreshException with a short reason when the update fails or does not verify
     */
    Refreshed refresh(Instant now, RefreshBudget budget) throws TufRefreshException;

    /** A verified refresh, not yet visible in the cache. */
    interface Refreshed {
        TufRoot root();

        /** Makes it the cached root (atomically). */
        void commit() throws java.io.IOException;

        /** Forgets it. Never throws. */
        void discard();
    }
}
