package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache's generations: what a reader sees after a commit, what counts as damaged (each case named by its
 * reason), and that a refresh starts from a consistent generation or from scratch.
 */
class TufCacheDirTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path tmp;

    Path dir;
    TufCacheDir cache;
    TufRoot root;

    /** A real verified refresh (loopback repository) committed into {@code dir}. */
    @BeforeEach
    void refreshOnce() throws Exception {
        byte[] json = TestSigstore.create(3, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
        TestTufRepository repo = TestTufRepository.create(json, T0);
        try (TufServer server = TufServer.serving(repo)) {
            var spec = TufRepositorySpec.custom(server.url(), repo.bootstrapRoot());
            var repository = new SigstoreTufRepository(spec, Optional.of(tmp), Duration.ofSeconds(20));
            var refreshed = repository.refresh(T0, RefreshBudget.of(Duration.ofSeconds(20)));
            refreshed.commit();
            root = refreshed.root();
            dir = repository.cacheDir().orElseThrow();
        }
        cache = new TufCacheDir(dir);
    }

    private Path generation() throws IOException {
        return dir.resolve(Files.readString(dir.resolve(TufCacheDir.CURRENT)).strip());
    }

    @Test
    void aCommittedRefreshIsWhatTheNextReaderSees() throws IOException {
        assertThat(cache.lookup()).isEqualTo(new CacheLookup.Hit(root));
        try (Stream<Path> files = Files.list(generation())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root.json",
                    "timestamp.json", "snapshot.json", "targets.json", "targets", "refresh.properties");
        }
        assertThat(Files.readString(generation().resolve("refresh.properties")))
                .contains("refreshed-at=2026-11-21T12\\:00\\:00Z", "sha256=" + root.sha256(), "targets-version=1");
    }

    @Test
    void aSecondCommitReplacesTheGenerationAndRemovesTheOldOne() throws Exception {
        Path first = generation();
        Path work = cache.newWorkDir();
        assertThat(Files.readAllBytes(TufStoreFiles.targetFile(work))).as("seeded")
                .isEqualTo(root.json());

        TufRoot later = TufStoreFiles.read(work, T0.plus(Duration.ofDays(1)));
        cache.commit(work, later);

        assertThat(generation()).isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(work).doesNotExist();
        assertThat(cache.lookup().cachedRoot().orElseThrow().refreshedAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void abandonedWorkIsRemovedOnlyOnceItIsOld() throws Exception {
        Path stale = Files.createDirectory(dir.resolve("w-stale"));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.createDirectory(dir.resolve("w-recent"));

        Path work = cache.newWorkDir();
        cache.commit(work, TufStoreFiles.read(work, T0));

        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                damaged("pointer to nowhere", (TufCacheDirTest t) -> t.write(t.dir.resolve("current"), "g-1-x\n"),
                        "refresh.properties is missing"),
                damaged("pointer is not a generation name", t -> t.write(t.dir.resolve("current"), "../../etc\n"),
                        "current does not name a generation"),
                damaged("edited trusted root", t -> t.edit("targets/trusted_root.json", s -> s.replaceFirst(
                        "sigstore.test", "sigstore.evil")), null),
                damaged("truncated targets metadata", t -> t.edit("targets.json", s -> s.substring(0, 40)),
                        "targets.json is not valid JSON"),
                damaged("wrong role in timestamp.json", t -> t.edit("timestamp.json", s -> s.replace(
                        "\"_type\":\"timestamp\"", "\"_type\":\"snapshot\"")),
                        "timestamp.json is not signed timestamp metadata"),
                damaged("snapshot of another version", t -> t.edit("snapshot.json", s -> s.replace(
                        "\"version\":1", "\"version\":2")),
                        "timestamp.json does not name snapshot version 2"),
                damaged("unparseable expiry", t -> t.edit("root.json", s -> s.replaceFirst(
                        "\"expires\":\"[^\"]+\"", "\"expires\":\"soon\"")), "root.json has no valid expiry"),
                damaged("refresh record of another root", t -> t.edit("refresh.properties", s -> s.replaceFirst(
                        "sha256=[0-9a-f]+", "sha256=00")),
                        "trusted_root.json is not the one the refresh recorded"),
                damaged("refresh record without a time", t -> t.edit("refresh.properties", s -> s.replaceFirst(
                        "refreshed-at=.*", "")), "refresh.properties is unreadable"));
    }

    interface Damage extends Consumer<TufCacheDirTest> {}

    static Arguments damaged(String name, Damage damage, String reason) {
        return Arguments.of(name, damage, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void damagedCachesAreReportedWithTheirReasonAndNotSeeded(String name, Damage damage, String reason)
            throws IOException {
        damage.accept(this);

        CacheLookup lookup = cache.lookup();

        assertThat(lookup).isInstanceOf(CacheLookup.Damaged.class);
        if (reason != null) {
            assertThat(((CacheLookup.Damaged) lookup).reason()).isEqualTo(reason);
        } else {
            assertThat(((CacheLookup.Damaged) lookup).reason()).startsWith("trusted_root.json has sha256 ")
                    .contains(", the signed targets metadata says ");
        }
        Path work = cache.newWorkDir();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("targets");
        }
    }

    @Test
    void nothingCachedIsAMiss() {
        assertThat(new TufCacheDir(tmp.resolve("elsewhere")).lookup()).isInstanceOf(CacheLookup.Miss.class);
    }

    private void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void edit(String file, java.util.function.UnaryOperator<String> change) {
        try {
            Path p = generation().resolve(file);
            String before = Files.readString(p);
            String after = change.apply(before);
            assertThat(after).as("the edit changes " + file).isNotEqualTo(before);
            Files.writeString(p, after);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
