package dev.pylocktrust.index;

import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe counters behind {@link IndexStats}. */
final class Counters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    IndexStats snapshot() {
        return new IndexStats(requests.get(), cacheHits.get(), notModified.get(), retries.get(), bytes.get());
    }
}
