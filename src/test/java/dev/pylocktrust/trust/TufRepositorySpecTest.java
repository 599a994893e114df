package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TufRepositorySpecTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://tuf-repo-cdn.sigstore.dev              | https://tuf-repo-cdn.sigstore.dev/",
        "https://tuf-repo-cdn.sigstore.dev/             | https://tuf-repo-cdn.sigstore.dev/",
        "HTTPS://mirror.example:8443/sigstore/tuf       | https://mirror.example:8443/sigstore/tuf/",
        "http://127.0.0.1:8080/                         | http://127.0.0.1:8080/",
        "http://localhost:9/repo                        | http://localhost:9/repo/",
        "http://[::1]:9/                                | http://[::1]:9/",
    })
    void acceptedMirrors(String text, String normalized) {
        assertThat(TufRepositorySpec.parseMirror(text)).isEqualTo(URI.create(normalized));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://tuf.example/                  | must use https (plain http is only allowed on loopback)",
        "ftp://tuf.example/                   | must be an http(s) URL such as https://tuf-repo-cdn.sigstore.dev/",
        "tuf-repo-cdn.sigstore.dev            | must be an http(s) URL such as https://tuf-repo-cdn.sigstore.dev/",
        "https://user:secret@tuf.example/     | must not contain credentials",
        "https://tuf.example/?x=1             | must not have a query or fragment",
        "https://tuf example/                 | not a valid URL",
    })
    void refusedMirrors(String text, String message) {
        assertThatThrownBy(() -> TufRepositorySpec.parseMirror(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void cacheKeysSeparateRepositoriesAndAnchors() {
        var production = TufRepositorySpec.sigstoreProduction();
        assertThat(production.cacheKey()).startsWith("tuf-repo-cdn.sigstore.dev-").hasSize(
                "tuf-repo-cdn.sigstore.dev-".length() + 16);
        assertThat(production.cacheKey()).isEqualTo(TufRepositorySpec.sigstoreProduction().cacheKey());
        var local = URI.create("http://127.0.0.1:8080/");
        assertThat(TufRepositorySpec.productionMirror(local).cacheKey()).startsWith("127.0.0.1_8080-")
                .isNotEqualTo(production.cacheKey());
        var a = TufRepositorySpec.custom(local, "{\"a\":1}".getBytes());
        var b = TufRepositorySpec.custom(local, "{\"b\":1}".getBytes());
        assertThat(a.cacheKey()).isNotEqualTo(b.cacheKey())
                .isNotEqualTo(TufRepositorySpec.productionMirror(local).cacheKey());
    }

    @Test
    void theBootstrapRootIsACopy() {
        byte[] root = "{}".getBytes();
        var spec = TufRepositorySpec.custom(URI.create("https://tuf.example/"), root);
        root[0] = 'x';
        assertThat(spec.bootstrapRoot()).isEqualTo("{}".getBytes());
        spec.bootstrapRoot()[0] = 'y';
        assertThat(spec.bootstrapRoot()).isEqualTo("{}".getBytes());
    }
}
