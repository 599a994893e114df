package dev.pylocktrust.index;

import dev.pylocktrust.NetworkException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.HttpUrl;

/**
 * GET over one shared okhttp client (HTTP/2 where the server offers it, pooled connections), with the rules of
 * {@link UrlPolicy} applied to every hop, redirects followed here (okhttp's own following is off, so that each hop
 * is checked and credentials are recomputed for each origin), retries per {@link RetryPolicy}, and size caps.
 *
 * <p>Returns every final answer except 429/5xx (which are retried) to the caller, because a 404 means different
 * things to different callers. Throws {@link NetworkException} when the tries are exhausted or a hop is refused, and
 * its subclass {@link UnacceptableAnswerException} when a body exceeds its cap (not retried: the index chose to send
 * it). A body shorter than its Content-Length, or a connection dropped mid-body, is a transport failure and retried.
 */
final class HttpTransport implements AutoCloseable {
    static final int MAX_REDIRECTS = 10;

    /** What one attempt ended with. */
    private sealed interface Attempt permits Answer, Retryable {}

    /** A final answer. {@code body} is empty for 304. */
    record Answer(int code, HttpUrl url, String contentType, String etag, String lastModified, byte[] body)
            implements Attempt {}

    /** A try that may be repeated: why it failed and the wait the server asked for, if any. */
    private record Retryable(String reason, Optional<Duration> retryAfter) implements Attempt {}

    private final OkHttpClient client;
    private final UrlPolicy policy;
    private final Credentials credentials;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Counters counters;
    private final long errorBodyCap;
    private final long inFlightCap;
    /** Bytes held right now by the 2xx bodies being read, by every thread (see {@link SizeLimits#inFlight}). */
    private final AtomicLong inFlight = new AtomicLong();
    private final String userAgent;

    HttpTransport(IndexConfig config, UrlPolicy policy, Credentials credentials, Counters counters, String version) {
        this.policy = policy;
        this.credentials = credentials;
        this.retry = new RetryPolicy(config.maxTries(), config.retryBaseDelay(), config.maxRetryDelay());
        this.sleeper = config.sleeper();
        this.clock = config.clock();
        this.counters = counters;
        this.errorBodyCap = config.limits().errorBody();
        this.inFlightCap = config.limits().inFlight();
        this.userAgent = "pylock-trust/" + version;
        this.client = buildClient(config);
    }

