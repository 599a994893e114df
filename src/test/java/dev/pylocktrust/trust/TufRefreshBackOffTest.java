package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failed refresh remembered in the cache, end to end: the TUF client against the loopback repository,
 * the record written and read by {@link TufCacheDir}, decided by {@link RefreshBackOff} in {@link TrustRootSelector}.
 * Each run is a new selector and repository object over the same cache directory (a new process), at a time the test
 * sets; every test counts the requests the mirror saw, so "no request" is checked, not assumed.
 */
class TufRefreshBackOffTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    /** When the first refresh fails: the root cached at T0 is stale by then. */
    static final Instant T1 = T0.plus(Duration.ofHours(25));
    static final Duration DAY = LoopbackTuf.DAY;
    static final Duration BOUND = LoopbackTuf.BOUND;
    static final String REASON = "2.root.json: HTTP 503 for 2.root.json";

    static byte[] testRoot;

    @TempDir
    Path cache;

    LoopbackTuf tuf;
    TufServer server;

    @BeforeAll
    static void roots() {
        testRoot = TestSigstore.create(7, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
    }

    @BeforeEach
    void serve() throws IOException {
        tuf = LoopbackTuf.serve(TestTufRepository.create(testRoot, T0), cache);
        server = tuf.server;
    }

    @AfterEach
    void stop() throws IOException {
        tuf.close();
    }

    private SigstoreTufRepository repository() {
        return tuf.repository();
    }

    private SelectedTrustRoot select(Instant now) {
        return tuf.select(now);
    }

    private SelectedTrustRoot select(Instant now, Duration maxAge) {
        return tuf.select(now, maxAge, false);
    }

    private SelectedTrustRoot update(Instant now) {
        return tuf.update(now);
    }

    private Path record() {
        return tuf.repositoryDir().resolve(TufCacheDir.LAST_FAILURE);
    }

    /** A cached root from T0, then a mirror that answers 503 and a first failed refresh at T1. */
    private void cachedThenFailedAt(Instant t1) {
        select(T0);
        server.failWith(503);
        SelectedTrustRoot failed = select(t1);
        assertThat(failed.warning()).contains("could not refresh the Sigstore trusted root from " + server.url() + " ("
                + REASON + "); using the cached copy, refreshed " + TrustRootDecisions.age(Optional.of(T0), t1));
        assertThat(server.takeRequested()).isNotEmpty();
    }

    @Test
    void theRunAfterAFailureMakesNoRequestAndSaysWhenTheLastAttemptFailed() {
        cachedThenFailedAt(T1);
        assertThat(repository().lastFailure()).contains(new RefreshFailure(server.url().toString(), T1, REASON, 1));

        SelectedTrustRoot s = select(T1.plus(Duration.ofMinutes(10)));

        assertThat(server.takeRequested()).isEmpty();
        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.root().json()).isEqualTo(testRoot);
        assertThat(s.warning()).contains("not refreshing the Sigstore trusted root from " + server.url() + ": the last "
                + "attempt failed at 2026-11-22T13:00:00Z (" + REASON + "), the next is due after "
                + "2026-11-22T14:00:00Z (to try now, run 'pylock-trust trust-root update' with the same options); "
                + "using the cached copy, refreshed 25 hours ago (2026-11-21T12:00:00Z)");
    }

    @Test
    void afterTheWindowItTriesAgainAndTheNextWindowIsLonger() {
        cachedThenFailedAt(T1);

        select(T1.plus(Duration.ofMinutes(59)));
        assertThat(server.takeRequested()).isEmpty();

        SelectedTrustRoot again = select(T1.plus(Duration.ofHours(1)));
        assertThat(server.takeRequested()).containsExactly("2.root.json");
        assertThat(again.warning()).get().asString().startsWith("could not refresh the Sigstore trusted root");
        assertThat(repository().lastFailure()).contains(new RefreshFailure(server.url().toString(),
                T1.plus(Duration.ofHours(1)), REASON, 2));

        SelectedTrustRoot held = select(T1.plus(Duration.ofHours(2)));
        assertThat(server.takeRequested()).isEmpty();
        assertThat(held.warning()).get().asString().contains("(" + REASON + "; 2 failures in a row), the next is "
                + "due after 2026-11-22T16:00:00Z");
    }

    @Test
    void aSuccessfulRefreshForgetsTheFailure() {
        cachedThenFailedAt(T1);
        server.failWith(0);

        SelectedTrustRoot s = select(T1.plus(Duration.ofHours(1)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(s.warning()).isEmpty();
        assertThat(record()).doesNotExist();
        assertThat(repository().lastFailure()).isEmpty();
    }

    @Test
    void updateAlwaysTriesAndClearsTheRecordWhenItSucceeds() {
        cachedThenFailedAt(T1);

        assertThatThrownBy(() -> update(T1.plus(Duration.ofMinutes(1)))).isInstanceOf(NetworkException.class)
                .hasMessage("cannot refresh the Sigstore trusted root from " + server.url() + ": " + REASON);
        assertThat(server.takeRequested()).containsExactly("2.root.json");
        assertThat(repository().lastFailure()).get().extracting(RefreshFailure::consecutive).isEqualTo(2);

        server.failWith(0);
        SelectedTrustRoot s = update(T1.plus(Duration.ofMinutes(2)));

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF);
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
        assertThat(record()).doesNotExist();
        select(T1.plus(Duration.ofMinutes(3)));
        assertThat(server.takeRequested()).as("fresh again: no request, and no back-off warning").isEmpty();
    }

    @Test
    void maximumAgeZeroStillBacksOff() {
        cachedThenFailedAt(T1);

        SelectedTrustRoot s = select(T1.plus(Duration.ofMinutes(1)), Duration.ZERO);

        assertThat(server.takeRequested()).isEmpty();
        assertThat(s.warning()).get().asString().startsWith("not refreshing the Sigstore trusted root");
    }

    @Test
    void offlineNeitherReadsNorWritesTheRecord() throws IOException {
        cachedThenFailedAt(T1);
        byte[] before = Files.readAllBytes(record());
        SelectedTrustRoot s = tuf.select(T1.plus(Duration.ofMinutes(1)), DAY, true);

        assertThat(s.origin()).isEqualTo(TrustRootOrigin.TUF_CACHE);
        assertThat(s.warning()).isEmpty();
        assertThat(server.takeRequested()).isEmpty();
        assertThat(Files.readAllBytes(record())).isEqualTo(before);
    }

    static Stream<Arguments> ignoredRecords() {
        String head = "format=1\nfailed-at=2026-11-22T13:00:00Z\nreason=forged\n";
        return Stream.of(
                Arguments.of("dated in the future", "format=1\nrepository=URL\nfailed-at=2026-11-22T13:00:01Z\n"
                        + "reason=forged\nconsecutive=1\n"),
                Arguments.of("dated in the far future", "format=1\nrepository=URL\n"
                        + "failed-at=+999999999-01-01T00:00:00Z\nreason=forged\nconsecutive=9999\n"),
                Arguments.of("for another repository", head + "repository=https://tuf-repo-cdn.sigstore.dev/\n"
                        + "consecutive=1\n"),
                Arguments.of("malformed", head + "repository=URL\nconsecutive=many\n"),
                Arguments.of("not a record at all", "\u0000\u00ff\u0013garbage"),
                Arguments.of("oversized", head + "repository=URL\nconsecutive=1\n#"
                        + "x".repeat(RefreshFailure.MAX_BYTES) + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredRecords")
    void aRecordThatDoesNotApplyIsIgnoredAndReplaced(String name, String text) throws IOException {
        select(T0);
        server.takeRequested();
        Files.write(record(), text.replace("URL", server.url().toString().replace(":", "\\:"))
                .getBytes(StandardCharsets.ISO_8859_1));
        Instant now = T1; // 2026-11-22T13:00:00Z, the time in the records
        server.failWith(503);

        SelectedTrustRoot s = select(now);

        assertThat(server.takeRequested()).as("it tried").containsExactly("2.root.json");
        assertThat(s.warning()).get().asString().startsWith("could not refresh the Sigstore trusted root from "
                + server.url() + " (" + REASON + ")");
        assertThat(repository().lastFailure()).contains(new RefreshFailure(server.url().toString(), now, REASON, 1));
    }

    @Test
    void aValidRecordWrittenByHandIsHonoured() throws IOException {
        // The control for the test above: the same file with a time in the past does hold the refresh back.
        select(T0);
        server.takeRequested();
        Files.write(record(), ("format=1\nrepository=" + server.url().toString().replace(":", "\\:")
                + "\nfailed-at=2026-11-22T12:59:59Z\nreason=forged\nconsecutive=1\n").getBytes(StandardCharsets.UTF_8));

        SelectedTrustRoot s = select(T1);

        assertThat(server.takeRequested()).isEmpty();
        assertThat(s.warning()).get().asString().contains("the last attempt failed at 2026-11-22T12:59:59Z (forged)");
    }

    @Test
    void withNothingCachedAnotherInstancesRepositoryIsTriedOnEveryRun() {
        server.failWith(503);
        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(() -> select(T0)).isInstanceOf(NetworkException.class)
                    .hasMessage("no Sigstore trusted root is available for the TUF repository " + server.url() + ": "
                            + REASON + ", and nothing is cached");
            assertThat(server.takeRequested()).as("run " + run).containsExactly("2.root.json");
        }
        assertThat(repository().lastFailure()).get().extracting(RefreshFailure::consecutive).isEqualTo(2);
    }

    @Test
    void withoutACacheNothingIsRememberedAndEveryRunTries() throws IOException {
        var noCache = new SigstoreTufRepository(TufRepositorySpec.productionMirror(server.url()), Optional.empty(),
                BOUND);
        server.failWith(503);

        for (int run = 0; run < 2; run++) {
            SelectedTrustRoot s = new TrustRootSelector(noCache, new TrustRootSelector.Settings(DAY, BOUND, false))
                    .select(T0);
            assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
            assertThat(server.takeRequested()).as("run " + run).isNotEmpty();
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyMeansTheNextRunTriesAgain() throws IOException {
        Path notADirectory = Files.writeString(cache.resolve("file"), "x");
        var repository = new SigstoreTufRepository(TufRepositorySpec.productionMirror(server.url()),
                Optional.of(notADirectory), BOUND);
        server.failWith(503);

        for (int run = 0; run < 2; run++) {
            SelectedTrustRoot s = new TrustRootSelector(repository, new TrustRootSelector.Settings(DAY, BOUND, false))
                    .select(T0);
            assertThat(s.origin()).isEqualTo(TrustRootOrigin.EMBEDDED);
            assertThat(server.takeRequested()).as("run " + run).isNotEmpty();
        }
        assertThat(repository.lastFailure()).isEmpty();
    }

    @Test
    void theRecordIsWrittenAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        cachedThenFailedAt(T1);
        select(T1.plus(Duration.ofHours(1)));

        try (Stream<Path> files = Files.list(record().getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains(TufCacheDir.LAST_FAILURE).noneMatch(n -> n.startsWith("last-failure-"));
        }
    }
}
