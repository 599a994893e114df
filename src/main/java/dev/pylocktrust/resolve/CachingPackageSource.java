package dev.pylocktrust.resolve;

import dev.pylocktrust.DaemonThreads;
import dev.pylocktrust.python.MarkerVariable;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Version;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;

/**
 * Remembers every answer of a {@link PackageSource} for the life of this object, and turns the resolver's prefetch
 * hints into background requests, so a remote index's latency overlaps with solving. One instance serves every
 * target environment of a lock run (and a second run is then answered without requests).
 *
 * <p>With background threads it also reads ahead on its own: when a project page arrives it starts on the metadata of
 * the release most likely to be chosen (the highest release that is neither yanked nor a pre-release), and when
 * metadata arrives it starts on the pages of the projects it requires (extras aside). The resolver's critical path
 * (choose a version, read its dependencies, choose theirs) then mostly finds its answers waiting.
 *
 * <p>Each project page and each release's metadata is requested at most once, even when the solver and a prefetch
 * ask at the same time. A failure is remembered too (it is rethrown to whoever asks), which keeps one run
 * consistent: a release whose metadata could not be read stays unreadable.
 */
public final class CachingPackageSource implements PackageSource, AutoCloseable {
    private final PackageSource delegate;
    private final ExecutorService executor;
    private final ConcurrentMap<PackageName, CompletableFuture<List<Candidate>>> candidates =
            new ConcurrentHashMap<>();
    private final ConcurrentMap<Release, CompletableFuture<Metadata>> metadata = new ConcurrentHashMap<>();

    private record Release(PackageName name, Version version) {}

    /**
     * @param delegate the source to ask (must be thread-safe when {@code parallelism > 1})
     * @param parallelism background requests at a time; 0 disables prefetching
     */
    public CachingPackageSource(PackageSource delegate, int parallelism) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must not be negative: " + parallelism);
        }
        this.executor = parallelism == 0 ? null : Executors.newFixedThreadPool(parallelism,
                DaemonThreads.named(n -> "pylock-trust-prefetch-" + n));
    }

    @Override
    public List<Candidate> candidates(PackageName name) {
        return get(candidates, name, () -> readAheadFrom(delegate.candidates(name)));
    }

    @Override
    public Metadata metadata(Candidate candidate) {
        return get(metadata, new Release(candidate.name(), candidate.version()),
                () -> readAheadFrom(delegate.metadata(candidate)));
    }

    @Override
    public void prefetchCandidates(Collection<PackageName> names) {
        if (executor != null) {
            names.forEach(n -> prefetch(candidates, n, () -> readAheadFrom(delegate.candidates(n))));
        }
    }

    @Override
    public void prefetchMetadata(Candidate candidate) {
        if (executor != null) {
            prefetch(metadata, new Release(candidate.name(), candidate.version()),
                    () -> readAheadFrom(delegate.metadata(candidate)));
        }
    }

    /** Starts on the metadata of the likeliest release of a page that just arrived. */
    private List<Candidate> readAheadFrom(List<Candidate> page) {
        if (executor != null) {
            page.stream().filter(c -> !c.yanked() && !c.version().isPrerelease() && !c.files().isEmpty())
                    .max(java.util.Comparator.comparing(Candidate::version)).ifPresent(this::prefetchMetadata);
        }
        return page;
    }

    /** Starts on the pages of the projects that metadata which just arrived requires (not those of extras). */
    private Metadata readAheadFrom(Metadata md) {
        if (executor != null) {
            prefetchCandidates(md.requiresDist().stream()
                    .filter(r -> r.marker().map(m -> !m.variables().contains(MarkerVariable.EXTRA)).orElse(true))
                    .map(Requirement::name).distinct().toList());
        }
        return md;
    }

    /** The cached answer, computing it in the calling thread if nobody has started yet. */
    private static <K, V> V get(ConcurrentMap<K, CompletableFuture<V>> cache, K key,
            java.util.function.Supplier<V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            complete(mine, load);
            existing = mine;
        }
        try {
            return existing.join();
        } catch (java.util.concurrent.CancellationException e) {
            cache.remove(key, existing); // an abandoned prefetch (closed meanwhile): load it here
            return get(cache, key, load);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private <K, V> void prefetch(ConcurrentMap<K, CompletableFuture<V>> cache, K key,
            java.util.function.Supplier<V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        if (cache.putIfAbsent(key, mine) == null) {
            try {
                executor.execute(new Prefetch<>(cache, key, mine, load));
            } catch (RejectedExecutionException e) {
                cache.remove(key, mine); // closed: whoever asks later loads it in its own thread
            }
        }
    }

    /** A background load; if it never runs (closed), its entry is dropped so a later request loads directly. */
    private record Prefetch<K, V>(ConcurrentMap<K, CompletableFuture<V>> cache, K key, CompletableFuture<V> future,
            java.util.function.Supplier<V> load) implements Runnable {
        @Override
        public void run() {
            complete(future, load);
        }

        void abandon() {
            cache.remove(key, future);
            future.cancel(false);
        }
    }

    /**
     * Runs {@code load} into {@code future}; whatever it throws is the future's failure. Throwable, not only unchecked
     * types: Kotlin code (okhttp) throws checked exceptions such as {@code InterruptedException} undeclared when
     * {@link #close} interrupts a request in flight, and nothing may escape a background thread.
     */
    private static <V> void complete(CompletableFuture<V> future, java.util.function.Supplier<V> load) {
        try {
            future.complete(load.get());
        } catch (Throwable e) {
            future.completeExceptionally(e);
        }
    }

    /** Stops the background threads (requests in flight finish; later prefetch hints are ignored). */
    @Override
    public void close() {
        if (executor != null) {
            for (Runnable never : executor.shutdownNow()) {
                ((Prefetch<?, ?>) never).abandon();
            }
        }
    }
}
