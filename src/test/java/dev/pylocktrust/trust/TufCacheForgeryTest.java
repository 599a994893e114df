package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link TufForgery} a writer of the cache directory can plant: the cache lookup names the check that catches
 * it, offline nothing is trusted instead of it (this repository has no embedded stand-in), and online the one warning
 * names the check and a refresh replaces the forgery with the repository's root. The CLI's
 * {@code TrustRootCacheForgeryTest} runs the same forgeries through {@code verify}.
 */
class TufCacheForgeryTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    static byte[] attackerRoot;
    static byte[] honestRoot;

    @TempDir
    Path cache;

    TufForgery.World world;

    @BeforeAll
    static void roots() {
        attackerRoot = TestSigstore.create(66, Clock.fixed(NOW, ZoneOffset.UTC)).trustedRootJson();
        honestRoot = TestSigstore.create(7, Clock.fixed(NOW, ZoneOffset.UTC)).trustedRootJson();
    }

    @BeforeEach
    void world() throws IOException {
        world = TufForgery.world(attackerRoot, honestRoot, NOW, cache);
    }

    @AfterEach
    void stop() throws IOException {
        world.tuf().close();
    }

    @Test
    void theControlAGenuineCacheIsUsedWithoutARequest() {
        world.tuf().plant(world.tuf().genuineGeneration(), NOW);

        SelectedTrustRoot s = world.tuf().select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(world.honestTrustedRoot());
        assertThat(s.warning()).isEmpty();
        assertThat(world.tuf().server.takeRequested()).isEmpty();
    }

    @Test
    void trustRootUpdateReplacesAForgedCacheAndSaysWhatItReplaced() {
        TufForgery.Expected expected = TufForgery.UNSIGNED.plant(world);

        SelectedTrustRoot s = world.tuf().update(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(world.honestTrustedRoot());
        assertThat(s.warning()).contains("the TUF cache in " + world.tuf().repositoryDir() + " failed verification and "
                + "is ignored (" + expected.reason() + ")");
        assertThat(world.tuf().repository().cached(NOW)).isInstanceOf(CacheLookup.Hit.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TufForgery.class)
    void theLookupNamesTheCheckThatCatchesTheForgery(TufForgery forgery) {
        TufForgery.Expected expected = forgery.plant(world);

        CacheLookup lookup = world.tuf().repository().cached(NOW);

        if (expected.check() == TufCheck.EXPIRED) {
            // Genuine, only old: expiry is the one check it fails.
            assertThat(lookup).isInstanceOfSatisfying(CacheLookup.Expired.class,
                    e -> assertThat(e.reason()).isEqualTo(expected.reason()));
        } else {
            assertThat(lookup).isEqualTo(new CacheLookup.Rejected(expected.check(), expected.reason()));
        }
        assertThat(lookup.cachedRoot()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TufForgery.class)
    void offlineTheForgeryIsNotTrustedAndTheErrorNamesTheCheck(TufForgery forgery) {
        TufForgery.Expected expected = forgery.plant(world);

        assertThatThrownBy(() -> world.tuf().select(NOW, LoopbackTuf.DAY, true))
                .isInstanceOf(NetworkException.class)
                .hasMessageStartingWith("no Sigstore trusted root is available for the TUF repository "
                        + world.tuf().server.url() + ": --offline was given, and ")
                .hasMessageEndingWith(" (" + expected.reason() + ")");
        assertThat(world.tuf().server.requestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TufForgery.class)
    void onlineTheRepositorysRootReplacesTheForgeryWithOneWarningNamingTheCheck(TufForgery forgery) {
        TufForgery.Expected expected = forgery.plant(world);

        SelectedTrustRoot s = world.tuf().select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(world.honestTrustedRoot());
        if (expected.check() == TufCheck.EXPIRED) {
            // Old genuine metadata is what every refresh starts from: replacing it needs no warning.
            assertThat(s.warning()).isEmpty();
        } else {
            assertThat(s.warning()).contains("the TUF cache in " + world.tuf().repositoryDir() + " failed "
                    + "verification and is ignored (" + expected.reason() + ")");
            assertThat(s.cacheIgnored()).contains(expected.reason());
        }
        assertThat(world.tuf().repository().cached(NOW).cachedRoot()).get()
                .extracting(TufRoot::json).isEqualTo(world.honestTrustedRoot());
    }
}
