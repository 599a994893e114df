package dev.pylocktrust.index;

import dev.pylocktrust.NetworkException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Project pages from a remote index: {@code GET <index>/<normalized>/} with the PEP 691 Accept header, redirects
 * followed (the normalizing redirect included), relative URLs resolved against the final URL, and the page cached
 * with its validators. Online, a cached page is always revalidated ({@code If-None-Match}/{@code If-Modified-Since};
 * a 304 reuses the cached body); offline, it is used as is. Either way it is parsed again.
 */
final class RemotePages {
    private final HttpUrl index;
    private final Supplier<HttpTransport> http;
    private final Optional<DiskCache> cache;
    private final boolean offline;
    private final long cap;
    private final Counters counters;

    RemotePages(HttpUrl index, Supplier<HttpTransport> http, Optional<DiskCache> cache, boolean offline, long cap,
            Counters counters) {
        this.index = index;
        this.http = http;
        this.cache = cache;
        this.offline = offline;
        this.cap = cap;
        this.counters = counters;
    }

    ProjectPage page(String project) {
        HttpUrl url = Urls.childDirectory(index, project);
        String key = url + "\n" + ProjectPageParser.ACCEPT;
        Optional<DiskCache.CachedPage> cached = cache.flatMap(c -> c.readPage(key, cap));
        if (offline) {
            NetworkException miss = new NetworkException("the project page " + Urls.redact(url)
                    + " is not in the cache, and --offline forbids the network",
                    "run once online with the same cache directory first");
            DiskCache.CachedPage c = cached.orElseThrow(() -> miss);
            counters.cacheHits.incrementAndGet();
            try {
                return parse(c.body(), c.contentType(), project, HttpUrl.get(c.url())).asFromCache();
            } catch (NetworkException | IllegalArgumentException e) {
                cache.get().deletePage(key);
                throw miss;
            }
        }
        Map<String, String> conditional = new HashMap<>();
        cached.ifPresent(c -> {
            if (c.etag() != null) {
                conditional.put("If-None-Match", c.etag());
            }
            if (c.lastModified() != null) {
                conditional.put("If-Modified-Since", c.lastModified());
            }
        });
        HttpTransport.Answer a = http.get().get(url, ProjectPageParser.ACCEPT, conditional, cap, "project page");
        if (a.code() == 304 && cached.isPresent() && !conditional.isEmpty()) {
            counters.notModified.incrementAndGet();
            counters.cacheHits.incrementAndGet();
            try {
                return parse(cached.get().body(), cached.get().contentType(), project, a.url()).asFromCache();
            } catch (NetworkException e) {
                // A damaged cache entry: forget it and ask for the whole page.
                cache.get().deletePage(key);
                a = http.get().get(url, ProjectPageParser.ACCEPT, Map.of(), cap, "project page");
            }
        }
        if (a.code() == 404 || a.code() == 410) {
            throw new ProjectNotFoundException(project, Urls.redact(a.url()) + " answered " + a.code());
        }
        if (a.code() != 200) {
            throw new NetworkException("the index answered HTTP " + a.code() + " for the project page "
                    + Urls.redact(a.url()), a.code() == 401 || a.code() == 403
                            ? "the index wants credentials: put them in the index URL (https://user:token@host/...) "
                                    + "or in ~/.netrc"
                            : "check --index-url");
        }
        ProjectPage page = parse(a.body(), a.contentType(), project, a.url());
        if (cache.isPresent()) {
            cache.get().writePage(key, new DiskCache.CachedPage(a.url().toString(), a.contentType(), a.etag(),
                    a.lastModified(), a.body()));
        }
        return page;
    }

    private static ProjectPage parse(byte[] body, String contentType, String project, HttpUrl finalUrl) {
        try {
            return ProjectPageParser.parse(body, contentType, project, new Base(finalUrl));
        } catch (IndexFormatException e) {
            throw new NetworkException("the index sent an unreadable project page: " + e.getMessage(),
                    "check --index-url; if the index was being updated, try again");
        }
    }

    /** Resolves references against the page's final URL; only http(s) results are usable. */
    private static final class Base implements PageBase {
        private final HttpUrl page;

        Base(HttpUrl page) {
            this.page = page;
        }

        @Override
        public String url() {
            return Urls.redact(page);
        }

        @Override
        public Optional<String> resolve(String ref) {
            HttpUrl r = page.resolve(ref);
            return r == null ? Optional.empty() : Optional.of(r.toString());
        }

        @Override
        public boolean relativeProvenanceAllowed() {
            return false;
        }
    }
}
