package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.trust.TrustRootDecisions.Fallback;
import dev.pylocktrust.trust.TrustRootDecisions.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TrustRootDecisionsTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration DAY = Duration.ofHours(24);

    static TufRoot root(Instant refreshedAt, Instant expires) {
        return new TufRoot("{}".getBytes(), refreshedAt, expires, 1, 1);
    }

    static Stream<Arguments> plans() {
        Instant week = NOW.plus(Duration.ofDays(7));
        return Stream.of(
                Arguments.of("nothing cached", new CacheLookup.Miss(), false, DAY, Plan.Refresh.class),
                Arguments.of("rejected cache", new CacheLookup.Rejected(TufCheck.SIGNATURES, "x"), false, DAY,
                        Plan.Refresh.class),
                Arguments.of("expired cache", new CacheLookup.Expired(root(NOW, NOW), "x"), false, DAY,
                        Plan.Refresh.class),
                Arguments.of("offline, rejected", new CacheLookup.Rejected(TufCheck.SIGNATURES, "x"), true, DAY,
                        Plan.Offline.class),
                Arguments.of("refreshed an hour ago", hit(NOW.minus(Duration.ofHours(1)), week), false, DAY,
                        Plan.UseCache.class),
                Arguments.of("refreshed a second short of a day ago", hit(NOW.minus(DAY).plusSeconds(1), week),
                        false, DAY, Plan.UseCache.class),
                Arguments.of("refreshed exactly a day ago", hit(NOW.minus(DAY), week), false, DAY,
                        Plan.Refresh.class),
                Arguments.of("refreshed 25 hours ago", hit(NOW.minus(Duration.ofHours(25)), week), false, DAY,
                        Plan.Refresh.class),
                Arguments.of("metadata expired an hour after refresh", hit(NOW.minus(Duration.ofHours(2)),
                        NOW.minus(Duration.ofHours(1))), false, DAY, Plan.Refresh.class),
                Arguments.of("metadata expires now", hit(NOW.minus(Duration.ofHours(2)), NOW), false, DAY,
                        Plan.Refresh.class),
                Arguments.of("refreshed 4 minutes in the future (skew)", hit(NOW.plus(Duration.ofMinutes(4)), week),
                        false, DAY, Plan.UseCache.class),
                Arguments.of("refreshed a day in the future (clock moved back)", hit(NOW.plus(DAY), week), false,
                        DAY, Plan.Refresh.class),
                Arguments.of("max age 0", hit(NOW, week), false, Duration.ZERO, Plan.Refresh.class),
                Arguments.of("offline, fresh", hit(NOW, week), true, DAY, Plan.Offline.class),
                Arguments.of("offline, nothing", new CacheLookup.Miss(), true, DAY, Plan.Offline.class));
    }

    static CacheLookup hit(Instant refreshedAt, Instant expires) {
        return new CacheLookup.Hit(root(refreshedAt, expires));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String name, CacheLookup lookup, boolean offline, Duration maxAge, Class<? extends Plan> expected) {
        assertThat(TrustRootDecisions.plan(lookup, offline, maxAge, Optional.empty(), NOW)).isInstanceOf(expected);
    }

    @Test
    void theVerifiedCacheStandsInWhateverRefreshTimeItRecordsElseTheEmbeddedSnapshot() {
        Instant embedded = Instant.parse("2026-08-21T19:25:56Z");
        TufRoot older = root(embedded.minus(Duration.ofDays(300)), NOW.plus(DAY));
        TufRoot newer = root(embedded.plusSeconds(1), NOW.plus(DAY));
        Optional<Instant> date = Optional.of(embedded);

        assertThat(TrustRootDecisions.fallback(Optional.of(older), true, date)).get()
                .isEqualTo(new Fallback.Cached(older));
        assertThat(TrustRootDecisions.fallback(Optional.of(newer), true, date)).get()
                .isEqualTo(new Fallback.Cached(newer));
        assertThat(TrustRootDecisions.fallback(Optional.empty(), true, date)).get()
                .isEqualTo(new Fallback.Embedded(date));
    }

    @Test
    void theCacheNoteSaysWhyTheCacheIsNotUsed() {
        Optional<java.nio.file.Path> dir = Optional.of(java.nio.file.Path.of("/c/sigstore-tuf/x"));
        assertThat(TrustRootDecisions.cacheNote(new CacheLookup.Rejected(TufCheck.HASHES, "r"), dir))
                .contains("the TUF cache in /c/sigstore-tuf/x failed verification and is ignored (r)");
        assertThat(TrustRootDecisions.cacheNote(new CacheLookup.Expired(root(NOW, NOW), "e"), dir))
                .contains("the TUF cache in /c/sigstore-tuf/x is not used: its signed metadata expired (e)");
        assertThat(TrustRootDecisions.cacheNote(new CacheLookup.Hit(root(NOW, NOW.plus(DAY))), dir)).isEmpty();
        assertThat(TrustRootDecisions.cacheNote(new CacheLookup.Miss(), dir)).isEmpty();
        assertThat(TrustRootDecisions.cacheState(new CacheLookup.Miss())).isEqualTo("nothing is cached");
        assertThat(TrustRootDecisions.cacheState(new CacheLookup.Rejected(TufCheck.HASHES, "r")))
                .isEqualTo("the cache failed verification (r)");
        assertThat(TrustRootDecisions.cacheState(new CacheLookup.Expired(root(NOW, NOW), "e")))
                .isEqualTo("the cached copy has expired (e)");
    }

    @Test
    void aCustomRepositoryNeverFallsBackToTheProductionSnapshot() {
        TufRoot cached = root(NOW.minus(Duration.ofDays(400)), NOW);
        Optional<Instant> date = Optional.of(NOW);

        assertThat(TrustRootDecisions.fallback(Optional.of(cached), false, date)).get()
                .isEqualTo(new Fallback.Cached(cached));
        assertThat(TrustRootDecisions.fallback(Optional.empty(), false, date)).isEmpty();
    }

    @ParameterizedTest(name = "{0} seconds -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0        | less than a minute ago",
        "59       | less than a minute ago",
        "60       | 1 minute ago",
        "3599     | 59 minutes ago",
        "3600     | 1 hour ago",
        "7200     | 2 hours ago",
        "172799   | 47 hours ago",
        "172800   | 2 days ago",
        "7948800  | 92 days ago",
        "-60      | less than a minute ago",
        "-301     | in the future (check this machine's clock)",
    })
    void ageText(long seconds, String expected) {
        assertThat(TrustRootDecisions.ageText(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void warningsNameTheReasonAndTheAgeOfTheRootInUse() {
        Instant refreshed = Instant.parse("2026-11-18T09:30:15.123Z");
        assertThat(TrustRootDecisions.fallbackWarning("https://tuf-repo-cdn.sigstore.dev/", "no answer within 3 s",
                new Fallback.Cached(root(refreshed, NOW)), NOW))
                .isEqualTo("could not refresh the Sigstore trusted root from https://tuf-repo-cdn.sigstore.dev/ (no "
                        + "answer within 3 s); using the cached copy, refreshed 3 days ago (2026-11-18T09:30:15Z)");
        assertThat(TrustRootDecisions.fallbackWarning("https://tuf-repo-cdn.sigstore.dev/", "cannot resolve host "
                + "tuf-repo-cdn.sigstore.dev", new Fallback.Embedded(Optional.of(Instant.parse(
                "2026-08-21T19:25:56Z"))), NOW))
                .isEqualTo("could not refresh the Sigstore trusted root from https://tuf-repo-cdn.sigstore.dev/ "
                        + "(cannot resolve host tuf-repo-cdn.sigstore.dev); using the trusted root embedded in "
                        + "pylock-trust, a snapshot from 91 days ago (2026-08-21T19:25:56Z)");
        assertThat(TrustRootDecisions.fallbackWarning("u", "r", new Fallback.Embedded(Optional.empty()), NOW))
                .isEqualTo("could not refresh the Sigstore trusted root from u (r); using the trusted root embedded in "
                        + "pylock-trust (snapshot date unknown)");
    }
}
