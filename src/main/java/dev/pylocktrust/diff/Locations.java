package dev.pylocktrust.diff;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.lock.LockedFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a locked file comes from, for comparing hosts. A file's origin is {@code scheme://host[:port]} of its URL
 * (lower case, credentials dropped), or {@code local path} for a file on this machine: given by path (PEP 751: path
 * wins over url for fetching) or by a {@code file:} URL (pylock-trust writes those for a mirror directory; they have
 * no host, and two files of one directory have the same origin). A URL that does not parse is its own origin, so it
 * never matches a real host.
 */
final class Locations {
    static final String LOCAL = "local path";
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://)[^/@?#]*@");

    private Locations() {}

    static String origin(LockedFile f) {
        if (f.path().isPresent()) {
            return LOCAL;
        }
        return origin(f.url().orElseThrow());
    }

    static String origin(String url) {
        try {
            URI u = new URI(url);
            if ("file".equalsIgnoreCase(u.getScheme())) {
                return LOCAL;
            }
            if (u.getScheme() == null || u.getHost() == null) {
                return "unparsable URL " + redact(url);
            }
            String origin = Ascii.toLowerCase(u.getScheme()) + "://" + Ascii.toLowerCase(u.getHost());
            return u.getPort() >= 0 ? origin + ":" + u.getPort() : origin;
        } catch (URISyntaxException e) {
            return "unparsable URL " + redact(url);
        }
    }

    /** Where the file is, for messages: its path, else its URL with any credentials replaced by {@code ***}. */
    static String location(LockedFile f) {
        return f.path().orElseGet(() -> redact(f.url().orElseThrow()));
    }

    static Optional<String> redact(Optional<String> url) {
        return url.map(Locations::redact);
    }

    /** {@code https://user:token@host/x} becomes {@code https://***@host/x}. */
    static String redact(String url) {
        return CREDENTIALS.matcher(url).replaceFirst("$1***@");
    }
}