    private static OkHttpClient buildClient(IndexConfig config) {
        long ms = config.timeout().toMillis();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(ms, TimeUnit.MILLISECONDS)
                .readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS)
                // The whole exchange, body included: stops a server that trickles bytes forever.
                .callTimeout(Math.multiplyExact(ms, 4), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(Math.max(5, config.jobs()), 5, TimeUnit.MINUTES));
        config.caCertificates().ifPresent(pem -> {
            TlsTrust tls = TlsTrust.fromPem(pem);
            b.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
        });
        new EnvProxySelector(config.environment()).applyTo(b);
        return b.build();
    }

    /**
     * GETs {@code url}.
     *
     * @param accept the Accept header
     * @param extra  extra headers (conditional request headers)
     * @param cap    the largest 2xx body accepted
     * @param what   what is fetched, for messages ("project page", "provenance")
     */
    Answer get(HttpUrl url, String accept, Map<String, String> extra, long cap, String what) {
        String lastReason = null;
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = exchange(url, accept, extra, cap, what);
            if (outcome instanceof Answer a) {
                return a;
            }
            Retryable r = (Retryable) outcome;
            lastReason = r.reason();
            if (attempt >= retry.maxTries()) {
                break;
            }
            Duration wait;
            if (r.retryAfter().isPresent()) {
                wait = r.retryAfter().get();
                if (wait.compareTo(retry.maxDelay()) > 0) {
                    throw new NetworkException("the index asks to retry " + Urls.redact(url) + " after "
                            + wait.toSeconds() + " s, longer than the " + retry.maxDelay().toSeconds()
                            + " s pylock-trust waits (" + r.reason() + ")",
                            "the index is rate-limiting this client; try again later or lower --jobs");
                }
            } else {
                wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            }
            counters.retries.incrementAndGet();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException("interrupted while waiting to retry " + Urls.redact(url));
            }
        }
        throw new NetworkException("GET " + Urls.redact(url) + " failed after " + retry.maxTries()
                + (retry.maxTries() == 1 ? " try: " : " tries: ") + lastReason,
                "check the index URL and your network (proxy settings come from https_proxy/no_proxy), "
                        + "or try again later; --timeout SECONDS allows slower answers");
    }

    /** One attempt, following redirects: an {@link Answer} or a {@link Retryable}. */
    private Attempt exchange(HttpUrl start, String accept, Map<String, String> extra, long cap, String what) {
        HttpUrl current = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            policy.checkRequest(current, what);
            Request.Builder rb = new Request.Builder().url(current).get()
                    .header("Accept", accept)
                    .header("User-Agent", userAgent);
            extra.forEach(rb::header);
            credentials.authorizationFor(current).ifPresent(a -> rb.header("Authorization", a));
            counters.requests.incrementAndGet();
            try (Response r = client.newCall(rb.build()).execute()) {
                int code = r.code();
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    current = redirectTarget(current, r.header("Location"));
                    continue;
                }
                if (RetryPolicy.retryableStatus(code)) {
                    return new Retryable("HTTP " + code + describeStatus(r),
                            RetryPolicy.retryAfter(r.header("Retry-After"), clock.instant()));
                }
                byte[] body;
                if (code >= 200 && code < 300) {
                    body = read(r.body(), cap, current, what);
                } else if (code == 304) {
                    body = new byte[0];
                } else {
                    body = readErrorBody(r.body());
                }
                return new Answer(code, current, r.header("Content-Type"), r.header("ETag"),
                        r.header("Last-Modified"), body);
            } catch (SSLPeerUnverifiedException | SSLHandshakeException e) {
                // A certificate problem does not fix itself by retrying.
                throw new NetworkException("TLS connection to " + current.host() + " failed: " + e.getMessage(),
                        e, "if a corporate proxy re-signs TLS traffic, pass its CA bundle with --cert FILE");
            } catch (UnknownHostException e) {
                return new Retryable("unknown host " + current.host(), Optional.empty());
            } catch (InterruptedIOException e) {
                return new Retryable("timed out (" + e.getMessage() + ")", Optional.empty());
            } catch (ConnectException e) {
                return new Retryable("cannot connect to " + current.host() + ":" + current.port() + " ("
                        + e.getMessage() + ")", Optional.empty());
            } catch (IOException e) {
                return new Retryable("connection failed: " + e, Optional.empty());
            }
        }
        throw new NetworkException("more than " + MAX_REDIRECTS + " redirects starting at " + Urls.redact(start));
    }

    private HttpUrl redirectTarget(HttpUrl from, String location) {
        HttpUrl to = location == null ? null : from.resolve(location);
        if (to == null) {
            throw new NetworkException("the index answered " + Urls.redact(from)
                    + " with a redirect without a usable Location");
        }
        policy.checkRedirect(from, to);
        return to;
    }

    private static String describeStatus(Response r) {
        return r.message().isEmpty() ? "" : " " + Texts.clip(r.message());
    }

    /**
     * Reads at most {@code cap} bytes; more is an error (checked against Content-Length first, then while reading).
     * Chunks are charged twice against the in-flight budget (the chunk, and its copy in the result) and released when
     * the body is returned or abandoned.
     */
    private byte[] read(ResponseBody body, long cap, HttpUrl url, String what) throws IOException {
        long declared = body.contentLength();
        if (declared > cap) {
            throw tooLarge(url, what, cap, declared);
        }
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        long charged = 0;
        try (InputStream in = body.byteStream()) {
            while (true) {
                byte[] chunk = new byte[64 * 1024];
                int n = in.readNBytes(chunk, 0, chunk.length);
                if (n == 0) {
                    break;
                }
                total += n;
                if (total > cap) {
                    throw tooLarge(url, what, cap, -1);
                }
                charge(2L * n, url, what);
                charged += 2L * n;
                chunks.add(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            }
            byte[] bytes = new byte[(int) total];
            int at = 0;
            for (byte[] c : chunks) {
                System.arraycopy(c, 0, bytes, at, c.length);
                at += c.length;
            }
            counters.bytes.addAndGet(total);
            return bytes;
        } finally {
            inFlight.addAndGet(-charged);
        }
    }

    private void charge(long bytes, HttpUrl url, String what) {
        if (inFlight.addAndGet(bytes) > inFlightCap) {
            inFlight.addAndGet(-bytes);
            throw new NetworkException("stopped reading the " + what + " at " + Urls.redact(url) + ": the index is "
                    + "sending more than " + Texts.bytes(inFlightCap) + " at once, which would exhaust memory",
                    "an index that sends this much at once is broken or hostile; if it is genuine, lower --jobs or "
                            + "give Java more memory (PYLOCK_TRUST_JAVA_OPTS=-Xmx2g)");
        }
    }

    /** An error body is only read for its message: anything past the cap is dropped, never an error by itself. */
    private byte[] readErrorBody(ResponseBody body) throws IOException {
        byte[] bytes = readAtMost(body.byteStream(), errorBodyCap);
        return bytes == null ? new byte[0] : bytes;
    }

    /** The stream's bytes, or {@code null} if there are more than {@code cap}. */
    static byte[] readAtMost(InputStream in, long cap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 64 * 1024));
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static UnacceptableAnswerException tooLarge(HttpUrl url, String what, long cap, long declared) {
        return new UnacceptableAnswerException("the " + what + " at " + Urls.redact(url) + " is larger than the "
                + Texts.bytes(cap) + " limit" + (declared > 0 ? " (" + Texts.bytes(declared) + " declared)" : ""),
                "an index answer this large is a broken or hostile index; check --index-url");
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
