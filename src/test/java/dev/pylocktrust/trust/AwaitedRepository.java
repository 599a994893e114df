package dev.pylocktrust.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A repository that tells when its refresh is over: it returned and what it fetched was committed or discarded, or
 * it failed. A selector abandons a refresh at its time bound; a test waits here for the abandoned one to end before
 * looking at the cache.
 */
final class AwaitedRepository implements TufRepository {
    private final TufRepository delegate;
    private final CountDownLatch over = new CountDownLatch(1);

    AwaitedRepository(TufRepository delegate) {
        this.delegate = delegate;
    }

    /** Whether the refresh ended within {@code max}. */
    boolean awaitRefresh(Duration max) throws InterruptedException {
        return over.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String url() {
        return delegate.url();
    }

    @Override
    public boolean productionFallback() {
        return delegate.productionFallback();
    }

    @Override
    public Optional<Path> cacheDir() {
        return delegate.cacheDir();
    }

    @Override
    public CacheLookup cached(Instant now) {
        return delegate.cached(now);
    }

    @Override
    public Optional<RefreshFailure> lastFailure() {
        return delegate.lastFailure();
    }

    @Override
    public void recordFailure(RefreshFailure failure) {
        delegate.recordFailure(failure);
    }

    @Override
    public void clearFailure() {
        delegate.clearFailure();
    }

    @Override
    public Refreshed refresh(Instant now, RefreshBudget budget) throws TufRefreshException {
        Refreshed refreshed;
        try {
            refreshed = delegate.refresh(now, budget);
        } catch (TufRefreshException | RuntimeException e) {
            over.countDown();
            throw e;
        }
        return new Refreshed() {
            @Override
            public TufRoot root() {
                return refreshed.root();
            }

            @Override
            public void commit() throws IOException {
                try {
                    refreshed.commit();
                } finally {
                    over.countDown();
                }
            }

            @Override
            public void discard() {
                refreshed.discard();
                over.countDown();
            }
        };
    }
}
