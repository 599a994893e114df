package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BudgetedHttpClientTest {
    MockWebServer server;
    BudgetedHttpClient client = BudgetedHttpClient.create(Duration.ofSeconds(20), Map.of(), "test");

    /** A budget with plenty of time that can be cancelled. */
    static final class TestBudget implements BudgetedHttpClient.Budget {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicReference<Runnable> abort = new AtomicReference<>();
        Duration left = Duration.ofSeconds(20);

        @Override
        public Duration remaining() {
            return cancelled.get() ? Duration.ZERO : left;
        }

        @Override
        public void onCancel(Runnable a) {
            abort.set(a);
            if (cancelled.get()) {
                a.run();
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        void cancel() {
            cancelled.set(true);
            Runnable a = abort.get();
            if (a != null) {
                a.run();
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI url(String path) {
        return server.url(path).uri();
    }

    @Test
    void answersAndMissingFiles() throws IOException {
        server.enqueue(new MockResponse.Builder().body("{\"ok\":1}").build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(403).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        TestBudget budget = new TestBudget();

        assertThat(client.get(url("/timestamp.json"), 100, budget)).contains("{\"ok\":1}".getBytes());
        assertThat(client.get(url("/2.root.json"), 100, budget)).isEmpty();
        assertThat(client.get(url("/3.root.json"), 100, budget)).isEmpty();
        assertThatThrownBy(() -> client.get(url("/x"), 100, budget)).isInstanceOf(IOException.class)
                .hasMessage("HTTP 500");
    }

    @Test
    void aBodyLongerThanAllowedIsRefusedAtTheLimit() {
        server.enqueue(new MockResponse.Builder().body("0123456789").build());
        server.enqueue(new MockResponse.Builder().body("0123456789").build());

        assertThatThrownBy(() -> client.get(url("/big"), 9, new TestBudget()))
                .isInstanceOf(BudgetedHttpClient.BodyTooLargeException.class).hasMessage("more than 9 bytes");
        assertThat(catchBody(10)).hasSize(10);
    }

    private byte[] catchBody(int max) {
        try {
            return client.get(url("/exact"), max, new TestBudget()).orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSpentBudgetMakesNoRequest() {
        TestBudget budget = new TestBudget();
        budget.cancel();

        assertThatThrownBy(() -> client.get(url("/timestamp.json"), 100, budget))
                .isInstanceOf(InterruptedIOException.class).hasMessage("no time left in the budget");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @Timeout(30) // a hang guard: the server would hold the answer for 60 s
    void cancellingAbortsTheRequestInFlight() throws Exception {
        server.enqueue(new MockResponse.Builder().body("late").headersDelay(60, java.util.concurrent.TimeUnit.SECONDS)
                .build());
        TestBudget budget = new TestBudget();
        Thread canceller = new Thread(() -> {
            try {
                server.takeRequest();
                budget.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        assertThatThrownBy(() -> client.get(url("/timestamp.json"), 100, budget))
                .isInstanceOf(InterruptedIOException.class).hasMessage("no answer within the time allowed");
        canceller.join();
    }
}
