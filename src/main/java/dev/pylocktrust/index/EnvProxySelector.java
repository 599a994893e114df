package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proxies from the conventional environment variables, as curl and pip read them: {@code https_proxy} for https
 * URLs, {@code http_proxy} for http, {@code all_proxy} for both, each also in upper case (lower case wins), and
 * {@code no_proxy}: a comma-separated list of hosts, domain suffixes ({@code example.com} and {@code .example.com}
 * both cover {@code a.example.com}), optional {@code :port}, or {@code *}. Loopback addresses never use a proxy.
 * Proxy URLs are {@code http://[user:pass@]host[:port]} or {@code socks5://host[:port]}.
 */
final class EnvProxySelector extends ProxySelector {
    /** A configured proxy; the credentials, if any, answer the proxy's 407. */
    record ProxySpec(Proxy proxy, Optional<Netrc.Login> credentials) {}

    private final Optional<ProxySpec> https;
    private final Optional<ProxySpec> http;
    private final List<String> noProxy;

    EnvProxySelector(Map<String, String> env) {
        Optional<ProxySpec> all = spec(env, "all_proxy");
        this.https = spec(env, "https_proxy").or(() -> all);
        this.http = spec(env, "http_proxy").or(() -> all);
        List<String> entries = new ArrayList<>();
        for (String e : get(env, "no_proxy").orElse("").split(",")) {
            String t = e.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                entries.add(t);
            }
        }
        this.noProxy = List.copyOf(entries);
    }

    /** True if some proxy is configured at all. */
    boolean configured() {
        return https.isPresent() || http.isPresent();
    }

    /** The proxy (with credentials) for a URL, or empty for a direct connection. */
    Optional<ProxySpec> proxyFor(String scheme, String host, int port) {
        if (isLoopback(host) || bypassed(Ascii.toLowerCase(host), port)) {
            return Optional.empty();
        }
        return "https".equals(scheme) ? https : http;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(proxyFor(uri.getScheme(), uri.getHost() == null ? "" : uri.getHost(), uri.getPort())
                .map(ProxySpec::proxy).orElse(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // okhttp reports the failure itself; nothing to remember.
    }

    /** Routes {@code builder}'s requests through these proxies (answering 407 with their credentials), if any. */
    void applyTo(okhttp3.OkHttpClient.Builder builder) {
        if (!configured()) {
            return;
        }
        builder.proxySelector(this);
        builder.proxyAuthenticator((route, response) -> {
            if (route == null || response.request().header("Proxy-Authorization") != null) {
                return null;
            }
            return credentialsFor(route.proxy().address())
                    .map(l -> response.request().newBuilder()
                            .header("Proxy-Authorization", okhttp3.Credentials.basic(l.login(), l.password()))
                            .build())
                    .orElse(null);
        });
    }

    /** The credentials for the proxy at {@code address}, for a 407 challenge. */
    Optional<Netrc.Login> credentialsFor(SocketAddress address) {
        for (Optional<ProxySpec> p : List.of(https, http)) {
            if (p.isPresent() && p.get().proxy().address().equals(address)) {
                return p.get().credentials();
            }
        }
        return Optional.empty();
    }

    private boolean bypassed(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String pattern = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && !entry.endsWith("]")) {
                if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                pattern = entry.substring(0, colon);
            }
            pattern = pattern.startsWith("[") && pattern.endsWith("]") ? pattern.substring(1, pattern.length() - 1) : pattern;
            String domain = pattern.startsWith(".") ? pattern.substring(1) : pattern;
            if (bare.equals(domain) || bare.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        String h = Ascii.toLowerCase(host);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    private static Optional<String> get(Map<String, String> env, String lowerName) {
        String v = env.get(lowerName);
        if (v == null || v.isBlank()) {
            v = env.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Optional<ProxySpec> spec(Map<String, String> env, String name) {
        Optional<String> value = get(env, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().contains("://") ? value.get() : "http://" + value.get();
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proxy in $" + name + " is not a URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the proxy in $" + name + " has no host");
        }
        Proxy.Type type;
        int defaultPort;
        switch (scheme) {
            case "http":
                type = Proxy.Type.HTTP;
                defaultPort = 80;
                break;
            case "https":
                // okhttp cannot speak TLS to the proxy itself; CONNECT over a plain connection is what curl does
                // for most "https://" proxy settings too, so refuse rather than silently downgrade.
                throw new IllegalArgumentException("the proxy in $" + name
                        + " uses https://, which is not supported; use an http:// proxy URL (CONNECT tunnels keep "
                        + "the index traffic encrypted)");
            case "socks5":
            case "socks5h":
            case "socks":
                type = Proxy.Type.SOCKS;
                defaultPort = 1080;
                break;
            default:
                throw new IllegalArgumentException("the proxy in $" + name + " has unsupported scheme '" + scheme + "'");
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        Proxy proxy = new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port));
        Optional<Netrc.Login> creds = Optional.empty();
        // Split the raw user info before decoding: a %3A in the user name is not the separator.
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            creds = Optional.of(colon < 0 ? new Netrc.Login(decode(userInfo), "")
                    : new Netrc.Login(decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1))));
        }
        return Optional.of(new ProxySpec(proxy, creds));
    }
}
