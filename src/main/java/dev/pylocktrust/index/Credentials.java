package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Which {@code Authorization} header, if any, a request gets. Credentials are bound to where the user put them:
 * the index URL's user info only to the index's origin (scheme, host, port); a {@code ~/.netrc} {@code machine}
 * entry only to that host; the netrc {@code default} entry only to the index's host. A redirect or a listed URL on
 * another host therefore never receives them. Nothing here is ever logged.
 */
final class Credentials {
    private final HttpUrl indexOrigin;
    private final String user;
    private final String password;
    private final Netrc netrc;

    /**
     * @param index the index URL (may carry user info), or {@code null} for a mirror directory
     * @param netrc the parsed netrc (empty if none)
     */
    Credentials(HttpUrl index, Netrc netrc) {
        this.indexOrigin = index;
        this.user = index == null ? "" : index.username();
        this.password = index == null ? "" : index.password();
        this.netrc = netrc;
    }

    Optional<String> authorizationFor(HttpUrl url) {
        if (indexOrigin != null && Urls.sameOrigin(indexOrigin, url) && (!user.isEmpty() || !password.isEmpty())) {
            return Optional.of(okhttp3.Credentials.basic(user, password));
        }
        boolean indexHost = indexOrigin != null && Ascii.equalsIgnoreCase(indexOrigin.host(), url.host());
        return netrc.lookup(url.host())
                .filter(login -> indexHost || netrc.hasMachine(url.host()))
                .map(login -> okhttp3.Credentials.basic(login.login(), login.password()));
    }
}
