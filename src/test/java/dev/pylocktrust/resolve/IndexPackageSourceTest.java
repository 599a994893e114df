package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.testkit.index.FakeProvenance;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The index adapter against the loopback test index server: every way of getting a release's metadata. */
class IndexPackageSourceTest {
    static final TargetEnvironment LINUX = TargetEnvironment.parse("3.12-manylinux_2_28_x86_64");

    static TestIndex index(UnaryOperator<TestIndexBuilder> options) {
        return options.apply(new TestIndexBuilder(new FakeProvenance()).realArchives().providesExtra()
                .add(TestRelease.of("app", "1.0").withDependencies("lib>=1", "extra-dep; extra == \"fast\"")
                        .withRequiresPython(">=3.9"))
                .add(TestRelease.of("lib", "1.0"))
                .add(TestRelease.of("lib", "2.0").yanked("broken"))
                .add(TestRelease.of("lib", "1.5").withFiles("lib-1.5-cp312-cp312-win_amd64.whl"))
                .add(TestRelease.of("extra-dep", "3.0"))
                .add(TestRelease.of("src-only", "0.9").withFiles("src_only-0.9.tar.gz")
                        .withDependencies("lib"))
                .add(TestRelease.of("Odd.Name", "1.0").withFiles("odd_name-1.0-py3-none-any.whl",
                        "other-1.0-py3-none-any.whl", "odd_name-1.0.exe"))).build();
    }

