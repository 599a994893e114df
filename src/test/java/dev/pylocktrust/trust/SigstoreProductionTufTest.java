package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigstore.tuf.SigstoreTufClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Sigstore production TUF repository (sigstore/root-signing at 60cf2ce8, see the README next to the data)
 * served on loopback: the jar's bootstrap root and sigstore-java's own older anchor both lead, through verified root
 * rotations, to the trusted root embedded in the jar.
 */
class SigstoreProductionTufTest {
    static final Path DATA = Path.of("src/test/resources/tuf/sigstore-production-60cf2ce8");
    static final Path TRUSTED_ROOT = Path.of("src/test/resources/fixtures/trust/production.trusted_root.json");
    static final String TARGET = "targets/6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66"
            + ".trusted_root.json";
    /** Shortly after the commit the data was taken from: every role is unexpired then. */
    static final Instant THEN = Instant.parse("2026-08-21T20:00:00Z");

    @TempDir
    Path cache;

    TufServer server;

    @BeforeEach
    void serve() throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (var list = Files.list(DATA)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".json")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        files.put(TARGET, Files.readAllBytes(TRUSTED_ROOT));
        server = TufServer.serving(() -> files);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private SigstoreTufRepository repository(TufRepositorySpec spec) {
        return new SigstoreTufRepository(spec, Optional.of(cache), Duration.ofSeconds(20));
    }

    private SelectedTrustRoot select(TufRepositorySpec spec, Instant now) {
        return new TrustRootSelector(repository(spec), new TrustRootSelector.Settings(Duration.ofHours(24),
                Duration.ofSeconds(20), false)).select(now);
    }

    @Test
    void theJarsBootstrapRootReachesTheProductionTrustedRoot() throws IOException {
        SelectedTrustRoot s = select(TufRepositorySpec.productionMirror(server.url()), THEN);

        assertThat(s.origin()).as(s.warning().orElse("")).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(Files.readAllBytes(TRUSTED_ROOT));
        assertThat(s.tuf().orElseThrow().tufRootVersion()).isEqualTo(15);
        assertThat(s.tuf().orElseThrow().targetsVersion()).isEqualTo(14);
        assertThat(s.tuf().orElseThrow().metadataExpires()).isEqualTo(Instant.parse("2026-08-28T19:25:56Z"));
        assertThat(server.takeRequested()).containsExactly("16.root.json", "timestamp.json", "165.snapshot.json",
                "14.targets.json", TARGET);
        // Read back, the cache verifies again: the real metadata's signatures (5 targets keys, threshold 3).
        assertThat(repository(TufRepositorySpec.productionMirror(server.url())).cached(THEN))
                .isInstanceOfSatisfying(CacheLookup.Hit.class, h -> assertThat(h.root().json()).isEqualTo(
                        s.root().json()));
    }

    @Test
    void sigstoreJavasOwnVersion10AnchorFollowsFiveRootRotations() throws IOException {
        byte[] v10;
        try (InputStream in = SigstoreTufClient.class.getClassLoader()
                .getResourceAsStream(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE)) {
            v10 = in.readAllBytes();
        }

        SelectedTrustRoot s = select(new TufRepositorySpec(server.url(), v10, true), THEN);

        assertThat(s.origin()).as(s.warning().orElse("")).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(Files.readAllBytes(TRUSTED_ROOT));
        assertThat(s.tuf().orElseThrow().tufRootVersion()).isEqualTo(15);
        assertThat(server.takeRequested()).startsWith("11.root.json", "12.root.json", "13.root.json", "14.root.json",
                "15.root.json", "16.root.json", "timestamp.json");
        // The cache keeps the chain of roots, and every read follows the five rotations again from version 10.
        var again = repository(new TufRepositorySpec(server.url(), v10, true));
        assertThat(again.cached(THEN)).isInstanceOfSatisfying(CacheLookup.Hit.class,
                h -> assertThat(h.root().tufRootVersion()).isEqualTo(15));
        assertThat(again.cacheDir().orElseThrow().resolve(Files.readString(again.cacheDir().orElseThrow()
                .resolve("current")).strip()).resolve("11.root.json")).exists();
    }

    @Test
    void todayTheSameMetadataHasExpiredAndIsRefused() {
        SelectedTrustRoot s = select(TufRepositorySpec.productionMirror(server.url()),
                Instant.parse("2026-11-21T12:00:00Z"));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.warning()).get().asString().contains("(15.root.json (pinned): expired at 2026-11-20T13:58:18Z and "
                + "the repository serves nothing newer (a stale mirror, or a freeze attack))");
    }

    @Test
    void theBootstrapRootResourceIsRootVersion15AsItsPropertiesSay() throws IOException {
        Properties p = new Properties();
        try (InputStream in = TufRepositorySpec.class.getResourceAsStream("sigstore-production.tuf-root.properties")) {
            p.load(in);
        }
        byte[] root = TufRepositorySpec.embeddedProductionRoot();
        assertThat(TufRepositorySpec.hex(TufRepositorySpec.sha256(root))).isEqualTo(p.getProperty("sha256"));
        assertThat(root).isEqualTo(Files.readAllBytes(DATA.resolve("15.root.json")));
        assertThat(p.getProperty("version")).isEqualTo("15");
    }
}
