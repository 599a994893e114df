package dev.pylocktrust.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.NetworkException;
import dev.pylocktrust.PylockTrustException;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Turns a file's {@link ProvenanceLink} into a {@link ProvenanceLookup}. The decision table:
 * <pre>
 * link                     | integrity API known | outcome
 * Null                     | any                 | NotPublished (the page says so: null, or no key on a 1.3+ page)
 * Absent (page before 1.3) | no                  | NotSupported (nothing is known)
 * Absent (page before 1.3) | yes                 | query the Integrity API:
 *                          |                     |   200 -> Found; 404 {"message": "No provenance available for F"}
 *                          |                     |   -> NotPublished; bare 404 -> Failed (wrong project/version/file)
 * Listed                   | any                 | GET it: 200 -> Found; anything else, 404 included -> Failed
 *                          |                     |   (the index promised provenance; a 404 may be a stale CDN)
 * Invalid, or a URL PEP 740 forbids (plain http on another origin, file: from a remote index) -> Invalid
 * </pre>
 * A 200 whose body is not one JSON object (invalid JSON or UTF-8, too deep, an array, trailing data) or is over the
 * size cap is {@link ProvenanceLookup.Invalid}: the index chose those bytes, so they are a trust failure, not a
 * network error. Transport failures (connect, timeout, 5xx/429 after the retries, a transfer cut short, a refused
 * redirect) are {@link ProvenanceLookup.Failed}.
 *
 * <p>Found bytes come from the cache when present (keyed by the file's sha256); offline, a cache miss is Failed (the
 * {@link Fetcher} refuses the network). Fetched bytes are not cached here: the caller {@link #remember}s them once
 * they verified, so the cache never holds provenance that failed. The bytes are only checked to be one JSON object
 * within the size cap; a cached entry that is not (damaged, cut short) is a miss and fetched again, and a caller
 * whose cached bytes fail verification asks again without the cache.
 */
final class ProvenanceResolver {
    static final String ACCEPT = "application/vnd.pypi.integrity.v1+json, application/json;q=0.9";
    private static final String NONE_MESSAGE = "No provenance available for ";

    private final Fetcher fetcher;
    private final Optional<DiskCache> cache;
    private final Optional<HttpUrl> integrityBase;
    private final long cap;
    private final Counters counters;

    ProvenanceResolver(Fetcher fetcher, Optional<DiskCache> cache, Optional<HttpUrl> integrityBase, long cap,
            Counters counters) {
        this.fetcher = fetcher;
        this.cache = cache;
        this.integrityBase = integrityBase;
        this.cap = cap;
        this.counters = counters;
    }

    /**
     * @param useCache read the cache first; false asks the index again (for cached bytes that failed verification)
     */
    ProvenanceLookup lookup(IndexFile file, String version, boolean useCache) {
        try {
            ProvenanceLink link = file.provenance();
            if (link instanceof ProvenanceLink.Null) {
                return new ProvenanceLookup.NotPublished("the index lists no provenance for " + file.filename());
            }
            if (link instanceof ProvenanceLink.Invalid inv) {
                return new ProvenanceLookup.Invalid("the index lists an invalid provenance URL for "
                        + file.filename() + ": " + inv.reason() + " ('" + Texts.clip(inv.value()) + "')");
            }
            if (link instanceof ProvenanceLink.Listed listed) {
                return fetch(file, listed.url(), false, useCache);
            }
            if (integrityBase.isPresent()) {
                return fetch(file, integrityUrl(integrityBase.get(), file, version).toString(), true, useCache);
            }
            return new ProvenanceLookup.NotSupported("the index does not serve PEP 740 provenance (its page for '"
                    + file.project() + "' predates Simple API 1.3); nothing is known about " + file.filename()
                    + "; pass --integrity-url BASE if the index mirrors PyPI");
        } catch (PylockTrustException e) {
            return new ProvenanceLookup.Failed(e);
        }
    }

    /** {@code <base>/integrity/<project>/<version>/<filename>/provenance}, each segment percent-encoded. */
    static HttpUrl integrityUrl(HttpUrl base, IndexFile file, String version) {
        HttpUrl.Builder b = base.newBuilder();
        if (!base.pathSegments().isEmpty() && base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) {
            b.removePathSegment(base.pathSegments().size() - 1);
        }
        return b.addPathSegment("integrity").addPathSegment(file.project()).addPathSegment(version)
                .addPathSegment(file.filename()).addPathSegment("provenance").build();
    }

    /** Writes provenance that verified for {@code file} to the cache (nothing for a local mirror, or no cache). */
    void remember(IndexFile file, String url, byte[] json) {
        cacheKey(file, url).ifPresent(s -> cache.ifPresent(c -> c.write(DiskCache.Kind.PROVENANCE, s, json)));
    }

    /** Local mirror files are read directly; only network answers are worth caching. */
    private static Optional<String> cacheKey(IndexFile file, String url) {
        return Fetcher.isFileUrl(url) ? Optional.empty() : file.sha256();
    }

    private ProvenanceLookup fetch(IndexFile file, String url, boolean integrityApi, boolean useCache) {
        Optional<String> sha = useCache ? cacheKey(file, url) : Optional.empty();
        if (sha.isPresent() && cache.isPresent()) {
            Optional<byte[]> cached = cache.get().read(DiskCache.Kind.PROVENANCE, sha.get(), cap);
            if (cached.isPresent() && isJsonObject(cached.get())) {
                counters.cacheHits.incrementAndGet();
                return new ProvenanceLookup.Found(cached.get(), Urls.redact(url), true);
            }
        }
        Fetcher.Fetched got;
        try {
            got = fetcher.get(url, ACCEPT, cap, "provenance", true);
        } catch (UnacceptableAnswerException e) {
            return new ProvenanceLookup.Invalid(e.getMessage());
        }
        if (got.code() == 200) {
            try {
                IndexJson.readObject(got.body(), "the provenance at " + got.url());
            } catch (IndexFormatException e) {
                return new ProvenanceLookup.Invalid(e.getMessage());
            }
            return new ProvenanceLookup.Found(got.body(), got.url(), false);
        }
        if (got.code() == 404 && integrityApi) {
            if (isNoProvenanceMessage(got.body(), file.filename())) {
                return new ProvenanceLookup.NotPublished("the Integrity API has no provenance for "
                        + file.filename() + " (" + got.url() + ": 404 \"" + NONE_MESSAGE + file.filename() + "\")");
            }
            return failed("the Integrity API does not know " + file.project() + " / " + Texts.clip(urlVersion(url))
                    + " / " + file.filename() + " (bare 404 from " + got.url() + ")",
                    "a bare 404 means the project, version or exact filename is wrong, not that the file has no "
                            + "provenance");
        }
        if (got.code() == 404) {
            return failed("the index lists provenance for " + file.filename() + " at " + got.url()
                    + ", but it answered 404", "right after a release a CDN may serve a stale 404; try again later");
        }
        if (got.code() == 403) {
            return failed("the index refused the provenance of " + file.filename() + " at " + got.url()
                    + " (403" + message(got.body()).map(m -> ": " + m).orElse("") + ")",
                    "PyPI answers 403 while its administrators have disabled attestations; try again later");
        }
        return failed("the provenance of " + file.filename() + " at " + got.url() + " answered HTTP " + got.code()
                + message(got.body()).map(m -> " (" + m + ")").orElse(""));
    }

    private static String urlVersion(String url) {
        HttpUrl u = HttpUrl.parse(url);
        return u == null || u.pathSize() < 4 ? "?" : u.pathSegments().get(u.pathSize() - 3);
    }

    /** PyPI's exact "file exists, no provenance" form: {@code {"message": "No provenance available for <file>"}}. */
    static boolean isNoProvenanceMessage(byte[] body, String filename) {
        return rawMessage(body).filter((NONE_MESSAGE + filename)::equals).isPresent();
    }

    /** The {@code message} of a JSON error body, clipped for display. */
    private static Optional<String> message(byte[] body) {
        return rawMessage(body).map(Texts::clip);
    }

    private static Optional<String> rawMessage(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode m = IndexJson.readObject(body, "error body").get("message");
            return m != null && m.isTextual() ? Optional.of(m.asText()) : Optional.empty();
        } catch (IndexFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isJsonObject(byte[] body) {
        try {
            IndexJson.readObject(body, "cached provenance");
            return true;
        } catch (IndexFormatException e) {
            return false;
        }
    }

    private static ProvenanceLookup.Failed failed(String message, String... hints) {
        return new ProvenanceLookup.Failed(new NetworkException(message, hints));
    }
}