    static IndexClient client(TestIndexServer server) {
        return IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(URI.create(server.simpleUrl())))
                .trustedHosts(Set.of(server.host())).environment(Map.of()).netrc(Optional.empty())
                .cacheDir(Optional.empty()).jobs(4).timeout(Duration.ofSeconds(10)).maxTries(2)
                .retryBaseDelay(Duration.ZERO).sleeper(d -> { }).build());
    }

    static Candidate release(IndexPackageSource source, String name, String version) {
        return source.candidates(PackageName.of(name)).stream().filter(c -> c.version().toString().equals(version))
                .findFirst().orElseThrow();
    }

    @Test
    void pagesBecomeCandidatesWithFileFacts() throws Exception {
        try (TestIndexServer server = TestIndexServer.start(index(b -> b)); IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            List<Candidate> lib = source.candidates(PackageName.of("lib"));
            assertThat(lib).extracting(c -> c.version().toString()).containsExactly("1.0", "2.0", "1.5");
            assertThat(lib.get(1).yanked()).isTrue();
            assertThat(lib.get(1).files().get(0).yankedReason()).contains("broken");
            assertThat(lib.get(0).files()).extracting(DistFile::name)
                    .containsExactly("lib-1.0-py3-none-any.whl", "lib-1.0.tar.gz");
            assertThat(lib.get(0).files().get(0).coreMetadata()).isTrue();
            assertThat(lib.get(0).files().get(0).sha256()).isPresent();
            // Files of another project and unknown formats are left out; unknown projects have no candidates.
            assertThat(source.candidates(PackageName.of("odd-name")).get(0).files()).extracting(DistFile::name)
                    .containsExactly("odd_name-1.0-py3-none-any.whl");
            assertThat(source.candidates(PackageName.of("nothere"))).isEmpty();
        }
    }

    @Test
    void metadataFromPep658() throws Exception {
        try (TestIndexServer server = TestIndexServer.start(index(b -> b)); IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            Metadata md = source.metadata(release(source, "app", "1.0"));
            assertThat(md.requiresDist()).extracting(Object::toString)
                    .containsExactly("lib>=1", "extra-dep; extra == \"fast\"");
            assertThat(md.requiresPython().orElseThrow()).hasToString(">=3.9");
            assertThat(md.providesExtra()).containsExactly("fast");
            assertThat(server.count("/files/app/app-1.0-py3-none-any.whl.metadata")).isEqualTo(1);
            assertThat(server.count("/files/app/app-1.0-py3-none-any.whl")).isEqualTo(1);
        }
    }

    @Test
    void wheelMetadataByRangeRequestsWithoutDownloadingTheWheel() throws Exception {
        TestIndex idx = index(b -> b.withoutCoreMetadata("app-1.0-py3-none-any.whl"));
        try (TestIndexServer server = TestIndexServer.start(idx); IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            Metadata md = source.metadata(release(source, "app", "1.0"));
            assertThat(md.requiresDist()).hasSize(2);
            var requests = server.requestsMatching(r -> r.getUrl().encodedPath()
                    .equals("/files/app/app-1.0-py3-none-any.whl"));
            assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.getHeaders().get("Range")).isNotNull());
        }
    }

    @Test
    void wheelMetadataFromTheWholeFileWhenRangesAreIgnored() throws Exception {
        TestIndex idx = index(b -> b.withoutCoreMetadata("app-1.0-py3-none-any.whl"));
        try (TestIndexServer server = TestIndexServer.start(idx).rangeRequests(false);
                IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            assertThat(source.metadata(release(source, "app", "1.0")).requiresPython().orElseThrow())
                    .hasToString(">=3.9");
            assertThat(server.count("/files/app/app-1.0-py3-none-any.whl")).isEqualTo(1);
        }
    }

    @Test
    void sdistOnlyReleaseUsesPkgInfoFrom22On() throws Exception {
        try (TestIndexServer server = TestIndexServer.start(index(b -> b)); IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            Metadata md = source.metadata(release(source, "src-only", "0.9"));
            assertThat(md.requiresDist()).extracting(Object::toString).containsExactly("lib");
            Resolution r = new Resolver(source, ResolverOptions.DEFAULT).resolve(ResolutionRequest.of("src-only"),
                    LINUX);
            assertThat(r.asStrings()).isEqualTo(Map.of("lib", "1.0", "src-only", "0.9"));
        }
    }

    @Test
    void sdistWithOldOrDynamicMetadataIsRefusedNamingTheRelease() throws Exception {
        try (TestIndexServer server = TestIndexServer.start(index(b -> b.sdistMetadata("2.1")));
                IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            assertThatThrownBy(() -> new Resolver(source, ResolverOptions.DEFAULT)
                    .resolve(ResolutionRequest.of("src-only"), LINUX))
                    .isInstanceOf(MetadataUnavailableException.class)
                    .hasMessage("cannot know the dependencies of src-only 0.9 without building it: it has no wheel,"
                            + " and src_only-0.9.tar.gz has Metadata-Version 2.1 (an sdist's dependencies are"
                            + " reliable only from 2.2 on); pylock-trust does not run builds");
        }
        try (TestIndexServer server = TestIndexServer.start(index(b -> b.sdistMetadata("2.4", "Requires-Dist")));
                IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            assertThatThrownBy(() -> source.metadata(release(source, "src-only", "0.9")))
                    .isInstanceOf(MetadataUnavailableException.class)
                    .hasMessageContaining("src_only-0.9.tar.gz declares Requires-Dist dynamic");
        }
    }

    @Test
    void tamperedWholeFileIsATrustFailure() throws Exception {
        TestIndex idx = index(b -> b.withoutCoreMetadata("app-1.0-py3-none-any.whl"));
        try (TestIndexServer server = TestIndexServer.start(idx).rangeRequests(false);
                IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            Candidate app = release(source, "app", "1.0");
            server.faults().truncate("/files/app/app-1.0-py3-none-any.whl", 1);
            assertThatThrownBy(() -> source.metadata(app)).isInstanceOf(dev.pylocktrust.TrustException.class)
                    .hasMessageContaining("does not match the sha256 on the project page");
        }
    }

    @Test
    void resolvesEndToEndOverTheIndex() throws Exception {
        try (TestIndexServer server = TestIndexServer.start(index(b -> b)); IndexClient client = client(server);
                CachingPackageSource cache = new CachingPackageSource(new IndexPackageSource(client), 4)) {
            Resolver resolver = new Resolver(cache, ResolverOptions.DEFAULT);
            assertThat(resolver.resolve(ResolutionRequest.of("app[fast]"), LINUX).asStrings())
                    .isEqualTo(Map.of("app", "1.0", "extra-dep", "3.0", "lib", "1.0"));
            assertThat(resolver.resolve(ResolutionRequest.of("app"), TargetEnvironment.parse("3.12-win_amd64"))
                    .asStrings()).isEqualTo(Map.of("app", "1.0", "lib", "1.5"));
            assertThatThrownBy(() -> resolver.resolve(ResolutionRequest.of("app"),
                    TargetEnvironment.parse("3.8-manylinux_2_28_x86_64"))).isInstanceOf(ResolutionException.class)
                    .hasMessageContaining("no version of app can be used (1.0 requires Python >=3.9, not 3.8)");
        }
    }

    @Test
    void malformedArchiveIsANetworkError() throws Exception {
        TestIndex idx = new TestIndexBuilder(new FakeProvenance())
                .add(TestRelease.of("bad", "1.0").withFiles("bad-1.0-py3-none-any.whl"))
                .withoutCoreMetadata("bad-1.0-py3-none-any.whl").build();
        try (TestIndexServer server = TestIndexServer.start(idx); IndexClient client = client(server)) {
            IndexPackageSource source = new IndexPackageSource(client);
            assertThatThrownBy(() -> source.metadata(release(source, "bad", "1.0")))
                    .isInstanceOf(NetworkException.class)
                    .hasMessage("cannot read the metadata of bad 1.0 from bad-1.0-py3-none-any.whl: no end of central"
                            + " directory record: not a ZIP archive");
        }
    }
}
