package dev.pylocktrust.trust;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.attest.TrustRoot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Chooses the trusted root for a run from a TUF repository and its cache, with a bounded fallback:
 * <ol>
 *   <li>the cache is verified like the repository ({@link TufRepository#cached}); one that fails a check is ignored,
 *       and the one warning of the run starts by naming the check;</li>
 *   <li>a cached root younger than the maximum age (and with unexpired TUF metadata) is used without any request;</li>
 *   <li>otherwise the repository is refreshed, all requests together within the time bound, on a daemon thread
 *       that is abandoned (and its requests cancelled) when the bound passes, so a black-holed network never stalls
 *       the command;</li>
 *   <li>if the refresh fails or times out, the cached root (verified and unexpired) or else, for Sigstore production,
 *       the embedded snapshot is used, with one warning naming why and how old that root is;</li>
 *   <li>the failure is remembered in the cache, and while it is recent ({@link RefreshBackOff}: 1 hour, doubling with
 *       each failure in a row up to 24 hours) the refresh is skipped and that same fallback is used at once, with a
 *       warning naming when and why the last attempt failed, when the next one is due, and how to force one; a
 *       success forgets it. This never widens what is trusted: only roots a failed refresh would fall back to are
 *       used (see {@link RefreshBackOff} for the reasoning);</li>
 *   <li>with {@code offline}, no request is ever made: that same local root is used, silently unless the cache was
 *       not used (the remembered failure is neither read nor written).</li>
 * </ol>
 * The decisions themselves are in {@link TrustRootDecisions}; this class does the waiting and the building.
 */
public final class TrustRootSelector {
    /**
     * @param maxAge  refresh when the cached root is at least this old (zero: refresh on every run)
     * @param timeout the time bound for a whole refresh
     * @param offline never make a request
     */
    public record Settings(Duration maxAge, Duration timeout, boolean offline) {
        public Settings {
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(timeout, "timeout");
            if (maxAge.isNegative() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("maxAge must not be negative and timeout must be positive");
            }
        }
    }

    private final TufRepository repository;
    private final Settings settings;

    public TrustRootSelector(TufRepository repository, Settings settings) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The root to verify against at {@code now}.
     *
     * @throws NetworkException only when no root at all is available (a non-production repository that cannot be
     *     reached and has nothing usable cached): nothing can be verified then
     */
    public SelectedTrustRoot select(Instant now) {
        Cached cached = cached(now);
        Optional<RefreshFailure> recorded = settings.offline() ? Optional.empty() : repository.lastFailure();
        Optional<RefreshBackOff.Active> backOff = RefreshBackOff.active(recorded, repository.url(), now);
        TrustRootDecisions.Plan plan = TrustRootDecisions.plan(cached.lookup(), settings.offline(), settings.maxAge(),
                backOff, now);
        if (plan instanceof TrustRootDecisions.Plan.UseCache) {
            return cached.selected().orElseThrow();
        }
        if (plan instanceof TrustRootDecisions.Plan.Offline) {
            return fallback(cached, now, Optional.empty());
        }
        if (plan instanceof TrustRootDecisions.Plan.BackOff b) {
            Optional<StandIn> standIn = standIn(cached);
            if (standIn.isPresent()) {
                return noted(cached.lookup(), standIn.get().selected(),
                        Optional.of(RefreshBackOff.warning(repository.url(), b.active(), standIn.get().used(), now)));
            }
            // Nothing would stand in (another instance's repository, nothing usable cached): only a refresh can give
            // a root, so skipping it would only turn a possible success into a certain failure.
        }
        Outcome outcome = refresh(now);
        if (outcome instanceof Outcome.Success s) {
            repository.clearFailure();
            return refreshed(cached.lookup(), s.selected());
        }
        Outcome.Failure failure = (Outcome.Failure) outcome;
        remember(recorded, failure, now);
        return fallback(cached, now, Optional.of(failure.reason()));
    }

    /**
     * A forced refresh, whatever the cache holds and whatever failure is remembered ({@code trust-root update}). A
     * success forgets the remembered failure; a failure is remembered like any other. A cache that failed verification
     * is still reported (and replaced).
     *
     * @throws NetworkException when the refresh fails: no fallback, the user asked for this
     */
    public SelectedTrustRoot update(Instant now) {
        if (settings.offline()) {
            throw new IllegalStateException("update with offline");
        }
        CacheLookup lookup = repository.cached(now);
        Outcome outcome = refresh(now);
        if (outcome instanceof Outcome.Failure f) {
            remember(repository.lastFailure(), f, now);
            throw new NetworkException("cannot refresh the Sigstore trusted root from " + repository.url() + ": "
                    + f.reason(),
                    "check the network (and a proxy if you need one); pass --trust-root-timeout SECONDS to allow "
                            + "more time");
        }
        repository.clearFailure();
        return refreshed(lookup, ((Outcome.Success) outcome).selected());
    }

    /** What the cache holds, and the selection it gives when it is a hit whose trusted root sigstore-java can use. */
    private record Cached(CacheLookup lookup, Optional<SelectedTrustRoot> selected) {}

    private Cached cached(Instant now) {
        CacheLookup lookup = repository.cached(now);
        if (lookup instanceof CacheLookup.Hit hit) {
            Optional<SelectedTrustRoot> selected = build(hit.root(), TrustRootOrigin.TUF_CACHE);
            if (selected.isPresent()) {
                return new Cached(lookup, selected);
            }
            lookup = new CacheLookup.Rejected(TufCheck.MALFORMED, TufGeneration.TARGET + ": not a trusted root "
                    + "sigstore-java can use");
        }
        return new Cached(lookup, Optional.empty());
    }

    /** A refreshed root; the warning says first if the cache it replaces failed verification (not if it expired). */
    private SelectedTrustRoot refreshed(CacheLookup lookup, SelectedTrustRoot selected) {
        if (!(lookup instanceof CacheLookup.Rejected)) {
            return selected;
        }
        return noted(lookup, selected, selected.warning());
    }

    /**
     * {@code selected} with the one warning: why the cache was not used (if it was not), then {@code main}; and the
     * cache's problem recorded for {@code trust-root show}.
     */
    private SelectedTrustRoot noted(CacheLookup lookup, SelectedTrustRoot selected, Optional<String> main) {
        Optional<String> note = TrustRootDecisions.cacheNote(lookup, repository.cacheDir());
        Optional<String> warning = note.isEmpty() ? main
                : Optional.of(note.get() + main.map(m -> "; " + m).orElse(""));
        Optional<String> problem = lookup instanceof CacheLookup.Rejected r ? Optional.of(r.reason())
                : lookup instanceof CacheLookup.Expired e ? Optional.of(e.reason()) : Optional.empty();
        return new SelectedTrustRoot(selected.root(), selected.origin(), selected.location(), selected.asOf(),
                selected.tuf(), selected.cacheDir(), problem, warning);
    }

    private void remember(Optional<RefreshFailure> previous, Outcome.Failure failure, Instant now) {
        if (failure.aboutTheRepository()) {
            repository.recordFailure(RefreshBackOff.next(previous, repository.url(), failure.reason(), now));
        }
    }

    private sealed interface Outcome {
        record Success(SelectedTrustRoot selected) implements Outcome {}

        /** @param aboutTheRepository false when it says nothing about the repository (this thread was interrupted) */
        record Failure(String reason, boolean aboutTheRepository) implements Outcome {
            Failure(String reason) {
                this(reason, true);
            }
        }
    }

    private Outcome refresh(Instant now) {
        RefreshBudget budget = RefreshBudget.of(settings.timeout());
        CompletableFuture<TufRepository.Refreshed> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(repository.refresh(now, budget));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "pylock-trust-tuf-refresh");
        worker.setDaemon(true);
        worker.start();
        TufRepository.Refreshed refreshed;
        try {
            refreshed = result.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(budget, result);
            return new Outcome.Failure("no answer within " + budget.totalText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(budget, result);
            return new Outcome.Failure("interrupted", false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome.Failure(cause instanceof TufRefreshException ? cause.getMessage()
                    : "unexpected failure: " + cause);
        }
        // Build the verifier outside the bound: it is local work (class loading on first use), not the network.
        Optional<SelectedTrustRoot> selected = build(refreshed.root(), TrustRootOrigin.TUF);
        if (selected.isEmpty()) {
            refreshed.discard();
            return new Outcome.Failure("the trusted_root.json it serves is not usable by sigstore-java");
        }
        try {
            refreshed.commit();
        } catch (IOException | RuntimeException e) {
            refreshed.discard();
            String where = repository.cacheDir().map(Object::toString).orElse("the cache directory");
            return new Outcome.Success(selected.get().warn("the refreshed Sigstore trusted root could not be saved in "
                    + where + " (" + TufFailures.describeFileError(e) + "); the next run will fetch it again"));
        }
        return new Outcome.Success(selected.get());
    }

    private void abandon(RefreshBudget budget, CompletableFuture<TufRepository.Refreshed> result) {
        budget.cancel();
        // If it still completes, what it fetched is not trusted late: it is removed.
        result.thenAccept(TufRepository.Refreshed::discard);
    }

    /** The root standing in when no refresh happens, and which kind it is. */
    private record StandIn(SelectedTrustRoot selected, TrustRootDecisions.Fallback used) {}

    /** The usable local root (the cached one, else the embedded snapshot for production), if there is one. */
    private Optional<StandIn> standIn(Cached cached) {
        Optional<TrustRootDecisions.Fallback> choice = TrustRootDecisions.fallback(
                cached.selected().isPresent() ? cached.lookup().cachedRoot() : Optional.empty(),
                repository.productionFallback(), TrustRoot.embeddedProductionSnapshotDate());
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        if (choice.get() instanceof TrustRootDecisions.Fallback.Cached) {
            return Optional.of(new StandIn(cached.selected().orElseThrow(), choice.get()));
        }
        TrustRoot embedded = TrustRoot.embeddedProduction();
        return Optional.of(new StandIn(new SelectedTrustRoot(embedded, TrustRootOrigin.EMBEDDED, "embedded",
                embedded.snapshotDate(), Optional.empty(), repository.cacheDir(), Optional.empty(), Optional.empty()),
                choice.get()));
    }

    /** The stand-in when no refresh succeeds or happens ({@code failure} empty: offline). */
    private SelectedTrustRoot fallback(Cached cached, Instant now, Optional<String> failure) {
        Optional<StandIn> standIn = standIn(cached);
        if (standIn.isEmpty()) {
            throw new NetworkException("no Sigstore trusted root is available for the TUF repository "
                    + repository.url() + ": " + failure.orElse("--offline was given") + ", and "
                    + TrustRootDecisions.cacheState(cached.lookup()),
                    "run 'pylock-trust trust-root update' with the same options once the repository is reachable",
                    "or pass --trusted-root FILE");
        }
        TrustRootDecisions.Fallback used = standIn.get().used();
        Optional<String> main = failure.isPresent()
                ? Optional.of(TrustRootDecisions.fallbackWarning(repository.url(), failure.get(), used, now))
                // Offline is silent, unless the cache was not used: then say what stands in.
                : TrustRootDecisions.cacheNote(cached.lookup(), repository.cacheDir())
                        .map(n -> "using " + TrustRootDecisions.standIn(used, now));
        return noted(cached.lookup(), standIn.get().selected(), main);
    }

    private Optional<SelectedTrustRoot> build(TufRoot tuf, TrustRootOrigin origin) {
        String label = repository.productionFallback() ? "Sigstore production root (via TUF)"
                : "trusted root from the TUF repository " + repository.url();
        try {
            TrustRoot root = TrustRoot.fromBytes(tuf.json(), label, Optional.of(tuf.refreshedAt()));
            return Optional.of(new SelectedTrustRoot(root, origin, repository.url(), Optional.of(tuf.refreshedAt()),
                    Optional.of(tuf), repository.cacheDir(), Optional.empty(), Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
