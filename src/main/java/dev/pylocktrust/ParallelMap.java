package dev.pylocktrust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Maps a list on a bounded pool of daemon threads and returns the results in input order.
 *
 * <p>Contract of {@link #map(List, Function, Function)}:
 * <ul>
 *   <li>At most {@code parallelism} items are worked on at once (one fixed pool thread each), always on pool threads,
 *       never on the caller's; with {@code parallelism} 1 the items run one after another on one thread, in input
 *       order. The threads are daemons, so a stuck task never keeps the JVM alive.</li>
 *   <li>Results come back in input order, whatever order the work finished in. An empty list returns an empty list
 *       and starts no thread.</li>
 *   <li>Failure: results are awaited in input order, so the failure of the first failing item <em>in input
 *       order</em> is the one propagated (all items before it have completed). Every task not yet finished is then
 *       cancelled (running ones are interrupted), and the original exception is rethrown as is when it is a
 *       {@link RuntimeException} or an {@link Error}; anything else (a checked exception thrown sneakily) is wrapped
 *       in an {@link IllegalStateException}.</li>
 *   <li>Interruption of the waiting caller: the caller's interrupt flag is restored, every unfinished task is
 *       cancelled, and the exception made by {@code onInterrupt} is thrown (each caller knows what an interruption
 *       means for its users: a network error, an internal error...).</li>
 * </ul>
 *
 * <p>An instance owns its pool, created on first use and kept for later calls (so that concurrent calls share the
 * bound); {@link #close()} stops it. The static {@link #map(List, int, String, Function, Function)} is the one-shot
 * form: a pool for one call, stopped when the call returns or fails.
 */
public final class ParallelMap implements AutoCloseable {
    private final int parallelism;
    private final IntFunction<String> threadNames;
    private final Object lock = new Object();
    private ExecutorService pool; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param parallelism at most this many items at once (at least 1)
     * @param threadNames the name of the n-th pool thread, n = 1, 2, ...
     * @throws IllegalArgumentException if {@code parallelism} is less than 1
     */
    public ParallelMap(int parallelism, IntFunction<String> threadNames) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
        this.threadNames = threadNames;
    }

    /**
     * One-shot form: maps {@code items} on a new pool of at most {@code parallelism} daemon threads all named
     * {@code threadName}, stopped before this returns. See the class comment for the contract.
     */
    public static <T, R> List<R> map(List<T> items, int parallelism, String threadName,
                                     Function<? super T, ? extends R> work,
                                     Function<InterruptedException, ? extends RuntimeException> onInterrupt) {
        if (items.isEmpty()) {
            return List.of();
        }
        try (ParallelMap pool = new ParallelMap(parallelism, n -> threadName)) {
            return pool.map(items, work, onInterrupt);
        }
    }

    /**
     * Applies {@code work} to every item on this instance's pool; results in input order (see the class comment for
     * failures and interruption).
     *
     * @param onInterrupt makes the exception to throw when the caller is interrupted while waiting
     * @throws IllegalStateException if this instance is closed
     */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work,
                              Function<InterruptedException, ? extends RuntimeException> onInterrupt) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService executor = pool();
        List<Future<R>> futures = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                futures.add(executor.submit(() -> work.apply(item)));
            }
        } catch (RuntimeException | Error e) {
            cancel(futures); // the pool was closed while submitting
            throw e;
        }
        return awaitAll(futures, onInterrupt);
    }

    /**
     * Starts {@code work} on this instance's pool and returns at once, for work whose items arrive one by one (collect
     * the results with {@link #awaitAll}).
     *
     * @throws IllegalStateException if this instance is closed
     */
    public <R> Future<R> submit(Supplier<? extends R> work) {
        return pool().submit(work::get);
    }

    /**
     * The results of {@code futures}, awaited in list order, with {@link #map}'s contract for failures and
     * interruption: the first failure in list order is rethrown as itself and every unfinished future is cancelled.
     */
    public static <R> List<R> awaitAll(List<Future<R>> futures,
                                       Function<InterruptedException, ? extends RuntimeException> onInterrupt) {
        try {
            List<R> results = new ArrayList<>(futures.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return Collections.unmodifiableList(results);
        } catch (InterruptedException e) {
            cancel(futures);
            Thread.currentThread().interrupt();
            throw onInterrupt.apply(e);
        } catch (ExecutionException e) {
            cancel(futures);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Stops the pool: running tasks are interrupted and queued ones cancelled (a {@code map} still waiting for them
     * then throws {@link java.util.concurrent.CancellationException} instead of waiting forever). Later {@code map}
     * calls fail.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pool != null) {
                for (Runnable queued : pool.shutdownNow()) {
                    if (queued instanceof Future<?> f) {
                        f.cancel(false);
                    }
                }
            }
        }
    }

    private ExecutorService pool() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this ParallelMap is closed");
            }
            if (pool == null) {
                pool = Executors.newFixedThreadPool(parallelism, DaemonThreads.named(threadNames));
            }
            return pool;
        }
    }

    private static void cancel(List<? extends Future<?>> futures) {
        futures.forEach(f -> f.cancel(true));
    }
}
