package dev.pylocktrust.index;

import java.util.Optional;
import okhttp3.HttpUrl;

/** Page bases for parser tests. */
final class TestBases {
    private TestBases() {}

    /** A remote page at {@code url}: http(s) resolution, relative provenance refused. */
    static PageBase http(String url) {
        HttpUrl base = HttpUrl.get(url);
        return new PageBase() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<String> resolve(String ref) {
                return Optional.ofNullable(base.resolve(ref)).map(HttpUrl::toString);
            }

            @Override
            public boolean relativeProvenanceAllowed() {
                return false;
            }
        };
    }
}
