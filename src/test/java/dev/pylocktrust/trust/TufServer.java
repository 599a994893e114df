package dev.pylocktrust.trust;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A TUF mirror on loopback (MockWebServer) serving a file map, recording every path asked for. It can also hang
 * (accept the request and never answer until closed), to test the time bound, or answer every request with an error
 * status, to test what follows a failed refresh.
 */
public final class TufServer implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();
    private final Supplier<Map<String, byte[]>> files;
    private final List<String> requested = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    private volatile int failWith;

    private TufServer(Supplier<Map<String, byte[]>> files) {
        this.files = files;
    }

    /** Serves {@code repository.files()} as they are at each request. */
    public static TufServer serving(TestTufRepository repository) throws IOException {
        return serving(repository::files);
    }

    public static TufServer serving(Supplier<Map<String, byte[]>> files) throws IOException {
        TufServer s = new TufServer(files);
        s.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getUrl().encodedPath().substring(1);
                synchronized (s.requested) {
                    s.requested.add(path);
                }
                if (s.failWith != 0) {
                    return new MockResponse.Builder().code(s.failWith).build();
                }
                if (s.hang) {
                    s.release.await(60, TimeUnit.SECONDS);
                    return new MockResponse.Builder().code(503).build();
                }
                byte[] body = s.files.get().get(path);
                if (body == null) {
                    return new MockResponse.Builder().code(404).build();
                }
                return new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
            }
        });
        s.server.start();
        return s;
    }

    /** From now on, requests are accepted and never answered (until {@link #close()}). */
    public TufServer hang() {
        hang = true;
        return this;
    }

    /** From now on, every request is answered with {@code status} (e.g. 503); {@code 0} serves the files again. */
    public TufServer failWith(int status) {
        failWith = status;
        return this;
    }

    public URI url() {
        return server.url("/").uri();
    }

    /** The paths requested so far, in order, then forgets them. */
    public List<String> takeRequested() {
        synchronized (requested) {
            List<String> copy = List.copyOf(requested);
            requested.clear();
            return copy;
        }
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
    }
}
