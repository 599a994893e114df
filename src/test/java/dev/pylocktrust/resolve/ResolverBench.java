package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.TargetEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The resolver benchmark (runs under {@code -Pbench}; prints figures, asserts no times): a generated graph of 300 projects with 20
 * releases each, served with 20 ms latency per request, resolved cold (empty cache) without and with prefetching,
 * then warm (the same cache again).
 *
 * <pre>./mvnw -B -o -Pbench test -Dtest=ResolverBench</pre>
 */
class ResolverBench {
    static final int PACKAGES = 300;
    static final int VERSIONS = 20;
    static final long LATENCY_MS = 20;

    /** A source that sleeps before answering, counting requests. */
    static final class Latency implements PackageSource {
        final PackageSource delegate;
        final AtomicInteger pages = new AtomicInteger();
        final AtomicInteger metadata = new AtomicInteger();

        Latency(PackageSource delegate) {
            this.delegate = delegate;
        }

        private static void sleep() {
            try {
                Thread.sleep(LATENCY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<Candidate> candidates(PackageName name) {
            pages.incrementAndGet();
            sleep();
            return delegate.candidates(name);
        }

        @Override
        public Metadata metadata(Candidate candidate) {
            metadata.incrementAndGet();
            sleep();
            return delegate.metadata(candidate);
        }
    }

    @Test
    void benchmark() {
        GraphGenerator.Graph g = GraphGenerator.benchmark(42, PACKAGES, VERSIONS);
        FakeIndex index = g.toFakeIndex();
        ResolutionRequest request = ResolutionRequest.of(g.roots().stream().map(Requirement::parse).toList());
        TargetEnvironment target = TargetEnvironment.parse("3.12-manylinux_2_28_x86_64");
        System.out.printf("graph: %d projects x %d releases, %d ms per request%n", PACKAGES, VERSIONS, LATENCY_MS);
        System.out.printf("%-34s %9s %6s %9s %9s %10s %9s %11s%n", "run", "wall ms", "pages", "metadata",
                "packages", "decisions", "conflicts", "peak heap");
        Resolution reference = null;
        for (int parallelism : new int[] {0, 16}) {
            Latency slow = new Latency(index);
            try (CachingPackageSource cache = new CachingPackageSource(slow, parallelism)) {
                Resolver resolver = new Resolver(cache, ResolverOptions.DEFAULT);
                String label = parallelism == 0 ? "no prefetch" : "prefetch " + parallelism + " threads";
                Resolution cold = run("cold, " + label, resolver, request, target, slow);
                Resolution warm = run("warm, " + label, resolver, request, target, slow);
                assertThat(warm.asStrings()).isEqualTo(cold.asStrings());
                if (reference != null) {
                    assertThat(cold.asStrings()).isEqualTo(reference.asStrings());
                }
                reference = cold;
            }
        }
    }

    private static Resolution run(String label, Resolver resolver, ResolutionRequest request,
            TargetEnvironment target, Latency slow) {
        int pages0 = slow.pages.get();
        int metadata0 = slow.metadata.get();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Resolution r = resolver.resolve(request, target);
        long wall = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%-34s %9d %6d %9d %9d %10d %9d %8d MiB%n", label, wall, slow.pages.get() - pages0,
                slow.metadata.get() - metadata0, r.packages().size(), r.stats().decisions(), r.stats().conflicts(),
                peak >> 20);
        return r;
    }
}
