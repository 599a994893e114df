package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.python.PackageName;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CachingPackageSourceTest {
    static final FakeIndex INDEX = FakeIndex.of("""
            a 1.0: b, c
            b 1.0: c
            c 1.0
            """);

    @Test
    void everyAnswerIsRequestedOnce() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b, c
                b 1.0: c
                c 1.0
                """);
        try (CachingPackageSource cache = new CachingPackageSource(index, 0)) {
            Resolver resolver = new Resolver(cache, ResolverOptions.DEFAULT);
            Resolution first = resolver.resolve(ResolutionRequest.of("a"), ResolverScenarioTest.LINUX);
            int pages = index.candidateRequests();
            int metadata = index.metadataRequests();
            assertThat(pages).isEqualTo(3);
            assertThat(metadata).isEqualTo(3);
            Resolution second = resolver.resolve(ResolutionRequest.of("a"), ResolverScenarioTest.LINUX);
            assertThat(second.asStrings()).isEqualTo(first.asStrings());
            assertThat(index.candidateRequests()).isEqualTo(pages);
            assertThat(index.metadataRequests()).isEqualTo(metadata);
        }
    }

    @Test
    void prefetchingGivesTheSameResolution() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b, c
                b 1.0: c
                c 1.0
                c 2.0
                """);
        try (CachingPackageSource cache = new CachingPackageSource(index, 4)) {
            Resolution r = new Resolver(cache, ResolverOptions.DEFAULT).resolve(ResolutionRequest.of("a"),
                    ResolverScenarioTest.LINUX);
            assertThat(r.asStrings()).containsEntry("c", "2.0");
            assertThat(index.candidateRequests()).isEqualTo(3);
            assertThat(index.metadataRequests("c", "2.0")).isEqualTo(1);
        }
    }

    @Test
    void concurrentRequestsShareOneLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.Map<PackageName, Integer> loads = new java.util.concurrent.ConcurrentHashMap<>();
        PackageSource slow = new PackageSource() {
            @Override
            public List<Candidate> candidates(PackageName name) {
                loads.merge(name, 1, Integer::sum);
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return INDEX.candidates(name);
            }

            @Override
            public Metadata metadata(Candidate candidate) {
                return INDEX.metadata(candidate);
            }
        };
        try (CachingPackageSource cache = new CachingPackageSource(slow, 2)) {
            cache.prefetchCandidates(List.of(PackageName.of("a")));
            Thread asker = new Thread(() -> cache.candidates(PackageName.of("a")));
            asker.start();
            release.countDown();
            asker.join(5000);
            assertThat(cache.candidates(PackageName.of("a"))).hasSize(1);
            assertThat(loads.get(PackageName.of("a"))).isEqualTo(1);
        }
    }

    @Test
    void failuresAreRememberedAndRethrown() {
        FakeIndex index = FakeIndex.of("a 1.0");
        index.releases(PackageName.of("a")).get(0).metadataUnavailable("no metadata for a 1.0");
        try (CachingPackageSource cache = new CachingPackageSource(index, 0)) {
            Candidate a = cache.candidates(PackageName.of("a")).get(0);
            assertThatThrownBy(() -> cache.metadata(a)).isInstanceOf(MetadataUnavailableException.class);
            assertThatThrownBy(() -> cache.metadata(a)).hasMessage("no metadata for a 1.0");
            assertThat(index.metadataRequests()).isEqualTo(1);
        }
    }

    @Test
    void prefetchAfterCloseIsIgnoredAndDirectRequestsStillWork() {
        CachingPackageSource cache = new CachingPackageSource(INDEX, 2);
        cache.close();
        cache.prefetchCandidates(List.of(PackageName.of("b")));
        assertThat(cache.candidates(PackageName.of("b"))).hasSize(1);
    }

    /**
     * A request in flight when the source closes is interrupted; okhttp (Kotlin) then throws InterruptedException
     * undeclared. It must end with its future, never as a thread's uncaught exception printed to the user.
     */
    @Test
    void aPrefetchInterruptedByCloseEndsQuietly() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> worker = new java.util.concurrent.atomic.AtomicReference<>();
        PackageSource slow = new PackageSource() {
            @Override
            public List<Candidate> candidates(PackageName name) {
                worker.set(Thread.currentThread());
                started.countDown();
                try {
                    Thread.sleep(60_000);
                    return List.of();
                } catch (InterruptedException e) {
                    throw CachingPackageSourceTest.<RuntimeException>sneaky(e);
                }
            }

            @Override
            public Metadata metadata(Candidate candidate) {
                throw new UnsupportedOperationException();
            }
        };
        java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            CachingPackageSource cache = new CachingPackageSource(slow, 1);
            cache.prefetchCandidates(List.of(PackageName.of("a")));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            cache.close();
            // The pool's thread ends after its task; an uncaught exception is handed over before it does.
            worker.get().join(10_000);
            assertThat(worker.get().isAlive()).isFalse();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(uncaught).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
