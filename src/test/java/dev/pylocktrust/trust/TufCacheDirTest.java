package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache's generations: what a reader sees after a commit, that every read verifies (each kind of damage named by
 * the check it fails), that expired is not damaged, and that a refresh starts only from a generation that verifies.
 * The forgeries an attacker would plant are in {@code TufCacheForgeryTest}.
 */
class TufCacheDirTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path tmp;

    LoopbackTuf tuf;
    Path dir;
    TufCacheDir cache;
    TufRoot root;

    /** A real verified refresh (loopback repository) committed into {@code dir}. */
    @BeforeEach
    void refreshOnce() throws Exception {
        byte[] json = TestSigstore.create(3, Clock.fixed(T0, ZoneOffset.UTC)).trustedRootJson();
        tuf = LoopbackTuf.serve(TestTufRepository.create(json, T0), tmp);
        var refreshed = tuf.repository().refresh(T0, RefreshBudget.of(Duration.ofSeconds(20)));
        refreshed.commit();
        root = refreshed.root();
        dir = tuf.repositoryDir();
        cache = new TufCacheDir(dir, tuf.repo.bootstrapRoot());
    }

    @AfterEach
    void stop() throws IOException {
        tuf.close();
    }

    private Path generation() {
        return tuf.generationDir();
    }

    @Test
    void aCommittedRefreshIsWhatTheNextReaderSees() throws IOException {
        assertThat(cache.lookup(T0)).isEqualTo(new CacheLookup.Hit(root));
        try (Stream<Path> files = Files.list(generation())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("timestamp.json",
                    "snapshot.json", "targets.json", "targets", "refresh.properties");
        }
        assertThat(Files.readString(generation().resolve("refresh.properties")))
                .contains("refreshed-at=2026-11-21T12\\:00\\:00Z");
    }

    @Test
    void aSecondCommitReplacesTheGenerationAndRemovesTheOldOne() throws Exception {
        Path first = generation();

        cache.commit(cache.verified().orElseThrow(), T0.plus(Duration.ofDays(1)));

        assertThat(generation()).isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(tuf.workDirs()).isEmpty();
        assertThat(cache.lookup(T0).cachedRoot().orElseThrow().refreshedAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void abandonedWorkIsRemovedOnlyOnceItIsOld() throws Exception {
        Path stale = Files.createDirectory(dir.resolve("w-stale"));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.createDirectory(dir.resolve("w-recent"));

        cache.commit(cache.verified().orElseThrow(), T0);

        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void expiredMetadataIsExpiredNotDamagedAndStillSeedsTheNextRefresh() {
        Instant later = T0.plus(Duration.ofDays(8));

        assertThat(cache.lookup(later)).isEqualTo(new CacheLookup.Expired(root,
                "timestamp.json: expired at 2026-11-28T12:00:00Z"));
        assertThat(cache.lookup(later).cachedRoot()).as("not a root to verify against").isEmpty();
        assertThat(cache.verified()).isPresent();
    }

    @Test
    void reformattedMetadataStillVerifiesBecauseSignaturesAreOverCanonicalJson() {
        edit("timestamp.json", s -> s.replace("\n", "\r\n  "));

        assertThat(cache.lookup(T0)).isInstanceOf(CacheLookup.Hit.class);
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                damaged("pointer to nowhere", t -> t.write(t.dir.resolve("current"), "g-1-x\n"), TufCheck.LAYOUT,
                        "current: names a generation that is not a directory here"),
                damaged("pointer is not a generation name", t -> t.write(t.dir.resolve("current"), "../../etc\n"),
                        TufCheck.LAYOUT, "current: does not name a generation"),
                damaged("edited trusted root", t -> t.edit("targets/trusted_root.json", s -> s.replaceFirst(
                        "sigstore.test", "sigstore.evil")), TufCheck.HASHES,
                        "targets/trusted_root.json: does not match the sha256 in targets.json (tampered or corrupted)"),
                damaged("truncated targets metadata", t -> t.edit("targets.json", s -> s.substring(0, 40)),
                        TufCheck.MALFORMED, "targets.json: not valid JSON (or a key appears twice)"),
                damaged("a key twice in the signed targets", t -> t.edit("targets.json", s -> s.replaceFirst(
                        "\"_type\"", "\"version\" : 1, \"_type\"")), TufCheck.MALFORMED,
                        "targets.json: not valid JSON (or a key appears twice)"),
                damaged("the snapshot where the timestamp should be", t -> t.copy("snapshot.json", "timestamp.json"),
                        TufCheck.MALFORMED, "timestamp.json: not timestamp metadata"),
                damaged("another snapshot version", t -> t.edit("snapshot.json", s -> s.replace(
                        "\"version\" : 1", "\"version\" : 2")), TufCheck.SIGNATURES,
                        "snapshot.json: not signed by enough trusted keys (threshold 1, valid signatures 0)"),
                damaged("unparseable expiry", t -> t.edit("timestamp.json", s -> s.replaceFirst(
                        "\"expires\" : \"[^\"]+\"", "\"expires\" : \"soon\"")), TufCheck.MALFORMED,
                        "timestamp.json: no valid expiry"),
                damaged("an oversized timestamp", t -> t.edit("timestamp.json", s -> s + " ".repeat(70_000)),
                        TufCheck.TOO_LARGE, "timestamp.json: larger than 65536 bytes"),
                damaged("a missing snapshot", t -> t.delete("snapshot.json"), TufCheck.MISSING,
                        "snapshot.json: missing"),
                damaged("the pointer a symbolic link", t -> t.link(t.dir.resolve("current"),
                        t.dir.resolve("elsewhere"), t.generation().getFileName() + "\n"), TufCheck.LAYOUT,
                        "current: a symbolic link (pylock-trust never writes one there)"),
                damaged("the targets directory a symbolic link", t -> t.moveAndLink("targets"), TufCheck.LAYOUT,
                        "targets/trusted_root.json: a symbolic link (pylock-trust never writes one there)"),
                damaged("the generation a symbolic link", t -> {
                    Path real = t.generation();
                    t.moveAndLinkGeneration(real);
                }, TufCheck.LAYOUT, "current: names a generation that is not a directory here"));
    }

    interface Damage extends Consumer<TufCacheDirTest> {}

    static Arguments damaged(String name, Damage damage, TufCheck check, String reason) {
        return Arguments.of(name, damage, check, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void damagedCachesAreRejectedWithTheCheckTheyFailAndNeverSeedARefresh(String name, Damage damage, TufCheck check,
                                                                         String reason) {
        damage.accept(this);

        assertThat(cache.lookup(T0)).isEqualTo(new CacheLookup.Rejected(check, reason));
        assertThat(cache.verified()).isEmpty();
    }

    @Test
    void aRefreshRecordWithoutATimeIsRejectedButItsVerifiedMetadataMaySeedTheRefresh() {
        edit("refresh.properties", s -> s.replaceFirst("refreshed-at=.*", ""));

        assertThat(cache.lookup(T0)).isEqualTo(new CacheLookup.Rejected(TufCheck.MALFORMED,
                "refresh.properties: no valid refreshed-at"));
        // The record only says when; the metadata beside it verified, so a refresh may start from it.
        assertThat(cache.verified()).isPresent();
    }

    @Test
    void nothingCachedIsAMiss() {
        assertThat(new TufCacheDir(tmp.resolve("elsewhere"), tuf.repo.bootstrapRoot()).lookup(T0))
                .isInstanceOf(CacheLookup.Miss.class);
    }

    private void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void edit(String file, UnaryOperator<String> change) {
        Path p = generation().resolve(file);
        try {
            String before = Files.readString(p);
            String after = change.apply(before);
            assertThat(after).as("the edit changes " + file).isNotEqualTo(before);
            Files.writeString(p, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copy(String from, String to) {
        try {
            Files.copy(generation().resolve(from), generation().resolve(to),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String file) {
        try {
            Files.delete(generation().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code link} with a symbolic link to {@code target} holding {@code text}. */
    private void link(Path link, Path target, String text) {
        try {
            Files.writeString(target, text, StandardCharsets.UTF_8);
            Files.delete(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a directory of the generation elsewhere and leaves a symbolic link to it (same content). */
    private void moveAndLink(String name) {
        try {
            Path moved = Files.move(generation().resolve(name), tmp.resolve("moved-" + name));
            Files.createSymbolicLink(generation().resolve(name), moved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the whole generation elsewhere and leaves a symbolic link to it under the same name. */
    private void moveAndLinkGeneration(Path real) {
        try {
            Path moved = Files.move(real, tmp.resolve("moved-generation"));
            Files.createSymbolicLink(real, moved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
