package dev.pylocktrust.index;

import dev.pylocktrust.testkit.index.FakeProvenance;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestRelease;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared set-up for client tests against the test index server. */
final class ServerFixture {
    static final IdentitySpec SAMPLE_ID = IdentitySpec.github("pypa/sampleproject", "release.yml", "pypi");

    private ServerFixture() {}

    /**
     * A small index: sampleproject 4.0.0 (attested, wheel with metadata and dependencies), Markup_Safe 3.0.2 (no
     * provenance, display name not normalized), oldpkg 1.0 (yanked with a reason, requires-python).
     */
    static TestIndex smallIndex() {
        return new TestIndexBuilder(new FakeProvenance())
                .add(TestRelease.of("sampleproject", "4.0.0")
                        .withDependencies("peppercorn", "check-manifest>=0.42; extra == \"dev\"")
                        .withRequiresPython(">=3.9")
                        .withIdentity(SAMPLE_ID))
                .add(TestRelease.of("Markup_Safe", "3.0.2").withFiles("MarkupSafe-3.0.2-cp312-cp312-manylinux_2_17_x86_64.whl"))
                .add(TestRelease.of("oldpkg", "1.0").yanked("broken <build>").withRequiresPython("<3.8,>=2.7"))
                .build();
    }

    /** An index of {@code n} projects with one attested wheel each (for bulk and cache tests). */
    static TestIndex manyProjects(int n) {
        List<TestRelease> releases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            releases.add(TestRelease.of("proj-" + i, "1." + i)
                    .withFiles("proj_" + i + "-1." + i + "-py3-none-any.whl")
                    .withIdentity(IdentitySpec.github("org/proj-" + i, "release.yml", null)));
        }
        return new TestIndexBuilder(new FakeProvenance()).addAll(releases).build();
    }

    /** A config for an http test server on loopback: trusted host, no proxies, no netrc, fast retries. */
    static IndexConfig.Builder config(String simpleUrl, String host, Optional<Path> cache) {
        return IndexConfig.builder(new IndexLocation.Remote(URI.create(simpleUrl)))
                .trustedHosts(Set.of(host))
                .environment(Map.of())
                .netrc(Optional.empty())
                .cacheDir(cache)
                .jobs(4)
                .timeout(Duration.ofSeconds(10))
                .maxTries(3)
                .retryBaseDelay(Duration.ZERO)
                .sleeper(d -> { });
    }
}
