package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.NetworkException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * GETs a URL that a page listed (metadata, provenance): {@code file:} URLs from the mirror directory, http(s) URLs
 * through the transport (never when offline: the caller already looked in the cache). A {@code file:} URL is only
 * honoured inside a mirror directory index; a remote index that lists one is refused. A URL refused before any request
 * (a {@code file:} URL from a remote index, not a URL, provenance over plain http on another origin) is an
 * {@link UnacceptableAnswerException}: the index listed it.
 */
final class Fetcher {
    /** A final answer; a missing mirror file is a 404 with an empty body. */
    record Fetched(int code, String url, byte[] body) {}

    private final Optional<DirectoryIndex> directory;
    private final Supplier<HttpTransport> http;
    private final UrlPolicy policy;
    private final Optional<HttpUrl> indexOrigin;
    private final boolean offline;

    Fetcher(Optional<DirectoryIndex> directory, Supplier<HttpTransport> http, UrlPolicy policy,
            Optional<HttpUrl> indexOrigin, boolean offline) {
        this.directory = directory;
        this.offline = offline;
        this.http = http;
        this.policy = policy;
        this.indexOrigin = indexOrigin;
    }

    static boolean isFileUrl(String url) {
        return Ascii.startsWithIgnoreCase(url, "file:");
    }

    /**
     * @param provenanceRules apply PEP 740's rule: on another origin than the index, provenance must be https
     * @throws UnacceptableAnswerException if the index listed a URL that must not be fetched, or the body is over
     *     {@code cap}
     */
    Fetched get(String url, String accept, long cap, String what, boolean provenanceRules) {
        return get(url, accept, Map.of(), cap, what, provenanceRules);
    }

    /** As {@link #get(String, String, long, String, boolean)}, with extra request headers (e.g. {@code Range}). */
    Fetched get(String url, String accept, Map<String, String> headers, long cap, String what,
            boolean provenanceRules) {
        if (isFileUrl(url)) {
            if (directory.isEmpty()) {
                throw new UnacceptableAnswerException("refusing the file: URL " + Texts.clip(url) + " for " + what
                        + ": only a mirror directory may point at local files");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new UnacceptableAnswerException("the " + what + " URL " + Texts.clip(url)
                        + " is not a valid URL");
            }
            return directory.get().read(uri, cap, what)
                    .map(b -> new Fetched(200, url, b))
                    .orElseGet(() -> new Fetched(404, url, new byte[0]));
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new UnacceptableAnswerException("the " + what + " URL " + Texts.clip(url)
                    + " is not an http(s) URL");
        }
        if (provenanceRules && !parsed.isHttps()
                && (indexOrigin.isEmpty() || !Urls.sameOrigin(indexOrigin.get(), parsed))) {
            throw new UnacceptableAnswerException("refusing provenance URL " + Urls.redact(parsed)
                    + ": provenance on another origin than the index must be https (PEP 740)");
        }
        if (offline) {
            throw new NetworkException("the " + what + " at " + Urls.redact(parsed) + " is not in the cache, and "
                    + "--offline forbids the network", "run once online with the same cache directory first");
        }
        policy.checkRequest(parsed, what);
        HttpTransport.Answer a = http.get().get(parsed, accept, headers, cap, what);
        return new Fetched(a.code(), Urls.redact(a.url()), a.body());
    }
}
