package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF refresh end to end: the TUF client ({@link TufVerification} over {@link TufMirror}) against a repository
 * built in the test (keys generated here) and served on loopback, through {@link SigstoreTufRepository},
 * {@link TufCacheDir} and {@link TrustRootSelector}. Every test names the requests it expects, so "no request" is
 * checked, not assumed.
 */
class TufRefreshTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration DAY = LoopbackTuf.DAY;
    static final Duration BOUND = LoopbackTuf.BOUND;

    static byte[] testRoot;
    static byte[] otherRoot;

    @TempDir
    Path cache;

    LoopbackTuf tuf;
    TestTufRepository repo;
    TufServer server;

    @BeforeAll
    static void roots() {
        testRoot = TestSigstore.create(7, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
        otherRoot = TestSigstore.create(8, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
    }

    @BeforeEach
    void serve() throws IOException {
        tuf = LoopbackTuf.serve(TestTufRepository.create(testRoot, T0), cache);
        repo = tuf.repo;
        server = tuf.server;
    }

    @AfterEach
    void stop() throws IOException {
        tuf.close();
    }

    private SigstoreTufRepository repository() {
        return tuf.repository();
    }

    /** A new selector and repository object each time: like a new process sharing the cache directory. */
    private SelectedTrustRoot select(Instant now) {
        return tuf.select(now);
    }

    private List<String> fullFetch(int rootVersion) {
        return List.of((rootVersion + 1) + ".root.json", "timestamp.json", repo.targetsVersion() + ".snapshot.json",
                repo.targetsVersion() + ".targets.json", repo.targetPath());
    }

    @Test
    void firstFetchVerifiesEveryRoleAndCachesTheRoot() {
        SelectedTrustRoot s = select(T0);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).isEmpty();
        assertThat(s.asOf()).contains(T0);
        assertThat(s.location()).isEqualTo(server.url().toString());
        assertThat(s.tuf()).get().satisfies(t -> {
            assertThat(t.targetsVersion()).isEqualTo(1);
            assertThat(t.tufRootVersion()).isEqualTo(1);
            assertThat(t.metadataExpires()).isEqualTo(T0.plus(Duration.ofDays(7)));
        });
        assertThat(server.takeRequested()).isEqualTo(fullFetch(1));
        assertThat(repository().cached(T0)).isInstanceOfSatisfying(CacheLookup.Hit.class,
                h -> assertThat(h.root().json()).isEqualTo(testRoot));
    }

    @Test
    void secondRunWithinTheMaximumAgeMakesNoRequest() {
        select(T0);
        server.takeRequested();

        SelectedTrustRoot second = select(T0.plus(Duration.ofHours(23)));

        assertThat(second.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(second.root().json()).isEqualTo(testRoot);
        assertThat(second.asOf()).contains(T0);
        assertThat(second.warning()).isEmpty();
        assertThat(server.takeRequested()).isEmpty();
    }

    @Test
    void aDayLaterTheRefreshAsksOnlyForTheNextRootAndTheTimestamp() {
        select(T0);
        server.takeRequested();

        SelectedTrustRoot later = select(T0.plus(Duration.ofHours(25)));

        assertThat(later.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(later.asOf()).contains(T0.plus(Duration.ofHours(25)));
        // Unchanged timestamp: no snapshot, no targets, and the cached target still matches its hashes.
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void expiredTimestampMetadataForcesARefreshBeforeTheMaximumAge() {
        repo.publishTimestamp(T0.plus(Duration.ofHours(2)));
        select(T0);
        server.takeRequested();
        repo.publishTimestamp(T0.plus(Duration.ofDays(2)));

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(3)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.tuf().orElseThrow().metadataExpires()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(s.warning()).as("an expired cache is refreshed silently").isEmpty();
        // A new timestamp naming the same snapshot: snapshot, targets and target are the cached ones, verified again.
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void aMirrorThatKeepsServingAnExpiredTimestampIsAFreezeAndTheExpiredCacheIsNotUsedEither() {
        repo.publishTimestamp(T0.plus(Duration.ofHours(2)));
        select(T0);
        server.takeRequested();

        assertThatThrownBy(() -> select(T0.plus(Duration.ofHours(3)))).isInstanceOf(NetworkException.class)
                .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url() + ": "
                        + "timestamp.json: expired at 2026-11-21T14:00:00Z and the repository serves nothing newer "
                        + "(a stale mirror, or a freeze attack), and the cached copy has expired (timestamp.json: "
                        + "expired at 2026-11-21T14:00:00Z)");
    }

    @Test
    void aNewlyPublishedTrustedRootIsPickedUpAtTheNextRefresh() {
        select(T0);
        repo.publishTrustedRoot(otherRoot);
        server.takeRequested();

        assertThat(select(T0.plus(Duration.ofHours(1))).root().json()).as("still fresh").isEqualTo(testRoot);
        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(25)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(otherRoot);
        assertThat(s.tuf().orElseThrow().targetsVersion()).isEqualTo(2);
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json", "2.snapshot.json",
                "2.targets.json", repo.targetPath());
    }

    @Test
    void aTamperedTargetIsRejectedAndNeverCached() {
        select(T0);
        repo.publishTrustedRoot(otherRoot);
        byte[] evil = new String(otherRoot).replace("sigstore.test", "evil.test").getBytes();
        repo.tamperWithTarget(evil);

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(25)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).contains("could not refresh the Sigstore trusted root from " + server.url() + " ("
                + repo.targetPath() + ": has " + evil.length + " bytes, 2.targets.json says " + otherRoot.length
                + " (tampered or corrupted)); using the cached copy, refreshed 25 hours ago (2026-11-21T12:00:00Z)");
        assertThat(repository().cached(T0).cachedRoot().orElseThrow().json()).isEqualTo(testRoot);
        assertThat(workDirs()).isEmpty();
    }

    @Test
    void aTamperedTargetOnFirstFetchLeavesNothingToUseForACustomRepository() {
        byte[] sameLength = testRoot.clone();
        sameLength[sameLength.length - 2] ^= 1;
        repo.tamperWithTarget(sameLength);

        assertThatThrownBy(() -> select(T0)).isInstanceOf(NetworkException.class)
                .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url() + ": "
                        + repo.targetPath() + ": does not match the sha256 in 1.targets.json (tampered or "
                        + "corrupted), and nothing is cached");
        assertThat(repository().cached(T0)).isInstanceOf(CacheLookup.Miss.class);
    }

    @Test
    void targetsSignedByAnUntrustedKeyAreRejected() {
        repo.signTargetsWithUntrustedKey();

        assertThatThrownBy(() -> select(T0)).isInstanceOf(NetworkException.class)
                .hasMessageContaining(": 1.targets.json: not signed by enough trusted keys (threshold 1, valid "
                        + "signatures 0), and nothing is cached");
    }

    @Test
    void aRotatedRootIsFollowedWhenSignedByTheOldAndTheNewRootKeys() {
        select(T0);
        repo.rotateRootAndTimestampKeys();
        server.takeRequested();

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(25)));

        assertThat(s.origin()).as(s.warning().toString()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.tuf().orElseThrow().tufRootVersion()).isEqualTo(2);
        // The snapshot keys did not change: the cached snapshot (and targets, and target) still verify.
        assertThat(server.takeRequested()).containsExactly("2.root.json", "3.root.json", "timestamp.json");
        assertThat(repository().cached(T0.plus(Duration.ofHours(25)))).isInstanceOfSatisfying(CacheLookup.Hit.class,
                h -> assertThat(h.root().tufRootVersion()).isEqualTo(2));
        assertThat(generationDir().resolve("2.root.json")).as("the chain from the pinned root is cached").exists();
    }

    @Test
    void anUnreachableMirrorFallsBackToTheCacheWithAWarning() throws IOException {
        select(T0);
        server.close();

        SelectedTrustRoot s = select(T0.plus(Duration.ofDays(3)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).get().asString()
                .startsWith("could not refresh the Sigstore trusted root from " + server.url() + " (cannot connect")
                .endsWith("); using the cached copy, refreshed 3 days ago (2026-11-21T12:00:00Z)");
    }

    @Test
    @Timeout(60) // a hang guard, not a measurement: the mirror would hold the request for 60 s
    void aMirrorThatNeverAnswersIsAbandonedAtTheBoundAndTheCacheStaysAsItWas() throws InterruptedException {
        select(T0);
        server.hang();
        var awaited = new AwaitedRepository(repository());
        var selector = new TrustRootSelector(awaited, new TrustRootSelector.Settings(DAY, Duration.ofMillis(300), false));

        SelectedTrustRoot s = selector.select(T0.plus(Duration.ofHours(25)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).get().asString()
                .startsWith("could not refresh the Sigstore trusted root from " + server.url()
                        + " (no answer within 0.3 s")
                .endsWith("); using the cached copy, refreshed 25 hours ago (2026-11-21T12:00:00Z)");
        assertThat(awaited.awaitRefresh(Duration.ofSeconds(30))).as("the abandoned refresh ends").isTrue();
        assertThat(repository().cached(T0).cachedRoot().orElseThrow().refreshedAt()).isEqualTo(T0);
        assertThat(workDirs()).isEmpty();
    }

    @Test
    void anUnreachableProductionMirrorWithNothingCachedFallsBackToTheEmbeddedSnapshot() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var mirror = java.net.URI.create("http://127.0.0.1:" + closedPort + "/");
        var production = new SigstoreTufRepository(TufRepositorySpec.productionMirror(mirror), Optional.of(cache),
                BOUND);

        SelectedTrustRoot s = new TrustRootSelector(production, new TrustRootSelector.Settings(DAY, BOUND, false))
                .select(T0);

        Instant snapshot = dev.pylocktrust.attest.TrustRoot.embeddedProductionSnapshotDate().orElseThrow();
        assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
        assertThat(s.root()).isSameAs(dev.pylocktrust.attest.TrustRoot.embeddedProduction());
        assertThat(s.warning()).get().asString()
                .startsWith("could not refresh the Sigstore trusted root from " + mirror + " (cannot connect (")
                .endsWith("); using the trusted root embedded in pylock-trust, a snapshot from "
                        + Duration.between(snapshot, T0).toDays() + " days ago (" + snapshot + ")");
    }

    @Test
    void aDamagedCacheIsIgnoredWithOneWarningAndRebuiltFromTheBootstrapRoot() throws IOException {
        select(T0);
        server.takeRequested();
        Path target = generationDir().resolve("targets").resolve("trusted_root.json");
        Files.write(target, "{\"truncated\":".getBytes());
        String reason = "targets/trusted_root.json: has 13 bytes, targets.json says " + testRoot.length
                + " (tampered or corrupted)";
        assertThat(repository().cached(T0)).isEqualTo(new CacheLookup.Rejected(TufCheck.HASHES, reason));

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(1)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).contains("the TUF cache in " + tuf.repositoryDir() + " failed verification and is "
                + "ignored (" + reason + ")");
        assertThat(s.cacheIgnored()).contains(reason);
        assertThat(server.takeRequested()).isEqualTo(fullFetch(1));
        assertThat(repository().cached(T0)).isInstanceOf(CacheLookup.Hit.class);
    }

    @Test
    void withoutACacheEveryRunRefreshesAndNothingIsWritten() throws IOException {
        var noCache = new SigstoreTufRepository(TufRepositorySpec.custom(server.url(), repo.bootstrapRoot()),
                Optional.empty(), BOUND);
        var selector = new TrustRootSelector(noCache, new TrustRootSelector.Settings(DAY, BOUND, false));

        assertThat(selector.select(T0).origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(selector.select(T0).origin()).isEqualTo(TrustRootOrigin.TUF);

        assertThat(server.takeRequested()).hasSize(2 * fullFetch(1).size());
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnwritableCacheStillGetsAVerifiedRootAndSaysItWasNotSaved() throws IOException {
        Path notADirectory = Files.writeString(cache.resolve("file"), "x");
        var repository = new SigstoreTufRepository(TufRepositorySpec.custom(server.url(), repo.bootstrapRoot()),
                Optional.of(notADirectory), BOUND);

        SelectedTrustRoot s = new TrustRootSelector(repository, new TrustRootSelector.Settings(DAY, BOUND, false))
                .select(T0);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).contains("the refreshed Sigstore trusted root could not be saved in "
                + repository.cacheDir().orElseThrow() + " (" + notADirectory.resolve("sigstore-tuf") + ": Not a "
                + "directory); the next run will fetch it again");
        assertThat(server.takeRequested()).isEqualTo(fullFetch(1));
    }

    @Test
    void malformedProxySettingsFailTheRefreshWithAReasonNotTheCommand() {
        select(T0);
        var withBadProxy = new SigstoreTufRepository(TufRepositorySpec.custom(server.url(), repo.bootstrapRoot()),
                Optional.of(cache), BOUND, java.util.Map.of("https_proxy", "ftp://proxy.corp:21"));

        SelectedTrustRoot s = new TrustRootSelector(withBadProxy, new TrustRootSelector.Settings(DAY, BOUND, false))
                .select(T0.plus(Duration.ofDays(2)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).contains("could not refresh the Sigstore trusted root from " + server.url()
                + " (cannot use the proxy settings: the proxy in $https_proxy has unsupported scheme 'ftp'); using "
                + "the cached copy, refreshed 2 days ago (2026-11-21T12:00:00Z)");
    }

    @Test
    void maximumAgeZeroRefreshesOnEveryRun() {
        var selector = new TrustRootSelector(repository(),
                new TrustRootSelector.Settings(Duration.ZERO, BOUND, false));
        selector.select(T0);
        server.takeRequested();

        assertThat(selector.select(T0).origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void offlineMakesNoRequestAndUsesTheCacheEvenWhenOlderThanTheMaximumAge() {
        select(T0);
        server.takeRequested();

        SelectedTrustRoot s = tuf.select(T0.plus(Duration.ofDays(6)), DAY, true);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).isEmpty();
        assertThat(server.takeRequested()).isEmpty();
    }

    @Test
    void offlineDoesNotUseACacheWhoseMetadataExpired() {
        select(T0);
        server.takeRequested();

        assertThatThrownBy(() -> tuf.select(T0.plus(Duration.ofDays(30)), DAY, true))
                .isInstanceOf(NetworkException.class)
                .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url()
                        + ": --offline was given, and the cached copy has expired (timestamp.json: expired at "
                        + "2026-11-28T12:00:00Z)");
        assertThat(server.takeRequested()).isEmpty();
    }

    @Test
    void offlineWithNothingCachedForACustomRepositoryIsAnError() {
        var offline = new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, true));

        assertThatThrownBy(() -> offline.select(T0)).isInstanceOf(NetworkException.class)
                .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url()
                        + ": --offline was given, and nothing is cached");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void updateRefreshesEvenWhenTheCacheIsFresh() {
        var selector = new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, false));
        selector.select(T0);
        server.takeRequested();

        SelectedTrustRoot s = selector.update(T0.plus(Duration.ofMinutes(5)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void updateFailsWithoutFallback() throws IOException {
        var selector = new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, false));
        selector.select(T0);
        repo.publishTrustedRoot(otherRoot);
        repo.signTargetsWithUntrustedKey();
        server.takeRequested();

        assertThatThrownBy(() -> selector.update(T0.plus(Duration.ofHours(1))))
                .isInstanceOf(NetworkException.class)
                .hasMessage("cannot refresh the Sigstore trusted root from " + server.url()
                        + ": 2.targets.json: not signed by enough trusted keys (threshold 1, valid signatures 0)");
    }

    private Path generationDir() {
        return tuf.generationDir();
    }

    private List<Path> workDirs() {
        return tuf.workDirs();
    }
}
