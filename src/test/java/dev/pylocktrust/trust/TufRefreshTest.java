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
 * The TUF refresh end to end: sigstore-java's TUF client against a repository built in the test (keys generated
 * here) and served on loopback, through {@link SigstoreTufRepository}, {@link TufCacheDir} and
 * {@link TrustRootSelector}. Every test names the requests it expects, so "no request" is checked, not assumed.
 */
class TufRefreshTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration DAY = Duration.ofHours(24);
    /** Generous: these tests check behaviour, not speed (the time bound has its own tests). */
    static final Duration BOUND = Duration.ofSeconds(20);

    static byte[] testRoot;
    static byte[] otherRoot;

    @TempDir
    Path cache;

    TestTufRepository repo;
    TufServer server;

    @BeforeAll
    static void roots() {
        testRoot = TestSigstore.create(7, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
        otherRoot = TestSigstore.create(8, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
    }

    @BeforeEach
    void serve() throws IOException {
        repo = TestTufRepository.create(testRoot, T0);
        server = TufServer.serving(repo);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private SigstoreTufRepository repository() {
        return new SigstoreTufRepository(TufRepositorySpec.custom(server.url(), repo.bootstrapRoot()),
                Optional.of(cache), BOUND);
    }

    /** A new selector and repository object each time: like a new process sharing the cache directory. */
    private SelectedTrustRoot select(Instant now) {
        return new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, false)).select(now);
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
        assertThat(repository().cached()).isInstanceOfSatisfying(CacheLookup.Hit.class,
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
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json", "1.snapshot.json",
                "1.targets.json");
    }

    @Test
    void aMirrorThatKeepsServingAnExpiredTimestampIsAFreezeAndFallsBackToTheCache() {
        repo.publishTimestamp(T0.plus(Duration.ofHours(2)));
        select(T0);
        server.takeRequested();

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(3)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).contains("could not refresh the Sigstore trusted root from " + server.url()
                + " (the repository's signed metadata expired at 2026-11-21T14:00:00Z and it serves nothing newer "
                + "(a stale mirror, or a freeze attack)); using the cached copy, refreshed 3 hours ago "
                + "(2026-11-21T12:00:00Z)");
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
                + repo.targetPath() + ": does not match the hashes in the signed TUF metadata (tampered or "
                + "corrupted)); using the cached copy, refreshed 25 hours ago (2026-11-21T12:00:00Z)");
        assertThat(repository().cached().cachedRoot().orElseThrow().json()).isEqualTo(testRoot);
        assertThat(workDirs()).isEmpty();
    }

    @Test
    void aTamperedTargetOnFirstFetchLeavesNothingToUseForACustomRepository() {
        repo.tamperWithTarget("{}".getBytes());

        assertThatThrownBy(() -> select(T0)).isInstanceOf(NetworkException.class)
                .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url() + ": "
                        + repo.targetPath() + ": does not match the hashes in the signed TUF metadata (tampered or "
                        + "corrupted), and nothing is cached");
        assertThat(repository().cached()).isInstanceOf(CacheLookup.Miss.class);
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
        assertThat(server.takeRequested()).containsExactly("2.root.json", "3.root.json", "timestamp.json",
                "1.snapshot.json", "1.targets.json");
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
    void aMirrorThatNeverAnswersIsAbandonedAtTheBoundAndTheCacheStaysAsItWas() {
        select(T0);
        server.hang();
        var selector = new TrustRootSelector(repository(),
                new TrustRootSelector.Settings(DAY, Duration.ofMillis(300), false));

        SelectedTrustRoot s = selector.select(T0.plus(Duration.ofHours(25)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).get().asString()
                .startsWith("could not refresh the Sigstore trusted root from " + server.url()
                        + " (no answer within 0.3 s")
                .endsWith("); using the cached copy, refreshed 25 hours ago (2026-11-21T12:00:00Z)");
        assertThat(selector.awaitBackground(Duration.ofSeconds(30))).isTrue();
        assertThat(repository().cached().cachedRoot().orElseThrow().refreshedAt()).isEqualTo(T0);
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
    void aDamagedCacheIsIgnoredAndRebuiltFromTheBootstrapRoot() throws IOException {
        select(T0);
        server.takeRequested();
        Path target = generationDir().resolve("targets").resolve("trusted_root.json");
        Files.write(target, "{\"truncated\":".getBytes());
        assertThat(repository().cached()).isInstanceOfSatisfying(CacheLookup.Damaged.class,
                d -> assertThat(d.reason()).isEqualTo("trusted_root.json has 13 bytes, the signed targets metadata "
                        + "says " + testRoot.length));

        SelectedTrustRoot s = select(T0.plus(Duration.ofHours(1)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(server.takeRequested()).isEqualTo(fullFetch(1));
        assertThat(repository().cached()).isInstanceOf(CacheLookup.Hit.class);
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
        assertThat(s.warning()).get().asString().startsWith("the refreshed Sigstore trusted root could not be saved in "
                + repository.cacheDir().orElseThrow() + " (FileSystemException: " + notADirectory)
                .endsWith("); the next run will fetch it again");
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
    void offlineMakesNoRequestAndUsesTheCacheEvenWhenStale() {
        select(T0);
        server.takeRequested();
        var offline = new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, true));

        SelectedTrustRoot s = offline.select(T0.plus(Duration.ofDays(30)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).isEmpty();
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
        repo.signTargetsWithUntrustedKey();
        repo.publishTimestamp(T0.plus(Duration.ofDays(3)));
        server.takeRequested();

        assertThatThrownBy(() -> selector.update(T0.plus(Duration.ofHours(1))))
                .isInstanceOf(NetworkException.class)
                .hasMessage("cannot refresh the Sigstore trusted root from " + server.url()
                        + ": 1.targets.json: not signed by enough trusted keys (threshold 1, valid signatures 0)");
    }

    private Path repositoryDir() {
        return cache.resolve(SigstoreTufRepository.CACHE_SUBDIR)
                .resolve(TufRepositorySpec.custom(server.url(), repo.bootstrapRoot()).cacheKey());
    }

    private Path generationDir() throws IOException {
        return repositoryDir().resolve(Files.readString(repositoryDir().resolve(TufCacheDir.CURRENT)).strip());
    }

    private List<Path> workDirs() {
        try (Stream<Path> files = Files.list(repositoryDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith("w-")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
