package dev.pylocktrust.trust;

import dev.pylocktrust.index.BudgetedHttpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TufRepository} over a TUF mirror ({@link TufMirror}) and a {@link TufCacheDir}, both read through the one TUF
 * client workflow in {@link TufVerification}.
 *
 * <p>A refresh starts from what the cache holds when that verifies (its versions are the floor for rollback checks,
 * and files it already has in the version now asked for are not downloaded again): a second refresh with unchanged
 * metadata costs two small requests ({@code N+1.root.json}, answered 404, and {@code timestamp.json}). Only the one
 * target that matters ({@code trusted_root.json}) is fetched, never the others the repository lists.
 */
public final class SigstoreTufRepository implements TufRepository {
    /** Where the repositories live inside the tool's cache directory. */
    public static final String CACHE_SUBDIR = "sigstore-tuf";

    private final TufRepositorySpec spec;
    private final Optional<TufCacheDir> cache;
    private final Duration connectTimeout;
    private final Map<String, String> env;

    /** As {@link #SigstoreTufRepository(TufRepositorySpec, Optional, Duration, Map)} with this process's environment. */
    public SigstoreTufRepository(TufRepositorySpec spec, Optional<Path> cacheRoot, Duration connectTimeout) {
        this(spec, cacheRoot, connectTimeout, System.getenv());
    }

    /**
     * @param cacheRoot the tool's cache directory ({@code --cache-dir}), or empty for no cache (every run then
     *                  refreshes from the bootstrap root and keeps nothing)
     * @param env       where proxy variables ({@code https_proxy}, {@code no_proxy}) are read from (a malformed one
     *                  makes refreshes fail with a reason, not the command)
     */
    public SigstoreTufRepository(TufRepositorySpec spec, Optional<Path> cacheRoot, Duration connectTimeout,
                                 Map<String, String> env) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.cache = cacheRoot.map(r -> new TufCacheDir(r.resolve(CACHE_SUBDIR).resolve(spec.cacheKey()),
                spec.bootstrapRoot()));
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.env = Map.copyOf(env);
    }

    @Override
    public String url() {
        return spec.mirror().toString();
    }

    @Override
    public boolean productionFallback() {
        return spec.production();
    }

    @Override
    public Optional<Path> cacheDir() {
        return cache.map(TufCacheDir::dir);
    }

    @Override
    public CacheLookup cached(Instant now) {
        return cache.map(c -> c.lookup(now)).orElseGet(CacheLookup.Miss::new);
    }

    @Override
    public Optional<RefreshFailure> lastFailure() {
        return cache.flatMap(TufCacheDir::lastFailure);
    }

    @Override
    public void recordFailure(RefreshFailure failure) {
        cache.ifPresent(c -> c.recordFailure(failure));
    }

    @Override
    public void clearFailure() {
        cache.ifPresent(TufCacheDir::clearFailure);
    }

    @Override
    public Refreshed refresh(Instant now, RefreshBudget budget) throws TufRefreshException {
        BudgetedHttpClient client;
        try {
            client = BudgetedHttpClient.create(connectTimeout, env, "pylock-trust");
        } catch (IllegalArgumentException e) {
            throw new TufRefreshException("cannot use the proxy settings: " + e.getMessage(), e);
        }
        Optional<VerifiedTuf> seed = cache.flatMap(TufCacheDir::verified);
        TufMirror mirror = new TufMirror(client, spec.mirror(), budget, seed);
        try {
            VerifiedTuf verified = TufVerification.verify(spec.bootstrapRoot(), mirror, seed);
            try {
                verified.requireUnexpired(now);
            } catch (TufCheckException e) {
                throw new TufRefreshException(e.getMessage() + " and the repository serves nothing newer (a stale "
                        + "mirror, or a freeze attack)", e);
            }
            return new VerifiedRefresh(verified, verified.root(now));
        } catch (TufCheckException e) {
            throw new TufRefreshException(e.getMessage(), e);
        } catch (IOException e) {
            throw new TufRefreshException(TufFailures.describe(e, mirror.lastRequested(), budget.totalText()), e);
        }
    }

    /** A verified refresh, held in memory until it is committed to the cache. */
    private final class VerifiedRefresh implements Refreshed {
        private final VerifiedTuf verified;
        private final TufRoot root;

        VerifiedRefresh(VerifiedTuf verified, TufRoot root) {
            this.verified = verified;
            this.root = root;
        }

        @Override
        public TufRoot root() {
            return root;
        }

        @Override
        public void commit() throws IOException {
            if (cache.isPresent()) {
                cache.get().commit(verified, root.refreshedAt());
            }
        }

        @Override
        public void discard() {
            // Nothing was written.
        }
    }
}
