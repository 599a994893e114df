package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TrustRootSelector} over a scripted {@link TufRepository}: the time bound, abandonment, and what is (not)
 * committed. The TUF client itself is exercised in {@code TufRefreshTest}.
 */
class TrustRootSelectorTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration DAY = Duration.ofHours(24);
    static final Instant EMBEDDED_DATE = TrustRoot.embeddedProductionSnapshotDate().orElseThrow();
    static byte[] testRoot;

    @BeforeAll
    static void root() {
        testRoot = TestSigstore.create(7, Clock.fixed(NOW, ZoneOffset.UTC)).trustedRootJson();
    }

    static TufRoot tufRoot(byte[] json, Instant refreshedAt) {
        return new TufRoot(json, refreshedAt, refreshedAt.plus(Duration.ofDays(7)), 3, 5);
    }

    /** A repository whose refresh does what the test says, recording commits and discards. */
    static final class ScriptedRepository implements TufRepository {
        interface Refresh {
            TufRoot run(RefreshBudget budget) throws Exception;
        }

        final boolean production;
        CacheLookup cached = new CacheLookup.Miss();
        Optional<RefreshFailure> failure = Optional.empty();
        int failureReads;
        Refresh refresh = b -> {
            throw new TufRefreshException("not scripted");
        };
        IOException commitFailure;
        int refreshes;
        final List<String> events = new ArrayList<>();
        final CountDownLatch finished = new CountDownLatch(1);
        final CountDownLatch discarded = new CountDownLatch(1);

        ScriptedRepository(boolean production) {
            this.production = production;
        }

        @Override
        public String url() {
            return "https://tuf.example/";
        }

        @Override
        public boolean productionFallback() {
            return production;
        }

        @Override
        public Optional<Path> cacheDir() {
            return Optional.of(Path.of("/cache/tuf"));
        }

        @Override
        public CacheLookup cached(Instant now) {
            return cached;
        }

        @Override
        public Optional<RefreshFailure> lastFailure() {
            failureReads++;
            return failure;
        }

        @Override
        public void recordFailure(RefreshFailure f) {
            events.add("record " + f.consecutive() + ": " + f.reason());
            failure = Optional.of(f);
        }

        @Override
        public void clearFailure() {
            events.add("clear");
            failure = Optional.empty();
        }

        @Override
        public Refreshed refresh(Instant now, RefreshBudget budget) throws TufRefreshException {
            refreshes++;
            try {
                TufRoot root = refresh.run(budget);
                return new Refreshed() {
                    @Override
                    public TufRoot root() {
                        return root;
                    }

                    @Override
                    public void commit() throws IOException {
                        events.add("commit");
                        if (commitFailure != null) {
                            throw commitFailure;
                        }
                    }

                    @Override
                    public void discard() {
                        events.add("discard");
                        discarded.countDown();
                    }
                };
            } catch (TufRefreshException e) {
                throw e;
            } catch (Exception e) {
                throw new TufRefreshException(e.toString(), e);
            } finally {
                finished.countDown();
            }
        }
    }

    private static TrustRootSelector selector(TufRepository repo, Duration timeout, boolean offline) {
        return new TrustRootSelector(repo, new TrustRootSelector.Settings(DAY, timeout, offline));
    }

    @Test
    @Timeout(30) // a hang guard, not a measurement: the bound is 0.2 s, the refresh would block forever
    void aRefreshThatDoesNotFinishIsAbandonedAtTheBoundAndCancelled() throws Exception {
        var repo = new ScriptedRepository(true);
        CountDownLatch sawCancel = new CountDownLatch(1);
        repo.refresh = budget -> {
            while (!budget.cancelled()) {
                Thread.sleep(5);
            }
            sawCancel.countDown();
            throw new IOException("cancelled");
        };

        SelectedTrustRoot s = selector(repo, Duration.ofMillis(200), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.root()).isSameAs(TrustRoot.embeddedProduction());
        assertThat(s.warning()).contains("could not refresh the Sigstore trusted root from https://tuf.example/ (no "
                + "answer within 0.2 s); using the trusted root embedded in pylock-trust, a snapshot from "
                + Duration.between(EMBEDDED_DATE, NOW).toDays() + " days ago (" + EMBEDDED_DATE + ")");
        assertThat(sawCancel.await(20, TimeUnit.SECONDS)).as("the refresh saw the cancellation").isTrue();
    }

    @Test
    @Timeout(30)
    void aRefreshThatCompletesAfterTheBoundIsDiscardedNotCommitted() throws Exception {
        var repo = new ScriptedRepository(true);
        CountDownLatch late = new CountDownLatch(1);
        repo.refresh = budget -> {
            late.await();
            return tufRoot(testRoot, NOW);
        };
        var selector = selector(repo, Duration.ofMillis(100), false);

        SelectedTrustRoot s = selector.select(NOW);
        late.countDown();

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(repo.discarded.await(20, TimeUnit.SECONDS)).as("the late refresh is discarded").isTrue();
        assertThat(repo.events).containsExactly("record 1: no answer within 0.1 s", "discard");
    }

    @Test
    void aFreshCacheIsUsedWithoutRefreshing() {
        var repo = new ScriptedRepository(true);
        repo.cached = new CacheLookup.Hit(tufRoot(testRoot, NOW.minus(Duration.ofHours(2))));

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.root().label()).isEqualTo("Sigstore production root (via TUF)");
        assertThat(s.root().snapshotDate()).contains(NOW.minus(Duration.ofHours(2)));
        assertThat(s.age(NOW)).contains("2 hours ago (2026-11-21T10:00:00Z)");
        assertThat(repo.refreshes).isZero();
    }

    @Test
    void anUnusableRefreshedRootIsDiscardedNotCommitted() {
        var repo = new ScriptedRepository(false);
        repo.refresh = b -> tufRoot("{\"mediaType\":\"x\"}".getBytes(), NOW);

        var selector = selector(repo, Duration.ofSeconds(5), false);
        var error = org.assertj.core.api.Assertions.catchThrowable(() -> selector.select(NOW));

        assertThat(error).hasMessage("no Sigstore trusted root is available for the TUF repository "
                + "https://tuf.example/: the trusted_root.json it serves is not usable by sigstore-java, and nothing "
                + "is cached");
        assertThat(repo.events).containsExactly("discard",
                "record 1: the trusted_root.json it serves is not usable by sigstore-java");
    }

    @Test
    void aCommitFailureKeepsTheVerifiedRootAndSaysTheCacheWasNotWritten() {
        var repo = new ScriptedRepository(false);
        repo.refresh = b -> tufRoot(testRoot, NOW);
        repo.commitFailure = new IOException("Read-only file system");

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().label()).isEqualTo("trusted root from the TUF repository https://tuf.example/");
        assertThat(s.warning()).contains("the refreshed Sigstore trusted root could not be saved in /cache/tuf "
                + "(Read-only file system); the next run will fetch it again");
        assertThat(repo.events).containsExactly("commit", "discard", "clear");
    }

    @Test
    void aVerifiedCacheStandsInWhateverTheRefreshTimeItRecordsAndAnExpiredOneDoesNot() {
        var repo = new ScriptedRepository(true);
        repo.cached = new CacheLookup.Hit(tufRoot(testRoot, EMBEDDED_DATE.minus(Duration.ofDays(10))));
        repo.refresh = b -> {
            throw new TufRefreshException("cannot connect (Connection refused)");
        };

        SelectedTrustRoot verified = selector(repo, Duration.ofSeconds(5), false).select(NOW);
        assertThat(verified.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(verified.cacheIgnored()).isEmpty();

        repo.cached = new CacheLookup.Expired(tufRoot(testRoot, NOW.minus(Duration.ofDays(2))),
                "timestamp.json: expired at 2026-11-20T00:00:00Z");
        repo.failure = Optional.empty(); // another runner: no failure remembered, so it tries and falls back
        SelectedTrustRoot expired = selector(repo, Duration.ofSeconds(5), false).select(NOW);
        assertThat(expired.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(expired.cacheIgnored()).contains("timestamp.json: expired at 2026-11-20T00:00:00Z");
        assertThat(expired.warning()).get().asString().startsWith("the TUF cache in /cache/tuf is not used: its "
                + "signed metadata expired (timestamp.json: expired at 2026-11-20T00:00:00Z); could not refresh the "
                + "Sigstore trusted root from https://tuf.example/ (cannot connect (Connection refused)); using the "
                + "trusted root embedded in pylock-trust, a snapshot from ");
    }

    @Test
    void offlineNeverRefreshesAndIsSilentWhenNothingIsCached() {
        var repo = new ScriptedRepository(true);

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), true).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.warning()).isEmpty();
        assertThat(repo.refreshes).isZero();
    }

    @Test
    void offlineWithACacheThatFailedVerificationSaysSoOnceAndUsesTheEmbeddedSnapshot() {
        var repo = new ScriptedRepository(true);
        repo.cached = new CacheLookup.Rejected(TufCheck.SIGNATURES, "timestamp.json: not signed by enough trusted "
                + "keys (threshold 1, valid signatures 0)");

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), true).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.cacheIgnored()).contains("timestamp.json: not signed by enough trusted keys (threshold 1, valid "
                + "signatures 0)");
        assertThat(s.warning()).get().asString().startsWith("the TUF cache in /cache/tuf failed verification and is "
                + "ignored (timestamp.json: not signed by enough trusted keys (threshold 1, valid signatures 0)); "
                + "using the trusted root embedded in pylock-trust, a snapshot from ");
        assertThat(repo.refreshes).isZero();
    }

    @Test
    void anUnusableCachedRootIsRefreshed() {
        var repo = new ScriptedRepository(false);
        repo.cached = new CacheLookup.Hit(tufRoot("{}".getBytes(), NOW.minus(Duration.ofHours(1))));
        repo.refresh = b -> tufRoot(testRoot, NOW);

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.warning()).contains("the TUF cache in /cache/tuf failed verification and is ignored "
                + "(targets/trusted_root.json: not a trusted root sigstore-java can use)");
        assertThat(repo.refreshes).isEqualTo(1);
    }

    @Test
    void aRecentFailureSkipsTheRefreshAndSaysWhenItFailedAndWhenTheNextAttemptIs() {
        var repo = new ScriptedRepository(true);
        repo.cached = new CacheLookup.Hit(tufRoot(testRoot, NOW.minus(Duration.ofDays(2))));
        repo.failure = Optional.of(new RefreshFailure("https://tuf.example/", NOW.minus(Duration.ofMinutes(10)),
                "cannot connect (Connection refused)", 1));

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).contains("not refreshing the Sigstore trusted root from https://tuf.example/: the last "
                + "attempt failed at 2026-11-21T11:50:00Z (cannot connect (Connection refused)), the next is due after "
                + "2026-11-21T12:50:00Z (to try now, run 'pylock-trust trust-root update' with the same options); "
                + "using the cached copy, refreshed 2 days ago (2026-11-19T12:00:00Z)");
        assertThat(repo.refreshes).isZero();
        assertThat(repo.events).isEmpty();
    }

    @Test
    void aFailedRefreshIsRememberedAndCountedAndASuccessForgetsIt() {
        var repo = new ScriptedRepository(true);
        repo.refresh = b -> {
            throw new TufRefreshException("cannot connect (Connection refused)");
        };
        var selector = selector(repo, Duration.ofSeconds(5), false);

        selector.select(NOW);
        assertThat(repo.failure).contains(new RefreshFailure("https://tuf.example/", NOW,
                "cannot connect (Connection refused)", 1));
        selector.select(NOW.plus(Duration.ofMinutes(59)));
        assertThat(repo.refreshes).isEqualTo(1);

        selector.select(NOW.plus(Duration.ofHours(1)));
        assertThat(repo.refreshes).isEqualTo(2);
        assertThat(repo.failure).contains(new RefreshFailure("https://tuf.example/", NOW.plus(Duration.ofHours(1)),
                "cannot connect (Connection refused)", 2));

        repo.refresh = b -> tufRoot(testRoot, NOW.plus(Duration.ofHours(3)));
        SelectedTrustRoot s = selector.select(NOW.plus(Duration.ofHours(3)));
        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.warning()).isEmpty();
        assertThat(repo.failure).isEmpty();
        assertThat(repo.events).containsExactly("record 1: cannot connect (Connection refused)",
                "record 2: cannot connect (Connection refused)", "commit", "clear");
    }

    @Test
    void withNothingToStandInARecentFailureDoesNotStopARefresh() {
        var repo = new ScriptedRepository(false);
        repo.failure = Optional.of(new RefreshFailure("https://tuf.example/", NOW.minusSeconds(60), "r", 1));
        repo.refresh = b -> tufRoot(testRoot, NOW);

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), false).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(repo.refreshes).isEqualTo(1);
        assertThat(repo.events).containsExactly("commit", "clear");
    }

    @Test
    void updateAlwaysTriesClearsTheRecordOnSuccessAndCountsAFailure() {
        var repo = new ScriptedRepository(true);
        repo.failure = Optional.of(new RefreshFailure("https://tuf.example/", NOW.minusSeconds(60), "r", 2));
        repo.refresh = b -> {
            throw new TufRefreshException("cannot connect (Connection refused)");
        };
        var selector = selector(repo, Duration.ofSeconds(5), false);

        var error = org.assertj.core.api.Assertions.catchThrowable(() -> selector.update(NOW));
        assertThat(error).hasMessage("cannot refresh the Sigstore trusted root from https://tuf.example/: cannot "
                + "connect (Connection refused)");
        assertThat(repo.refreshes).isEqualTo(1);
        assertThat(repo.failure).contains(new RefreshFailure("https://tuf.example/", NOW,
                "cannot connect (Connection refused)", 3));

        repo.refresh = b -> tufRoot(testRoot, NOW);
        assertThat(selector.update(NOW.plusSeconds(1)).origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(repo.refreshes).isEqualTo(2);
        assertThat(repo.failure).isEmpty();
    }

    @Test
    @Timeout(30) // a hang guard: the refresh blocks until cancelled
    void anInterruptedRunRemembersNothingAboutTheRepository() throws Exception {
        var repo = new ScriptedRepository(true);
        repo.refresh = budget -> {
            while (!budget.cancelled()) {
                Thread.sleep(5);
            }
            throw new IOException("cancelled");
        };
        var selector = selector(repo, Duration.ofSeconds(20), false);

        Thread.currentThread().interrupt();
        SelectedTrustRoot s;
        try {
            s = selector.select(NOW);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }

        assertThat(s.warning()).get().asString().contains("(interrupted)");
        assertThat(repo.failure).isEmpty();
        assertThat(repo.finished.await(20, TimeUnit.SECONDS)).as("the cancelled refresh ends").isTrue();
    }

    @Test
    void offlineNeitherReadsNorWritesTheRecord() {
        var repo = new ScriptedRepository(true);
        repo.failure = Optional.of(new RefreshFailure("https://tuf.example/", NOW.minusSeconds(1), "r", 1));

        SelectedTrustRoot s = selector(repo, Duration.ofSeconds(5), true).select(NOW);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.warning()).isEmpty();
        assertThat(repo.failureReads).isZero();
        assertThat(repo.events).isEmpty();
    }
}
