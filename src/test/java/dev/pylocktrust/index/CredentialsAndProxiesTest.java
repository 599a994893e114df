package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsAndProxiesTest {
    static final String NETRC = "# comment\nmachine pypi.internal login alice password \"p a s s\"\n"
            + "machine files.internal\n  login bob\n  password hunter2\n"
            + "macdef init\nmachine evil.example login x password y\n\n"
            + "default login anon password anonpw\n";

    @Test
    void netrcEntries() {
        Netrc n = Netrc.parse(NETRC);
        assertThat(n.lookup("PYPI.internal")).contains(new Netrc.Login("alice", "p a s s"));
        assertThat(n.lookup("files.internal")).contains(new Netrc.Login("bob", "hunter2"));
        assertThat(n.hasMachine("evil.example")).isFalse();
        assertThat(n.lookup("elsewhere")).contains(new Netrc.Login("anon", "anonpw"));
        assertThat(new Netrc.Login("a", "secret").toString()).doesNotContain("secret");
        assertThat(Netrc.parse("machine").lookup("x")).isEmpty();
        assertThat(Netrc.parse("machine x login y").lookup("x")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NONE", value = {
        // URL credentials go to the index origin only.
        "https://pypi.internal/simple/a/, alice:p a s s",
        "http://pypi.internal/simple/a/, alice:p a s s",
        "https://pypi.internal:444/simple/a/, alice:p a s s",
        // a netrc machine entry goes to its own host; the default entry only to the index host.
        "https://files.internal/a.whl, bob:hunter2",
        "https://cdn.example/a.whl, NONE",
    })
    void credentialsAreBoundToTheirHost(String url, String expected) {
        Credentials c = new Credentials(HttpUrl.get("https://pypi.internal/simple"), Netrc.parse(NETRC));
        Optional<String> auth = c.authorizationFor(HttpUrl.get(url));
        assertThat(auth).isEqualTo(Optional.ofNullable(expected).map(e -> okhttp3.Credentials.basic(
                e.substring(0, e.indexOf(':')), e.substring(e.indexOf(':') + 1))));
    }

    @Test
    void urlUserInfoBeatsNetrcOnTheIndexOriginOnly() {
        Credentials c = new Credentials(HttpUrl.get("https://tok:en@pypi.internal/simple"), Netrc.parse(NETRC));
        assertThat(c.authorizationFor(HttpUrl.get("https://pypi.internal/simple/a/")))
                .contains(okhttp3.Credentials.basic("tok", "en"));
        assertThat(c.authorizationFor(HttpUrl.get("http://pypi.internal/simple/a/")))
                .contains(okhttp3.Credentials.basic("alice", "p a s s"));
    }

    @Test
    void mirrorDirectoryGetsNoDefaultCredentials() {
        Credentials c = new Credentials(null, Netrc.parse(NETRC));
        assertThat(c.authorizationFor(HttpUrl.get("https://elsewhere/a"))).isEmpty();
        assertThat(c.authorizationFor(HttpUrl.get("https://files.internal/a"))).isPresent();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "DIRECT", value = {
        "https, pypi.org, 443, proxy.corp:3128",
        "http, mirror.local, 80, proxy.corp:8080",
        "https, files.internal.corp, 443, DIRECT",
        "https, internal.corp, 443, DIRECT",
        "https, notinternal.corp, 443, proxy.corp:3128",
        "https, svc.local, 8443, DIRECT",
        "https, svc.local, 443, proxy.corp:3128",
        "https, 10.1.2.3, 443, DIRECT",
        "https, localhost, 443, DIRECT",
        "https, 127.0.0.1, 443, DIRECT",
    })
    void proxiesFromTheEnvironment(String scheme, String host, int port, String proxy) {
        EnvProxySelector s = new EnvProxySelector(Map.of(
                "HTTPS_PROXY", "http://ignored.upper:1", "https_proxy", "http://user:pw@proxy.corp:3128",
                "HTTP_PROXY", "proxy.corp:8080",
                "NO_PROXY", ".internal.corp, svc.local:8443,10.1.2.3"));
        Optional<EnvProxySelector.ProxySpec> spec = s.proxyFor(scheme, host, port);
        if (proxy == null) {
            assertThat(spec).isEmpty();
        } else {
            InetSocketAddress a = (InetSocketAddress) spec.orElseThrow().proxy().address();
            assertThat(a.getHostString() + ":" + a.getPort()).isEqualTo(proxy);
            assertThat(spec.get().proxy().type()).isEqualTo(Proxy.Type.HTTP);
        }
    }

    @Test
    void proxyCredentialsAndSocks() {
        EnvProxySelector s = new EnvProxySelector(Map.of("https_proxy", "http://us%3Aer:p%40ss@proxy.corp:3128",
                "all_proxy", "socks5://socks.corp"));
        var https = s.proxyFor("https", "pypi.org", 443).orElseThrow();
        assertThat(s.credentialsFor(https.proxy().address())).contains(new Netrc.Login("us:er", "p@ss"));
        var http = s.proxyFor("http", "pypi.org", 80).orElseThrow();
        assertThat(http.proxy().type()).isEqualTo(Proxy.Type.SOCKS);
        assertThat(((InetSocketAddress) http.proxy().address()).getPort()).isEqualTo(1080);
        assertThat(new EnvProxySelector(Map.of("NO_PROXY", "*", "https_proxy", "http://p:1"))
                .proxyFor("https", "pypi.org", 443)).isEmpty();
        assertThat(new EnvProxySelector(Map.of()).configured()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"https://proxy:443, uses https://", "ftp://proxy, unsupported scheme 'ftp'"})
    void unusableProxyIsAConfigurationError(String value, String message) {
        assertThatThrownBy(() -> new EnvProxySelector(Map.of("https_proxy", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
