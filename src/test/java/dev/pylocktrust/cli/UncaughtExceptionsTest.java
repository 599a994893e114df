package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exception that escapes a background thread ends the run as a bug would: exit 70, no JVM stack dump. */
class UncaughtExceptionsTest {
    private final StringWriter err = new StringWriter();
    private final List<Integer> exits = new ArrayList<>();
    private final UncaughtExceptions handler = new UncaughtExceptions(new PrintWriter(err, true), exits::add);

    private void failInBackground() throws InterruptedException {
        Thread t = new Thread(() -> {
            throw new IllegalStateException("boom in okhttp3.internal.Thing");
        }, "pylock-trust-prefetch-5");
        t.setUncaughtExceptionHandler(handler);
        t.start();
        t.join();
    }

    @Test
    void aBackgroundFailureIsTheBugPathWithExit70() throws InterruptedException {
        failInBackground();
        assertThat(exits).containsExactly(70);
        assertThat(err.toString()).isEqualTo("error: internal error in pylock-trust (in a background task)\n"
                + "hint: " + ErrorHandler.BUG_HINT + "\n");
    }

    @Test
    void verboseAddsTheStackTrace() throws InterruptedException {
        handler.verbose(true);
        failInBackground();
        assertThat(exits).containsExactly(70);
        assertThat(err.toString()).contains("java.lang.IllegalStateException: boom in okhttp3.internal.Thing")
                .contains("\tat ");
    }
}
