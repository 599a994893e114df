package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.NetworkException;
import dev.pylocktrust.ParallelMap;
import dev.pylocktrust.PylockTrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * The package index client: project pages, PEP 658 metadata and PEP 740 provenance, from a remote Simple API or a
 * mirror directory. One instance per run, shared by all threads; {@link #close()} it at the end.
 *
 * <p>Error contract: {@link #projectPage} and {@link #metadata} throw {@link NetworkException} (exit 3) when the index
 * fails or misbehaves ({@link ProjectNotFoundException} for an unknown project), {@code TrustException} (exit 1) when
 * metadata does not match its hash, and {@link UsageException} (exit 2) for bad arguments or a broken mirror
 * directory. {@link #provenance} never throws for a per-file problem: it returns a {@link ProvenanceLookup}, whose
 * {@code Failed} carries the exception for the caller to throw or report.
 */
public final class IndexClient implements AutoCloseable {
    private final IndexConfig config;
    private final Counters counters = new Counters();
    private final Optional<DirectoryIndex> directory;
    private final Optional<RemotePages> remote;
    private final Optional<HttpUrl> indexUrl;
    private final HttpTransportHolder http;
    private final ProvenanceResolver provenance;
    private final MetadataFetcher metadata;
    private final Fetcher fetcher;
    /** Shared by all bulk operations, so that {@code jobs} bounds them together. */
    private final ParallelMap pool;

    private IndexClient(IndexConfig config) {
        this.config = config;
        this.pool = new ParallelMap(config.jobs(), n -> "pylock-trust-index-" + n);
        UrlPolicy policy = new UrlPolicy(config.trustedHosts());
        Optional<DiskCache> cache = openCache(config);
        if (config.location() instanceof IndexLocation.Remote r) {
            HttpUrl withCredentials = HttpUrl.parse(r.url().toString());
            if (withCredentials == null) {
                throw new UsageException("--index-url " + Urls.redact(r.url().toString())
                        + " is not a valid http(s) URL");
            }
            if (!policy.allows(withCredentials)) {
                throw new UsageException("--index-url " + Urls.redact(withCredentials) + " uses plain http",
                        "use https, or pass --trusted-host " + withCredentials.host()
                                + " if this is a private index on a network you trust");
            }
            if (config.offline() && cache.isEmpty()) {
                throw new UsageException("--offline needs the cache, but the cache is off (--no-cache)",
                        "drop --no-cache, or use a mirror directory as --index-url");
            }
            HttpUrl bare = withCredentials.newBuilder().username("").password("").build();
            this.indexUrl = Optional.of(bare);
            this.directory = Optional.empty();
            this.http = new HttpTransportHolder(config, policy,
                    new Credentials(withCredentials, readNetrc(config.netrc())), counters, version());
            this.remote = Optional.of(new RemotePages(bare, http, cache, config.offline(),
                    config.limits().projectPage(), counters));
        } else {
            IndexLocation.Directory d = (IndexLocation.Directory) config.location();
            this.indexUrl = Optional.empty();
            this.directory = Optional.of(new DirectoryIndex(d.root()));
            this.http = new HttpTransportHolder(config, policy, new Credentials(null, readNetrc(config.netrc())),
                    counters, version());
            this.remote = Optional.empty();
        }
        Optional<HttpUrl> integrity = integrityBase(config, indexUrl, policy);
        this.fetcher = new Fetcher(directory, http, policy, indexUrl, config.offline());
        this.provenance = new ProvenanceResolver(fetcher, cache, integrity, config.limits().provenance(), counters);
        this.metadata = new MetadataFetcher(fetcher, cache, config.limits().metadata(), counters);
    }

    /**
     * Opens a client. Nothing is fetched yet.
     *
     * @throws UsageException if the configuration cannot work (plain http without {@code --trusted-host}, offline
     *                        without a cache, an unreadable CA bundle, a malformed proxy variable, ...)
     */
    public static IndexClient open(IndexConfig config) {
        try {
            return new IndexClient(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The project's page. {@code name} may be any spelling; it is normalized (PEP 503) first. */
    public ProjectPage projectPage(String name) {
        String project = normalize(name);
        if (directory.isPresent()) {
            return directory.get().page(project, config.limits().projectPage());
        }
        return remote.orElseThrow().page(project);
    }

    /**
     * Pages for many projects, fetched concurrently (at most {@code jobs} at once), keyed by normalized name in
     * the order given.
     *
     * @throws PylockTrustException the first failure in input order, after all fetches ended
     */
    public Map<String, ProjectPage> projectPages(Collection<String> names) {
        List<String> projects = new ArrayList<>(new LinkedHashSet<>(names.stream().map(IndexClient::normalize).toList()));
        Map<String, ProjectPage> out = new LinkedHashMap<>();
        List<PageOrError> results = runAll("project pages", projects, p -> {
            try {
                return new PageOrError(projectPage(p), null);
            } catch (PylockTrustException e) {
                return new PageOrError(null, e);
            }
        });
        for (int i = 0; i < projects.size(); i++) {
            if (results.get(i).error() != null) {
                throw results.get(i).error();
            }
            out.put(projects.get(i), results.get(i).page());
        }
        return out;
    }

    /** The file with this sha256 on the page (see {@link ProjectPage#fileWithSha256}). */
    public Optional<IndexFile> findFile(ProjectPage page, String sha256) {
        return page.fileWithSha256(sha256);
    }

    /**
     * Bytes of a distribution file, for reading its metadata when the index serves no PEP 658 metadata.
     *
     * @param partial whether the server answered a range request with just that range (206)
     */
    public record FileRead(boolean partial, byte[] bytes) {}

    /**
     * Reads part of a distribution file with an HTTP {@code Range} request: bytes {@code first..last} (inclusive), or
     * with a negative {@code first} the last {@code -first} bytes. A server that ignores ranges answers with the
     * whole file (then {@code partial} is false and the whole file was checked against the page's sha256), capped at
     * {@code cap} bytes; a mirror directory always gives the whole file. A part cannot be checked against the file's
     * hash: use it only to read metadata, never as the file.
     *
     * @throws NetworkException if the read fails or exceeds the cap
     * @throws dev.pylocktrust.TrustException if a whole file does not match the page's sha256
     */
    public FileRead readFileRange(IndexFile file, long first, long last, long cap) {
        String range = first < 0 ? "bytes=" + first : "bytes=" + first + "-" + last;
        Fetcher.Fetched got = fetcher.get(file.url(), "*/*", Map.of("Range", range), cap, "distribution file",
                false);
        if (got.code() == 206) {
            return new FileRead(true, got.body());
        }
        return new FileRead(false, checkedWhole(file, got));
    }

    /**
     * Reads a whole distribution file (at most {@code cap} bytes) and checks it against the page's sha256.
     *
     * @throws NetworkException if the read fails or exceeds the cap
     * @throws dev.pylocktrust.TrustException if the bytes do not match the page's sha256
     */
    public byte[] readFile(IndexFile file, long cap) {
        return checkedWhole(file, fetcher.get(file.url(), "*/*", cap, "distribution file", false));
    }

    private static byte[] checkedWhole(IndexFile file, Fetcher.Fetched got) {
        if (got.code() != 200) {
            throw new NetworkException("the distribution file " + file.filename() + " at " + got.url()
                    + " answered HTTP " + got.code());
        }
        Optional<String> expected = file.sha256();
        if (expected.isPresent()) {
            String actual;
            try {
                actual = java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(got.body()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (!actual.equals(expected.get())) {
                throw new dev.pylocktrust.TrustException("the distribution file " + file.filename() + " at "
                        + got.url() + " does not match the sha256 on the project page (" + expected.get()
                        + ", got " + actual + ")", "the index serves a file other than the one it lists; do not use"
                                + " this index until fixed");
            }
        }
        return got.body();
    }

    /** The file's PEP 658 core metadata, checked against the page's hash. */
    public CoreMetadata metadata(IndexFile file) {
        return metadata.fetch(file);
    }

    /**
     * The file's PEP 740 provenance (see {@link ProvenanceLookup} and {@link ProvenanceResolver} for the exact
     * outcomes). Never throws for a per-file problem.
     *
     * @param version the release version as the index stores it (used only for the Integrity API fallback)
     */
    public ProvenanceLookup provenance(IndexFile file, String version) {
        return provenance.lookup(file, version, true);
    }

    /**
     * Provenance for many files, at most {@code jobs} requests at once, keyed by file sha256 in the order given
     * (duplicates are looked up once). Cached entries make no request.
     *
     * @throws IllegalArgumentException if a file has no sha256 (files are matched by sha256, so they all have one)
     */
    public Map<String, ProvenanceLookup> provenance(List<ProvenanceRequest> requests) {
        return provenance(requests, true);
    }

    /**
     * As {@link #provenance(List)}; with {@code useCache} false the index is asked even where the cache has an entry
     * (for cached provenance that failed verification: the cache may have been tampered with).
     */
    public Map<String, ProvenanceLookup> provenance(List<ProvenanceRequest> requests, boolean useCache) {
        return provenance(requests, useCache, (sha, lookup) -> { });
    }

    /**
     * As {@link #provenance(List, boolean)}, handing each lookup to {@code whenKnown} (with the file's sha256) on the
     * thread that made it, as soon as it is known: a caller can start verifying while other lookups still wait on the
     * network. {@code whenKnown} must be quick and thread-safe; what it throws ends the whole call.
     */
    public Map<String, ProvenanceLookup> provenance(List<ProvenanceRequest> requests, boolean useCache,
                                                    BiConsumer<String, ProvenanceLookup> whenKnown) {
        Map<String, ProvenanceRequest> unique = new LinkedHashMap<>();
        for (ProvenanceRequest r : requests) {
            String sha = r.file().sha256().orElseThrow(() -> new IllegalArgumentException(
                    "no sha256 for " + r.file().filename()));
            unique.putIfAbsent(sha, r);
        }
        List<ProvenanceRequest> list = List.copyOf(unique.values());
        List<ProvenanceLookup> results = runAll("provenance", list,
                r -> {
                    ProvenanceLookup lookup = provenance.lookup(r.file(), r.version(), useCache);
                    whenKnown.accept(r.file().sha256().orElseThrow(), lookup);
                    return lookup;
                });
        Map<String, ProvenanceLookup> out = new LinkedHashMap<>();
        int i = 0;
        for (String sha : unique.keySet()) {
            out.put(sha, results.get(i++));
        }
        return out;
    }

    /**
     * Caches provenance that verified for {@code file}, so later runs need no request for it. Only verified bytes are
     * cached; they are verified again on every read all the same.
     */
    public void rememberVerified(IndexFile file, ProvenanceLookup.Found found) {
        if (!found.fromCache()) {
            provenance.remember(file, found.url(), found.json());
        }
    }

    /** The counters so far. */
    public IndexStats stats() {
        return counters.snapshot();
    }

    /** Where long operations report progress (a terminal line, or nothing). */
    public Progress progress() {
        return config.progress();
    }

    /** How many requests may run at once ({@code --jobs}). */
    public int jobs() {
        return config.jobs();
    }

    /**
     * The Simple API base URL to record as a locked package's {@code index} (PEP 751): the remote index URL without
     * credentials and with query values masked; empty for a mirror directory, whose local path means nothing to
     * anyone else.
     */
    public Optional<String> simpleApiUrl() {
        return indexUrl.map(Urls::redact);
    }

    /** The index this client reads, for messages (credentials redacted). */
    public String describeIndex() {
        return indexUrl.map(Urls::redact).orElseGet(() -> directory.orElseThrow().root().toString());
    }

    @Override
    public void close() {
        pool.close();
        http.close();
    }

    /** One project's page, or why it could not be had (so that all fetches end before the first error is thrown). */
    private record PageOrError(ProjectPage page, PylockTrustException error) {}

    /**
     * Runs {@code work} on every item with at most {@code jobs} at once, reporting progress; results in input order.
     * The first failure in input order is rethrown once the items before it ended (see {@link ParallelMap}).
     */
    private <T, R> List<R> runAll(String task, List<T> items, Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        AtomicInteger done = new AtomicInteger();
        try {
            return pool.map(items, item -> {
                R r = work.apply(item);
                config.progress().update(task, done.incrementAndGet(), items.size(), counters.snapshot());
                return r;
            }, e -> new NetworkException("interrupted while fetching " + task));
        } finally {
            config.progress().finish();
        }
    }

    private static String normalize(String name) {
        try {
            return PackageName.of(name).value();
        } catch (InvalidSpecException e) {
            throw new UsageException(e.getMessage(),
                    "a project name has ASCII letters, digits, '.', '_' and '-', and starts and ends with a letter or digit");
        }
    }

    private static Optional<DiskCache> openCache(IndexConfig config) {
        if (config.cacheDir().isEmpty()) {
            return Optional.empty();
        }
        Path dir = config.cacheDir().get();
        try {
            return Optional.of(new DiskCache(dir));
        } catch (IOException e) {
            throw new UsageException("cannot create the cache directory " + dir + ": " + IoErrors.reason(e),
                    CacheDirs.UNUSABLE_HINT);
        }
    }

    /**
     * The Integrity API base: {@code --integrity-url} if given, else {@code https://pypi.org} (or TestPyPI) when the
     * index is PyPI's Simple API, else none.
     */
    static Optional<HttpUrl> integrityBase(IndexConfig config, Optional<HttpUrl> index, UrlPolicy policy) {
        if (config.integrityUrl().isPresent()) {
            URI u = config.integrityUrl().get();
            HttpUrl parsed = HttpUrl.parse(u.toString());
            if (parsed == null) {
                throw new UsageException("--integrity-url " + Texts.clip(u.toString()) + " is not an http(s) URL");
            }
            if (!policy.allows(parsed)) {
                throw new UsageException("--integrity-url " + Urls.redact(parsed) + " uses plain http",
                        "use https, or pass --trusted-host " + parsed.host());
            }
            return Optional.of(parsed.newBuilder().username("").password("").build());
        }
        if (index.isPresent() && index.get().isHttps()) {
            String host = Ascii.toLowerCase(index.get().host());
            if (host.equals("pypi.org") || host.equals("test.pypi.org")) {
                return Optional.of(HttpUrl.get("https://" + host + "/"));
            }
        }
        return Optional.empty();
    }

    private static Netrc readNetrc(Optional<Path> path) {
        if (path.isEmpty()) {
            return Netrc.empty();
        }
        try (InputStream in = Files.newInputStream(path.get())) {
            byte[] bytes = HttpTransport.readAtMost(in, Netrc.MAX_BYTES);
            return bytes == null ? Netrc.empty() : Netrc.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Netrc.empty();
        } catch (IOException e) {
            throw new UsageException("cannot read the netrc file " + path.get() + ": " + IoErrors.reason(e));
        }
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = IndexClient.class.getResourceAsStream("/dev/pylocktrust/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
