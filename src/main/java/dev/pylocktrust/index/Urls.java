package dev.pylocktrust.index;

import okhttp3.HttpUrl;

/** URL helpers: redaction for messages and origin comparison. */
final class Urls {
    private Urls() {}

    /**
     * The URL as it may appear in messages and logs: no user name or password, and query values masked (signed
     * download URLs carry their secret there). Paths are kept: they say which file failed.
     */
    static String redact(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder().username("").password("");
        if (url.querySize() > 0) {
            b.query(null);
            for (int i = 0; i < url.querySize(); i++) {
                b.addQueryParameter(url.queryParameterName(i), url.queryParameterValue(i) == null ? null : "***");
            }
        }
        return b.build().toString();
    }

    /**
     * Redacts a URL given as text. Text that okhttp cannot parse still loses anything that looks like user info
     * ({@code scheme://...@}), so that a malformed URL never prints its password.
     */
    static String redact(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed != null) {
            return redact(parsed);
        }
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            int authorityEnd = url.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int i = url.indexOf(c, scheme + 3);
                if (i >= 0) {
                    authorityEnd = Math.min(authorityEnd, i);
                }
            }
            int at = url.lastIndexOf('@', authorityEnd - 1);
            if (at > scheme) {
                url = url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
            }
        }
        return Texts.clip(url);
    }

    /** Same scheme, host and port. */
    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    /** {@code base} with {@code segment} appended as one path segment, then a trailing slash (a project page URL). */
    static HttpUrl childDirectory(HttpUrl base, String segment) {
        HttpUrl.Builder b = base.newBuilder();
        // Drop an empty last segment (trailing slash) so that the join has exactly one slash.
        if (!base.pathSegments().isEmpty() && base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) {
            b.removePathSegment(base.pathSegments().size() - 1);
        }
        return b.addPathSegment(segment).addPathSegment("").build();
    }
}
