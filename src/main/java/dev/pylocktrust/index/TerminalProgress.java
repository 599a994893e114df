package dev.pylocktrust.index;

import dev.pylocktrust.Printable;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A live progress line on a terminal ({@code \r}-rewritten, at most ten times a second), e.g.
 * {@code provenance 1200/2000 · 1180 requests · 20 cached}. Use {@link #forStderr} to get one only when stderr is
 * a terminal and output is not quiet.
 */
public final class TerminalProgress implements Progress {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final LongSupplier nanoTime;
    private long last = Long.MIN_VALUE;
    private int width;

    public TerminalProgress(PrintWriter out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /**
     * A progress line on {@code err} when the process has a console (Java cannot test stderr alone; a console means
     * an interactive session) and {@code quiet} is off; otherwise {@link Progress#NONE}.
     */
    public static Progress forStderr(PrintWriter err, boolean quiet) {
        String term = System.getenv("TERM");
        boolean terminal = System.console() != null && !"dumb".equals(term);
        return quiet || !terminal ? Progress.NONE : new TerminalProgress(err, System::nanoTime);
    }

    @Override
    public synchronized void update(String task, int done, int total, IndexStats stats) {
        long now = nanoTime.getAsLong();
        if (done < total && last != Long.MIN_VALUE && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        // Behind no output edge (it must write \r): the only text, the task, is made safe here.
        String line = Printable.of(task) + " " + done + "/" + total + " \u00b7 " + stats.requests()
                + " requests \u00b7 "
                + stats.cacheHits() + " cached" + (stats.retries() > 0 ? " \u00b7 " + stats.retries() + " retries" : "");
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    @Override
    public synchronized void finish() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
            width = 0;
        }
        last = Long.MIN_VALUE;
    }
}
