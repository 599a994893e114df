package dev.pylocktrust.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GETs of small files whose integrity the caller checks itself (TUF metadata: signed, with lengths and hashes), under
 * the caller's time budget: each request's whole-call timeout is the time left, none starts once the budget is spent
 * or cancelled, and cancelling aborts the one in flight. Proxies come from the environment as for the index
 * ({@code https_proxy}, {@code no_proxy}, ...); redirects are followed, never from https to http; no retries (the
 * budget is too short for them, and the caller falls back).
 *
 * <p>It lives here because this package owns the HTTP transport (okhttp); the index's own {@code HttpTransport}
 * (retries, credentials, per-hop URL policy) is for package indexes.
 */
public final class BudgetedHttpClient {
    /** The caller's time budget for a series of requests. Implementations are thread-safe. */
    public interface Budget {
        /** Time left; zero once spent or cancelled. */
        Duration remaining();

        /** Registers how to abort the request about to start; runs it at once if already cancelled. */
        void onCancel(Runnable abort);

        boolean cancelled();
    }

    /** The body is longer than the caller allows. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private final OkHttpClient client;
    private final String userAgent;

    private BudgetedHttpClient(OkHttpClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
    }

    /**
     * @param connectTimeout the longest any single connect or read may take (the budget usually ends it sooner)
     * @param env            the environment to read proxy variables from
     * @throws IllegalArgumentException if a proxy variable is malformed
     */
    public static BudgetedHttpClient create(Duration connectTimeout, Map<String, String> env, String userAgent) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(connectTimeout)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false);
        new EnvProxySelector(env).applyTo(b);
        return new BudgetedHttpClient(b.build(), Objects.requireNonNull(userAgent, "userAgent"));
    }

    /**
     * GETs {@code url} within {@code budget}.
     *
     * @return the body of a 200 answer, or empty for 404 and 403 (object stores answer 403 for a missing object)
     * @throws BodyTooLargeException   if the body has more than {@code maxBytes} bytes
     * @throws InterruptedIOException  if the budget is spent or cancelled before or during the request
     * @throws IOException             for any other answer or network failure
     */
    public Optional<byte[]> get(URI url, int maxBytes, Budget budget) throws IOException {
        Duration left = budget.remaining();
        if (left.isZero()) {
            throw new InterruptedIOException("no time left in the budget");
        }
        HttpUrl httpUrl = HttpUrl.get(url.toString());
        Request request = new Request.Builder().url(httpUrl).header("User-Agent", userAgent).build();
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, left.toNanos()), TimeUnit.NANOSECONDS);
        budget.onCancel(call::cancel);
        try (Response response = call.execute()) {
            int code = response.code();
            if (code == 404 || code == 403) {
                return Optional.empty();
            }
            if (code != 200) {
                throw new IOException("HTTP " + code);
            }
            try (InputStream in = response.body().byteStream()) {
                byte[] bytes = in.readNBytes(maxBytes);
                if (bytes.length == maxBytes && in.read() != -1) {
                    throw new BodyTooLargeException("more than " + maxBytes + " bytes");
                }
                return Optional.of(bytes);
            }
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException e) {
            if (budget.cancelled() || budget.remaining().isZero()) {
                InterruptedIOException timeout = new InterruptedIOException("no answer within the time allowed");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        }
    }
}
