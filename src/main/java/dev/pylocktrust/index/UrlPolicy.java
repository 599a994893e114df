package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.NetworkException;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Which URLs may be fetched. The rules, in one place:
 * <ol>
 *   <li>https always; plain http only for a host given with {@code --trusted-host} (pip's convention: {@code host} or
 *       {@code host:port}).</li>
 *   <li>A redirect may go to https anywhere; to http only on the same origin of a trusted host (a private mirror
 *       normalizing a path); never from https to http.</li>
 *   <li>A provenance URL on another origin than the index must be https (PEP 740 requires https for every
 *       provenance URL; a trusted http mirror may serve its own). Enforced by {@link Fetcher}.</li>
 * </ol>
 * Every refusal is a {@link NetworkException}: the index asked for something unsafe, so nothing is decided. The one
 * exception is a provenance URL the page lists against rule 3: the index chose it, so the file's provenance is
 * invalid ({@link UnacceptableAnswerException}, {@link ProvenanceLookup.Invalid}).
 */
final class UrlPolicy {
    private final Set<String> trustedHosts;

    UrlPolicy(Set<String> trustedHosts) {
        this.trustedHosts = trustedHosts.stream().map(Ascii::toLowerCase).collect(Collectors.toUnmodifiableSet());
    }

    boolean isTrusted(HttpUrl url) {
        String host = Ascii.toLowerCase(url.host());
        String hostPort = hostForMatch(host) + ":" + url.port();
        return trustedHosts.contains(host) || trustedHosts.contains(hostPort)
                || trustedHosts.contains(hostForMatch(host));
    }

    /** okhttp gives IPv6 hosts without brackets; users write them with brackets. */
    private static String hostForMatch(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** True if the URL may be requested at all. */
    boolean allows(HttpUrl url) {
        return url.isHttps() || isTrusted(url);
    }

    void checkRequest(HttpUrl url, String what) {
        if (!allows(url)) {
            throw new NetworkException("refusing to fetch " + what + " over plain http: " + Urls.redact(url),
                    "pylock-trust uses https only; if " + url.host() + " is a private index you trust on this "
                            + "network, pass --trusted-host " + url.host());
        }
    }

    void checkRedirect(HttpUrl from, HttpUrl to) {
        if (from.isHttps() && !to.isHttps()) {
            throw new NetworkException("refusing a redirect from https to plain http: " + Urls.redact(from) + " -> "
                    + Urls.redact(to), "the index (or something between you and it) tried to downgrade the connection");
        }
        if (!to.isHttps() && !(Urls.sameOrigin(from, to) && isTrusted(to))) {
            throw new NetworkException("refusing a redirect to plain http on another origin: " + Urls.redact(from)
                    + " -> " + Urls.redact(to), "redirects may leave the index's origin only over https");
        }
    }
}
