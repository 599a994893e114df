package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The last resort for an exception that no code caught, in any thread (installed as the JVM's default handler by
 * {@link Main}): the same words as any other bug, exit 70, and the stack trace only with {@code -v}. Never the JVM's
 * {@code Exception in thread "..."} dump. Background threads are meant to end quietly; reaching this is a bug.
 */
final class UncaughtExceptions implements Thread.UncaughtExceptionHandler {
    private final PrintWriter err;
    private final IntConsumer exit;
    private volatile boolean verbose;

    /**
     * @param err  where the error goes (stderr)
     * @param exit ends the process with the given code ({@code System::exit})
     */
    UncaughtExceptions(PrintWriter err, IntConsumer exit) {
        this.err = Objects.requireNonNull(err, "err");
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    /** Whether the command line asked for {@code -v} (known once it is parsed). */
    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        synchronized (err) {
            err.println("error: internal error in pylock-trust (in a background task)");
            err.println("hint: " + ErrorHandler.BUG_HINT);
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
        }
        exit.accept(ExitCode.INTERNAL);
    }
}
