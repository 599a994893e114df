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

/** The pure back-off rules: the window, which records apply, the count, the plan and the warning. */
class RefreshBackOffTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final String URL = "https://tuf-repo-cdn.sigstore.dev/";

    static RefreshFailure failure(Duration ago, int consecutive) {
        return new RefreshFailure(URL, NOW.minus(ago), "no answer within 3 s", consecutive);
    }

    @ParameterizedTest(name = "{0} in a row -> {1} hours")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 24", "7, 24", "9999, 24"})
    void theWindowDoublesUpToADay(int consecutive, long hours) {
        assertThat(RefreshBackOff.window(consecutive)).isEqualTo(Duration.ofHours(hours));
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("nothing recorded", Optional.empty(), null),
                Arguments.of("failed just now", Optional.of(failure(Duration.ZERO, 1)), NOW.plus(Duration.ofHours(1))),
                Arguments.of("failed 59 minutes ago", Optional.of(failure(Duration.ofMinutes(59), 1)),
                        NOW.plus(Duration.ofMinutes(1))),
                Arguments.of("failed exactly an hour ago: the window is over", Optional.of(failure(Duration.ofHours(1),
                        1)), null),
                Arguments.of("third failure in a row, 3 hours ago (window 4 h)", Optional.of(failure(
                        Duration.ofHours(3), 3)), NOW.plus(Duration.ofHours(1))),
                Arguments.of("tenth failure in a row, 25 hours ago (window capped at 24 h)", Optional.of(failure(
                        Duration.ofHours(25), 10)), null),
                Arguments.of("another repository", Optional.of(new RefreshFailure("https://mirror.example/",
                        NOW, "r", 1)), null),
                Arguments.of("same host, another path", Optional.of(new RefreshFailure(URL + "v2/", NOW, "r", 1)),
                        null),
                Arguments.of("a second in the future", Optional.of(failure(Duration.ofSeconds(-1), 1)), null),
                Arguments.of("forged far in the future", Optional.of(new RefreshFailure(URL,
                        Instant.parse("+999999999-12-31T00:00:00Z"), "r", 9999)), null),
                Arguments.of("far in the past", Optional.of(new RefreshFailure(URL,
                        Instant.parse("-999999999-01-01T00:00:00Z"), "r", 9999)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void onlyARecentFailureOfTheSameRepositoryHoldsBackARefresh(String name, Optional<RefreshFailure> record,
                                                                  Instant nextAttempt) {
        Optional<RefreshBackOff.Active> active = RefreshBackOff.active(record, URL, NOW);
        if (nextAttempt == null) {
            assertThat(active).isEmpty();
        } else {
            assertThat(active).contains(new RefreshBackOff.Active(record.orElseThrow(), nextAttempt));
        }
    }

    @Test
    void theCountGrowsOnlyOverFailuresOfTheSameRepositoryThatAreNotInTheFuture() {
        assertThat(RefreshBackOff.next(Optional.empty(), URL, "r", NOW))
                .isEqualTo(new RefreshFailure(URL, NOW, "r", 1));
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ofHours(30), 4)), URL, "r", NOW))
                .isEqualTo(new RefreshFailure(URL, NOW, "r", 5));
        assertThat(RefreshBackOff.next(Optional.of(new RefreshFailure("https://other.example/", NOW, "x", 4)), URL,
                "r", NOW)).isEqualTo(new RefreshFailure(URL, NOW, "r", 1));
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ofDays(-1), 4)), URL, "r", NOW))
                .isEqualTo(new RefreshFailure(URL, NOW, "r", 1));
        // 8 h window + a day of grace: 31 h ago still counts, 33 h ago starts afresh
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ofHours(31), 4)), URL, "r", NOW).consecutive())
                .isEqualTo(5);
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ofHours(33), 4)), URL, "r", NOW).consecutive())
                .isEqualTo(1);
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ofDays(40), 9)), URL, "r", NOW).consecutive())
                .isEqualTo(1);
        assertThat(RefreshBackOff.next(Optional.of(failure(Duration.ZERO, RefreshFailure.MAX_CONSECUTIVE)), URL, "r",
                NOW).consecutive()).isEqualTo(RefreshFailure.MAX_CONSECUTIVE);
    }

    @Test
    void aRememberedFailureOnlyMattersWhenARefreshWouldHappen() {
        var active = Optional.of(new RefreshBackOff.Active(failure(Duration.ZERO, 1), NOW.plus(Duration.ofHours(1))));
        var fresh = new CacheLookup.Hit(new TufRoot("{}".getBytes(), NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(7)), 1, 1));
        Duration day = Duration.ofHours(24);

        assertThat(TrustRootDecisions.plan(new CacheLookup.Miss(), false, day, active, NOW))
                .isEqualTo(new Plan.BackOff(active.get()));
        assertThat(TrustRootDecisions.plan(fresh, false, day, active, NOW)).isEqualTo(new Plan.UseCache(fresh.root()));
        assertThat(TrustRootDecisions.plan(fresh, true, day, active, NOW)).isInstanceOf(Plan.Offline.class);
        // --trust-root-max-age 0 says how often a working repository is asked, not a failing one.
        assertThat(TrustRootDecisions.plan(fresh, false, Duration.ZERO, active, NOW))
                .isEqualTo(new Plan.BackOff(active.get()));
        assertThat(TrustRootDecisions.plan(fresh, false, Duration.ZERO, Optional.empty(), NOW))
                .isInstanceOf(Plan.Refresh.class);
    }

    @Test
    void theWarningSaysWhenAndWhyItFailedWhenTheNextAttemptIsAndHowToForceOne() {
        var once = new RefreshBackOff.Active(new RefreshFailure(URL, Instant.parse("2026-11-21T11:50:00.123Z"),
                "cannot resolve host tuf-repo-cdn.sigstore.dev", 1), Instant.parse("2026-11-21T12:50:00.123Z"));
        TufRoot cached = new TufRoot("{}".getBytes(), Instant.parse("2026-11-18T12:00:00Z"), NOW, 1, 1);

        assertThat(RefreshBackOff.warning(URL, once, new Fallback.Cached(cached), NOW)).isEqualTo(
                "not refreshing the Sigstore trusted root from https://tuf-repo-cdn.sigstore.dev/: the last attempt "
                        + "failed at 2026-11-21T11:50:00Z (cannot resolve host tuf-repo-cdn.sigstore.dev), the next is "
                        + "due after 2026-11-21T12:50:00Z (to try now, run 'pylock-trust trust-root update' with the "
                        + "same options); using the cached copy, refreshed 3 days ago (2026-11-18T12:00:00Z)");

        var thrice = new RefreshBackOff.Active(new RefreshFailure(URL, Instant.parse("2026-11-21T10:00:00Z"),
                "no answer within 3 s", 3), Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(RefreshBackOff.warning(URL, thrice, new Fallback.Embedded(Optional.of(Instant.parse(
                "2026-08-21T19:25:56Z"))), NOW)).isEqualTo(
                "not refreshing the Sigstore trusted root from https://tuf-repo-cdn.sigstore.dev/: the last attempt "
                        + "failed at 2026-11-21T10:00:00Z (no answer within 3 s; 3 failures in a row), the next is due "
                        + "after 2026-11-21T14:00:00Z (to try now, run 'pylock-trust trust-root update' with the same "
                        + "options); using the trusted root embedded in pylock-trust, a snapshot from 91 days ago "
                        + "(2026-08-21T19:25:56Z)");
    }
}
