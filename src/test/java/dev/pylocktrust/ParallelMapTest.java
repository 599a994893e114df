package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link ParallelMap}. Nothing here measures time: concurrency is observed with counters, latches
 * and barriers. The class-level timeout only turns a deadlock (a broken bound) into a failure instead of a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelMapTest {
    /** Released at the end of every test, so no task of a failed test stays blocked. */
    private final CountDownLatch never = new CountDownLatch(1);

    private static final Function<InterruptedException, RuntimeException> INTERRUPTED =
            e -> new IllegalStateException("interrupted in the test", e);

    @AfterEach
    void release() {
        never.countDown();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Waits for a latch on a pool thread; an interruption is a normal end for a task cancelled by the map. */
    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    @Test
    void resultsKeepInputOrderWhenLaterItemsFinishFirst() {
        int n = 6;
        List<CountDownLatch> done = IntStream.range(0, n + 1).mapToObj(i -> new CountDownLatch(1)).toList();
        done.get(n).countDown();
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        // item i finishes only after item i + 1 did: completion order is the reverse of input order
        List<String> out = ParallelMap.map(range(n), n, "t", i -> {
            await(done.get(i + 1));
            finished.add(i);
            done.get(i).countDown();
            return "r" + i;
        }, INTERRUPTED);
        assertThat(finished).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(out).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void theFirstFailureInInputOrderIsRethrownAsTheOriginalException() {
        Boom early = new Boom("item 1");
        CountDownLatch laterFailed = new CountDownLatch(1);
        // item 3 fails first in time; item 1 fails afterwards but comes first in input order
        assertThatThrownBy(() -> ParallelMap.map(range(4), 4, "t", i -> {
            switch (i) {
                case 1 -> {
                    await(laterFailed);
                    throw early;
                }
                case 3 -> {
                    laterFailed.countDown();
                    throw new Boom("item 3");
                }
                default -> {
                }
            }
            return i;
        }, INTERRUPTED)).isSameAs(early);
    }

    @Test
    void anErrorIsRethrownUnwrapped() {
        AssertionError error = new AssertionError("bad");
        assertThatThrownBy(() -> ParallelMap.map(range(3), 2, "t", i -> {
            if (i == 2) {
                throw error;
            }
            return i;
        }, INTERRUPTED)).isSameAs(error);
    }

    @Test
    void aCheckedExceptionThrownSneakilyIsWrapped() {
        Exception checked = new java.io.IOException("disk");
        assertThatThrownBy(() -> ParallelMap.map(range(1), 1, "t", i -> ParallelMapTest.<Integer, RuntimeException>sneaky(checked),
                INTERRUPTED)).isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    @SuppressWarnings("unchecked")
    static <T, E extends Exception> T sneaky(Exception e) throws E {
        throw (E) e;
    }

    @Test
    void aFailureCancelsTheTasksStillRunningEvenWhileThePoolLivesOn() {
        CountDownLatch blockedStarted = new CountDownLatch(1);
        CountDownLatch blockedInterrupted = new CountDownLatch(1);
        Boom boom = new Boom("item 0");
        try (ParallelMap pool = new ParallelMap(2, n -> "t")) {
            assertThatThrownBy(() -> pool.map(range(2), i -> {
                if (i == 0) {
                    await(blockedStarted);
                    throw boom;
                }
                blockedStarted.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    blockedInterrupted.countDown();
                }
                return i;
            }, INTERRUPTED)).isSameAs(boom);
            // the task blocked forever was interrupted by the cancellation, not by closing the pool (else this
            // waits until the test times out)
            await(blockedInterrupted);
            assertThat(pool.map(range(2), i -> i + 1, INTERRUPTED)).as("the pool still works").containsExactly(1, 2);
        }
    }

    @Test
    void workSubmittedOneByOneIsAwaitedInListOrderWithTheMapsFailureContract() throws Exception {
        CountDownLatch secondDone = new CountDownLatch(1);
        CountDownLatch blockedStarted = new CountDownLatch(1);
        CountDownLatch blockedInterrupted = new CountDownLatch(1);
        Boom boom = new Boom("second");
        try (ParallelMap pool = new ParallelMap(3, n -> "t")) {
            Future<Integer> first = pool.submit(() -> {
                await(secondDone); // finishes after the second: the order of the list, not of finishing, counts
                return 1;
            });
            Future<Integer> second = pool.submit(() -> {
                secondDone.countDown();
                return 2;
            });
            assertThat(ParallelMap.awaitAll(List.of(first, second), INTERRUPTED)).containsExactly(1, 2);

            Future<Integer> fails = pool.submit(() -> {
                await(blockedStarted);
                throw boom;
            });
            Future<Integer> blocked = pool.submit(() -> {
                blockedStarted.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    blockedInterrupted.countDown();
                }
                return 0;
            });
            assertThatThrownBy(() -> ParallelMap.awaitAll(List.of(fails, blocked), INTERRUPTED)).isSameAs(boom);
            await(blockedInterrupted); // cancelled, and interrupted, by the failure
            assertThat(blocked.isCancelled()).isTrue();
        }
    }

    @Test
    void anInterruptedCallerGetsItsExceptionWithTheFlagRestoredAndTheTasksCancelled() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ParallelMap.map(range(1), 1, "t", i -> {
                started.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return i;
            }, e -> new Boom("interrupted: " + e.getClass().getSimpleName())))
                    .isInstanceOf(Boom.class).hasMessage("interrupted: InterruptedException");
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag restored").isTrue();
        } finally {
            Thread.interrupted();
        }
        // the task either never started (dropped with the pool) or was interrupted: never left running
        if (started.getCount() == 0) {
            await(interrupted);
        }
    }

    @Test
    void neverMoreThanParallelismItemsRunAtOnceAndTheBoundIsReached() {
        int parallelism = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        // a barrier of `parallelism` parties trips only when that many tasks run together
        CyclicBarrier together = new CyclicBarrier(parallelism);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger named = new AtomicInteger();
        try (ParallelMap pool = new ParallelMap(parallelism, n -> {
            named.incrementAndGet();
            return "worker-" + n;
        })) {
            List<Integer> out = pool.map(range(parallelism * 8), i -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                threads.add(Thread.currentThread().getName());
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                running.decrementAndGet();
                return i * 2;
            }, INTERRUPTED);
            assertThat(out).isEqualTo(range(parallelism * 8).stream().map(i -> i * 2).toList());
        }
        assertThat(maxRunning).hasValue(parallelism);
        assertThat(named).hasValue(parallelism);
        assertThat(threads).containsExactlyInAnyOrder("worker-1", "worker-2", "worker-3");
    }

    @Test
    void theOneShotFormRunsItemsTogetherOnDaemonThreadsWithTheGivenName() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CyclicBarrier both = new CyclicBarrier(2);
        ParallelMap.map(range(2), 16, "few", i -> {
            threads.add(Thread.currentThread());
            try {
                both.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return i;
        }, INTERRUPTED);
        assertThat(threads).hasSize(2).allSatisfy(t -> {
            assertThat(t.getName()).isEqualTo("few");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void parallelismOneRunsEveryItemInInputOrderOnOneDaemonPoolThread() {
        Thread caller = Thread.currentThread();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = ParallelMap.map(range(5), 1, "solo", i -> {
            order.add(i);
            threads.add(Thread.currentThread());
            return i + 10;
        }, INTERRUPTED);
        assertThat(out).containsExactly(10, 11, 12, 13, 14);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(threads).hasSize(1).allSatisfy(t -> {
            assertThat(t).isNotSameAs(caller);
            assertThat(t.getName()).isEqualTo("solo");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void anEmptyListRunsNothingAndStartsNoThread() {
        AtomicInteger named = new AtomicInteger();
        try (ParallelMap pool = new ParallelMap(4, n -> "x-" + named.incrementAndGet())) {
            List<Object> out = pool.map(List.of(), i -> {
                throw new AssertionError("no work for an empty list");
            }, INTERRUPTED);
            assertThat(out).isEmpty();
        }
        assertThat(named).hasValue(0);
        assertThat(ParallelMap.map(List.<Integer>of(), 1, "t", i -> i, INTERRUPTED)).isEmpty();
    }

    @Test
    void anInstanceKeepsItsPoolAcrossCallsAndRefusesWorkOnceClosed() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelMap pool = new ParallelMap(1, n -> "kept-" + n);
        pool.map(range(2), i -> threads.add(Thread.currentThread().getName()), INTERRUPTED);
        pool.map(range(2), i -> threads.add(Thread.currentThread().getName()), INTERRUPTED);
        assertThat(threads).containsExactly("kept-1");
        pool.close();
        assertThatThrownBy(() -> pool.map(range(1), i -> i, INTERRUPTED))
                .isInstanceOf(IllegalStateException.class).hasMessage("this ParallelMap is closed");
    }

    @Test
    void parallelismBelowOneIsRejected() {
        assertThatThrownBy(() -> new ParallelMap(0, n -> "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, not 0");
        assertThatThrownBy(() -> ParallelMap.map(range(1), 0, "t", i -> i, INTERRUPTED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
