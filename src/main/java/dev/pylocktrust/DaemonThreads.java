package dev.pylocktrust;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Thread factories for the tool's worker pools: daemon threads (never keep the JVM alive), numbered names. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Daemon threads named {@code names.apply(1)}, {@code names.apply(2)}, ... */
    public static ThreadFactory named(IntFunction<String> names) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, names.apply(n.incrementAndGet()));
            t.setDaemon(true);
            return t;
        };
    }
}
