package dev.pylocktrust.trust;

import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * sigstore-java's TUF {@link Fetcher} over okhttp, inside a {@link RefreshBudget}: each request's whole-call timeout
 * is the time left in the budget, no request starts once it is spent or cancelled, and cancelling aborts the one in
 * flight. Responses are read up to the length the caller allows (sigstore-java passes the limit from the signed
 * metadata) and no further.
 *
 * <p>Used instead of sigstore-java's {@code HttpFetcher} (google-http-client), which has fixed timeouts, cannot be
 * cancelled, and would let a black-holed connection stall the command.
 */
final class TufHttpFetcher implements Fetcher {
    /** Names sigstore-java asks for: {@code 12.root.json}, {@code timestamp.json}, {@code <hash>.trusted_root.json}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}(/[A-Za-z0-9._-]{1,255}){0,8}");

    private final OkHttpClient client;
    private final HttpUrl base;
    private final RefreshBudget budget;
    private volatile String lastRequested = "";

    TufHttpFetcher(OkHttpClient client, URI base, RefreshBudget budget) {
        this.client = client;
        this.base = HttpUrl.get(base.toString());
        this.budget = budget;
    }

    /** A client for TUF requests: no cookies, no cache, no https-to-http redirects. */
    static OkHttpClient newClient(Duration connectTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(connectTimeout)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    @Override
    public String getSource() {
        return base.toString();
    }

    /** The file most recently requested (to say where a refresh failed). */
    String lastRequested() {
        return lastRequested;
    }

    @Override
    public byte[] fetchResource(String filename, int maxLength) throws IOException, FileExceedsMaxLengthException {
        if (!NAME.matcher(filename).matches() || filename.contains("..")) {
            throw new IOException("refusing to fetch an unexpected TUF file name");
        }
        lastRequested = filename;
        Duration left = budget.remaining();
        if (left.isZero()) {
            throw new InterruptedIOException("the time allowed for the refresh was used up before " + filename);
        }
        HttpUrl url = base.newBuilder().addPathSegments(filename).build();
        Request request = new Request.Builder().url(url).header("User-Agent", "pylock-trust")
                .header("Accept", "application/json, application/octet-stream").build();
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, left.toNanos()), TimeUnit.NANOSECONDS);
        budget.onCancel(call::cancel);
        try (Response response = call.execute()) {
            int code = response.code();
            // 404, and 403 as object stores answer for missing objects: "no such version" while probing for roots.
            if (code == 404 || code == 403) {
                return null;
            }
            if (code != 200) {
                throw new IOException("HTTP " + code + " for " + filename);
            }
            try (InputStream in = response.body().byteStream()) {
                byte[] bytes = in.readNBytes(maxLength);
                if (bytes.length == maxLength && in.read() != -1) {
                    throw new FileExceedsMaxLengthException(url.toString(), maxLength);
                }
                return bytes;
            }
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
