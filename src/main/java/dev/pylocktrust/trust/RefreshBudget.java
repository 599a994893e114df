package dev.pylocktrust.trust;

import dev.pylocktrust.index.BudgetedHttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time a TUF refresh may take, all requests together, and a way to abandon it. Requests ask for the time left
 * before they start and use it as their own timeout; {@link #cancel()} aborts the request in flight and makes every
 * later one fail at once. Thread-safe: the refresh runs on its own thread, the command waits on another.
 */
public final class RefreshBudget implements BudgetedHttpClient.Budget {
    private final Duration total;
    private final long endNanos;
    private final AtomicReference<Runnable> inFlight = new AtomicReference<>();
    private volatile boolean cancelled;

    private RefreshBudget(Duration total, long endNanos) {
        this.total = total;
        this.endNanos = endNanos;
    }

    /** A budget of {@code total}, starting now (monotonic clock). */
    public static RefreshBudget of(Duration total) {
        Objects.requireNonNull(total, "total");
        return new RefreshBudget(total, System.nanoTime() + total.toNanos());
    }

    /** The total for messages, e.g. {@code 3 s} or {@code 0.5 s}. */
    public String totalText() {
        return seconds(total);
    }

    /** A duration in seconds for messages: {@code 3 s}, {@code 0.25 s}. */
    public static String seconds(Duration d) {
        return new java.math.BigDecimal(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }

    /** Time left; zero once spent or cancelled. */
    @Override
    public Duration remaining() {
        if (cancelled) {
            return Duration.ZERO;
        }
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Registers the abort action of the request about to start (replacing the previous one). If the budget is already
     * cancelled, the action runs at once.
     */
    @Override
    public void onCancel(Runnable abort) {
        inFlight.set(abort);
        if (cancelled) {
            abort.run();
        }
    }

    /** Abandons the refresh: the request in flight is aborted and no other starts. Idempotent. */
    public void cancel() {
        cancelled = true;
        Runnable abort = inFlight.getAndSet(null);
        if (abort != null) {
            abort.run();
        }
    }
}
