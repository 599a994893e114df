package dev.pylocktrust.testkit.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A PyPI-shaped index on loopback (okhttp's MockWebServer with a dispatcher):
 * <ul>
 *   <li>{@code /simple/} and {@code /simple/<project>/}: PEP 691 JSON or PEP 503 HTML by content negotiation (no
 *       Accept means HTML, as on PyPI), a 301 to the normalized name and to the trailing slash, ETag and 304;</li>
 *   <li>{@code /files/<project>/<filename>} and {@code .metadata} (PEP 658);</li>
 *   <li>{@code /integrity/<project>/<version>/<filename>/provenance}: PyPI's Integrity API with its exact answers
 *       (200; 404 {@code {"message": "No provenance available for <file>"}}; bare 404; 406 for an HTML-only Accept);</li>
 *   <li>{@link Faults}: latency, 429/5xx, truncated bodies, dropped connections, wrong content type, redirects,
 *       oversized bodies, hung requests, arbitrary bodies, endless chunked bodies, one byte a second.</li>
 * </ul>
 * Every request is recorded for assertions ({@link #count(String)}).
 */
public final class TestIndexServer implements AutoCloseable {
    static final String JSON = "application/vnd.pypi.simple.v1+json";
    static final String HTML = "application/vnd.pypi.simple.v1+html";
    static final String INTEGRITY_JSON = "application/vnd.pypi.integrity.v1+json";

    private final MockWebServer server = new MockWebServer();
    private final Faults faults = new Faults();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile TestIndex index;
    private volatile String apiVersion = "1.4";
    private volatile boolean provenanceKey = true;
    private volatile boolean rangeRequests = true;
    private volatile boolean relativeUrls = true;
    private volatile String provenanceHost;
    private volatile Hold hold;

    /** Requests under {@code prefix} wait for {@code release}; after {@code cap} they are answered 404 instead. */
    private record Hold(String prefix, CountDownLatch release, Duration cap) {}

    private TestIndexServer(TestIndex index) {
        this.index = index;
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return TestIndexServer.this.dispatch(request);
            }
        });
    }

    /** Starts a plain-http server (clients must list its host as trusted). */
    public static TestIndexServer start(TestIndex index) throws IOException {
        TestIndexServer s = new TestIndexServer(index);
        s.server.start();
        return s;
    }

    /** Starts an https server with the certificate of {@code tls}. */
    public static TestIndexServer startHttps(TestIndex index, TestTls tls) throws IOException {
        TestIndexServer s = new TestIndexServer(index);
        s.server.useHttps(tls.serverSocketFactory());
        s.server.start();
        return s;
    }

    /** The Simple API base URL, without trailing slash (as uv writes it). */
    public String simpleUrl() {
        return server.url("/simple").toString();
    }

    /** A URL on this server. */
    public HttpUrl url(String path) {
        return server.url(path);
    }

    /** The same server reached under another host name ({@code localhost} vs {@code 127.0.0.1}): another origin. */
    public HttpUrl urlWithHost(String host, String path) {
        return server.url(path).newBuilder().host(host).build();
    }

    public String host() {
        return server.url("/").host();
    }

    public int port() {
        return server.getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** Serve another index from now on. */
    public void serve(TestIndex newIndex) {
        this.index = newIndex;
    }

    /** The API version pages declare (default 1.4). */
    public TestIndexServer apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    /** Whether pages carry the provenance key at all (false: an index or mirror from before PEP 740). */
    public TestIndexServer provenanceKey(boolean emit) {
        this.provenanceKey = emit;
        return this;
    }

    /** Whether distribution files answer HTTP Range requests with 206 (default true) or ignore them (200). */
    public TestIndexServer rangeRequests(boolean honour) {
        this.rangeRequests = honour;
        return this;
    }

    /** Whether file URLs on pages are relative ({@code ../../files/...}) or absolute. */
    public TestIndexServer relativeUrls(boolean relative) {
        this.relativeUrls = relative;
        return this;
    }

    /**
     * Pages list provenance URLs on this host name instead of the server's own ({@code 127.0.0.1} for a server
     * reached as {@code localhost}: the same server on another origin). {@code null} restores the default.
     */
    public TestIndexServer provenanceHost(String host) {
        this.provenanceHost = host;
        return this;
    }

    /** Requests whose path starts with {@code prefix}. */
    /**
     * Holds every request whose path starts with {@code prefix} until {@code release} is counted down, then answers it
     * as usual; one still held after {@code cap} is answered 404 (so a client that never releases it sees no file).
     */
    public TestIndexServer holdUntil(String prefix, CountDownLatch release, Duration cap) {
        this.hold = new Hold(prefix, release, cap);
        return this;
    }

    public int count(String prefix) {
        return (int) requestsMatching(r -> r.getUrl().encodedPath().startsWith(prefix)).size();
    }

    public List<RecordedRequest> requestsMatching(Predicate<RecordedRequest> p) {
        synchronized (requests) {
            return requests.stream().filter(p).toList();
        }
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Clears the recorded requests and the concurrency high-water mark. */
    public void clearRequests() {
        requests.clear();
        maxInFlight.set(0);
    }

    /** The most requests the server was answering at the same moment since the last {@link #clearRequests()}. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** A response before it becomes a MockResponse, so that faults can change it. */
    private record Reply(int code, Map<String, String> headers, byte[] body) {
        static Reply of(int code, String contentType, byte[] body) {
            Map<String, String> h = new LinkedHashMap<>();
            if (contentType != null) {
                h.put("Content-Type", contentType);
            }
            return new Reply(code, h, body);
        }

        static Reply redirect(int code, String location) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Location", location);
            return new Reply(code, h, new byte[0]);
        }
    }

    private MockResponse dispatch(RecordedRequest req) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Hold h = hold;
            if (h != null && req.getUrl().encodedPath().startsWith(h.prefix())
                    && !h.release().await(h.cap().toMillis(), TimeUnit.MILLISECONDS)) {
                return toMock(Reply.of(404, "text/plain", "held and never released".getBytes(StandardCharsets.UTF_8)))
                        .build();
            }
            return answer(req);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private MockResponse answer(RecordedRequest req) throws InterruptedException {
        requests.add(req);
        if (!faults.latency().isZero()) {
            Thread.sleep(faults.latency().toMillis());
        }
        String path = req.getUrl().encodedPath();
        Optional<Faults.Rule> fault = faults.take(path);
        if (fault.isPresent()) {
            Faults.Rule f = fault.get();
            switch (f.kind()) {
                case STATUS: {
                    Reply r = Reply.of(f.status(), "text/plain", ("fault " + f.status()).getBytes(StandardCharsets.UTF_8));
                    if (f.value() != null) {
                        r.headers().put("Retry-After", f.value());
                    }
                    return toMock(r).build();
                }
                case REDIRECT: {
                    String rest = path.substring(f.pathPrefix().length());
                    String query = req.getUrl().encodedQuery() == null ? "" : "?" + req.getUrl().encodedQuery();
                    return toMock(Reply.redirect(302, f.value() + rest + query)).build();
                }
                case HANG:
                    return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                case BODY:
                    return toMock(Reply.of(200, f.value(), f.body())).build();
                case ENDLESS:
                    return new MockResponse.Builder().code(200).body(new EndlessChunks())
                            .removeHeader("Content-Length").setHeader("Transfer-Encoding", "chunked")
                            .setHeader("Content-Type", JSON).build();
                case OVERSIZE: {
                    byte[] filler = new byte[Math.toIntExact(f.size())];
                    Arrays.fill(filler, (byte) ' ');
                    MockResponse.Builder b = new MockResponse.Builder().code(200)
                            .setHeader("Content-Type", route(req).headers().getOrDefault("Content-Type", JSON));
                    Buffer buf = new Buffer().write(filler);
                    return (f.chunked() ? b.chunkedBody(buf, 64 * 1024) : b.body(buf)).build();
                }
                default:
                    break;
            }
        }
        Reply reply = route(req);
        if (fault.isPresent()) {
            Faults.Rule f = fault.get();
            switch (f.kind()) {
                case TRUNCATE:
                    reply = new Reply(reply.code(), reply.headers(),
                            Arrays.copyOf(reply.body(), reply.body().length / 2));
                    break;
                case CONTENT_TYPE:
                    reply.headers().put("Content-Type", f.value());
                    break;
                case DISCONNECT:
                    return toMock(reply).onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build();
                case TRICKLE:
                    return toMock(reply).throttleBody(1, 1, java.util.concurrent.TimeUnit.SECONDS).build();
                default:
                    break;
            }
        }
        return toMock(reply).build();
    }

    /**
     * A chunked body that does not end: 16 KiB chunks of spaces until the client hangs up (or, as a safety net for a
     * client that never does, 1 GiB).
     */
    private static final class EndlessChunks implements mockwebserver3.MockResponseBody {
        private static final int CHUNK = 16 * 1024;

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(okio.BufferedSink sink) throws IOException {
            byte[] spaces = new byte[CHUNK];
            Arrays.fill(spaces, (byte) ' ');
            for (long sent = 0; sent < (1L << 30); sent += CHUNK) {
                sink.writeUtf8(Integer.toHexString(CHUNK) + "\r\n").write(spaces).writeUtf8("\r\n");
                sink.flush();
            }
        }
    }

    /** Header values are added leniently: a hostile index may send control characters in a Content-Type. */
    private static MockResponse.Builder toMock(Reply r) {
        MockResponse.Builder b = new MockResponse.Builder().code(r.code());
        r.headers().forEach((name, value) -> b.removeHeader(name).addHeaderLenient(name, value));
        return b.body(new Buffer().write(r.body()));
    }

    private Reply route(RecordedRequest req) {
        List<String> seg = req.getUrl().pathSegments();
        boolean trailingSlash = req.getUrl().encodedPath().endsWith("/");
        TestIndex idx = index;
        if (!seg.isEmpty() && seg.get(0).equals("simple")) {
            if (seg.size() == 1 || (seg.size() == 2 && seg.get(1).isEmpty())) {
                boolean json = ContentNegotiation.choose(req.getHeaders().get("Accept")).equals(JSON);
                return Reply.of(200, json ? JSON : HTML, json ? SimplePages.projectListJson(idx.projects())
                        : SimplePages.projectListHtml(idx.projects()));
            }
            String name = seg.get(1);
            if (seg.size() == 2 || (seg.size() == 3 && !trailingSlash)) {
                return Reply.redirect(301, "/simple/" + name + "/");
            }
            String normalized = TestIndexBuilder.normalize(name);
            if (!normalized.equals(name)) {
                return Reply.redirect(301, "/simple/" + normalized + "/");
            }
            return idx.project(name).map(p -> page(req, p)).orElseGet(TestIndexServer::notFound);
        }
        if (seg.size() == 3 && seg.get(0).equals("files")) {
            String file = seg.get(2);
            boolean meta = file.endsWith(".metadata");
            String filename = meta ? file.substring(0, file.length() - ".metadata".length()) : file;
            Optional<TestFile> f = idx.project(seg.get(1)).flatMap(p -> p.file(filename));
            if (f.isEmpty() || (meta && f.get().metadata() == null)) {
                return notFound();
            }
            if (meta) {
                return Reply.of(200, "application/octet-stream", f.get().metadata());
            }
            String range = req.getHeaders().get("Range");
            return range != null && rangeRequests ? partial(f.get().content(), range)
                    : Reply.of(200, "application/octet-stream", f.get().content());
        }
        if (seg.size() == 5 && seg.get(0).equals("integrity") && seg.get(4).equals("provenance")) {
            return integrity(req, idx, seg.get(1), seg.get(2), seg.get(3));
        }
        return notFound();
    }

    /** A 206 answer to {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} (416 if unsatisfiable). */
    private static Reply partial(byte[] content, String range) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(range.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Reply.of(200, "application/octet-stream", content);
        }
        long len = content.length;
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            first = Math.max(0, len - Long.parseLong(m.group(2)));
            last = len - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? len - 1 : Math.min(len - 1, Long.parseLong(m.group(2)));
        }
        if (first >= len || first > last) {
            Reply r = Reply.of(416, "text/plain", new byte[0]);
            r.headers().put("Content-Range", "bytes */" + len);
            return r;
        }
        Reply r = Reply.of(206, "application/octet-stream",
                Arrays.copyOfRange(content, (int) first, (int) last + 1));
        r.headers().put("Content-Range", "bytes " + first + "-" + last + "/" + len);
        return r;
    }

    private Reply page(RecordedRequest req, TestProject p) {
        String type = ContentNegotiation.choose(req.getHeaders().get("Accept"));
        SimplePages.Links links = new SimplePages.Links(this::fileUrl, this::provenanceUrl, provenanceKey);
        byte[] body = type.equals(JSON) ? SimplePages.json(p, links, apiVersion) : SimplePages.html(p, links, apiVersion);
        String etag = "\"" + TestIndexBuilder.sha256(body).substring(0, 20) + "\"";
        if (etag.equals(req.getHeaders().get("If-None-Match"))) {
            Reply r = Reply.of(304, null, new byte[0]);
            r.headers().put("ETag", etag);
            return r;
        }
        Reply r = Reply.of(200, type, body);
        r.headers().put("ETag", etag);
        r.headers().put("Vary", "Accept");
        return r;
    }

    private String fileUrl(TestFile f) {
        return relativeUrls ? "../../files/" + f.project() + "/" + f.filename()
                : server.url("/files/" + f.project() + "/").newBuilder().addPathSegment(f.filename()).build().toString();
    }

    private Optional<String> provenanceUrl(TestFile f) {
        if (!f.hasProvenance()) {
            return Optional.empty();
        }
        HttpUrl base = provenanceHost == null ? server.url("/") : urlWithHost(provenanceHost, "/");
        return Optional.of(base.newBuilder().addPathSegment("integrity").addPathSegment(f.project())
                .addPathSegment(f.version()).addPathSegment(f.filename()).addPathSegment("provenance").build()
                .toString());
    }

    private static Reply integrity(RecordedRequest req, TestIndex idx, String project, String version, String filename) {
        String accept = req.getHeaders().get("Accept");
        if (accept != null && !accept.contains("json") && !accept.contains("*/*")) {
            return Reply.of(406, "application/json", "{\"message\": \"Request not acceptable\"}".getBytes(StandardCharsets.UTF_8));
        }
        Optional<TestFile> file = idx.project(TestIndexBuilder.normalize(project))
                .flatMap(p -> p.file(filename))
                .filter(f -> f.version().equals(version));
        if (file.isEmpty()) {
            return notFound();
        }
        if (!file.get().hasProvenance()) {
            return Reply.of(404, "application/json",
                    ("{\"message\": \"No provenance available for " + filename + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return Reply.of(200, INTEGRITY_JSON, file.get().provenance());
    }

    private static Reply notFound() {
        return Reply.of(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8));
    }
}
