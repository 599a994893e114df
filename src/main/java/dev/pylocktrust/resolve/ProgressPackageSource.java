package dev.pylocktrust.resolve;

import dev.pylocktrust.index.IndexStats;
import dev.pylocktrust.index.Progress;
import dev.pylocktrust.python.PackageName;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reports resolution's reads (project pages and release metadata) to a {@link Progress} line: how many finished of
 * those started so far, e.g. {@code resolving 41/48 · 96 requests · 0 cached}. The total grows as the resolver
 * discovers dependencies; there is no way to know it in advance.
 */
public final class ProgressPackageSource implements PackageSource {
    private final PackageSource delegate;
    private final Progress progress;
    private final Supplier<IndexStats> stats;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();

    public ProgressPackageSource(PackageSource delegate, Progress progress, Supplier<IndexStats> stats) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public java.util.List<Candidate> candidates(PackageName name) {
        return counted(() -> delegate.candidates(name));
    }

    @Override
    public Metadata metadata(Candidate candidate) {
        return counted(() -> delegate.metadata(candidate));
    }

    private <T> T counted(Supplier<T> read) {
        int total = started.incrementAndGet();
        progress.update("resolving", done.get(), total, stats.get());
        try {
            return read.get();
        } finally {
            progress.update("resolving", done.incrementAndGet(), started.get(), stats.get());
        }
    }
}
