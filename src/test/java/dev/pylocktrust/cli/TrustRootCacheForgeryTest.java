package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.trust.LoopbackTuf;
import dev.pylocktrust.trust.SigstoreTufRepository;
import dev.pylocktrust.trust.TufCheck;
import dev.pylocktrust.trust.TufForgery;
import dev.pylocktrust.trust.TufRepositorySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attack a writer of the CI cache can try, end to end through {@code verify}: the index serves attestations minted
 * by the attacker's Sigstore, and the attacker plants a TUF cache generation ({@link TufForgery}) that would make
 * pylock-trust trust the attacker's root. Every forgery is caught by its check, named in one warning (or in the error
 * when nothing else can stand in), and the attestations are rejected: offline (the custom repository has no other
 * root: exit 3, nothing verified) and online (the repository's own root is fetched: exit 1, attestations invalid).
 * The control shows the harness would notice an accepted forgery. The reviewer's reproduction against the production
 * repository (the embedded snapshot stands in) closes the set.
 */
class TrustRootCacheForgeryTest {
    @TempDir
    static Path shared;

    /** The attacker's world: its Sigstore minted every attestation the index serves; the lock expects them. */
    static VerifyWorld attacker;
    static byte[] honestRoot;

    @TempDir
    Path tmp;

    Path cache;
    TufForgery.World world;
    Path bootstrap;

    @BeforeAll
    static void attackersIndexAndAWarmIndexCache() {
        try {
            attacker = VerifyWorld.start(shared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        honestRoot = TestSigstore.create(12, VerifyWorld.CLOCK).trustedRootJson();
        // Trusting the attacker's root outright, verify passes and fills the index cache the runs below reuse.
        var warm = CliRunner.run(attacker.args());
        assertThat(warm.exitCode()).as(warm.toString()).isZero();
    }

    @AfterAll
    static void stopIndex() {
        attacker.close();
    }

    @BeforeEach
    void repositoryAndCache() throws IOException {
        cache = copyTree(attacker.cache, tmp.resolve("cache"));
        world = TufForgery.world(attacker.sigstore.trustedRootJson(), honestRoot, Instant.now(), cache);
        bootstrap = Files.write(tmp.resolve("1.root.json"), world.tuf().repo.bootstrapRoot());
    }

    @AfterEach
    void stop() throws IOException {
        world.tuf().close();
    }

    /** {@code verify} against the world's TUF repository (pinned with --tuf-root), with the shared cache directory. */
    private CliRunner.Result verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", attacker.lock.toString(), "--index-url",
                attacker.server.simpleUrl(), "--trusted-host", attacker.server.host(), "--cache-dir", cache.toString(),
                "--trust-root-source", "tuf", "--tuf-url", world.tuf().server.url().toString(), "--tuf-root",
                bootstrap.toString(), "--format", "json"));
        args.addAll(Arrays.asList(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static List<String> codes(CliRunner.Result r) {
        try {
            JsonNode json = new ObjectMapper().readTree(r.stdout());
            List<String> codes = new ArrayList<>();
            json.path("findings").forEach(f -> codes.add(f.path("code").asText()));
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theControlAGenuineCacheListingTheAttackersRootWouldBeTrusted() {
        world.tuf().repo.publishTrustedRoot(world.attackerTrustedRoot());
        world.tuf().plant(world.tuf().genuineGeneration(), world.now());

        var offline = verify("--offline");

        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(offline.stderr()).isEmpty();
        assertThat(world.tuf().server.requestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TufForgery.class)
    void offlineTheForgeryIsNamedAndNothingIsVerifiedAgainstIt(TufForgery forgery) {
        TufForgery.Expected expected = forgery.plant(world);

        var r = verify("--offline");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        String state = expected.check() == TufCheck.EXPIRED ? "the cached copy has expired"
                : "the cache failed verification";
        assertThat(r.stderr()).as(r.toString()).startsWith("error: no Sigstore trusted root is available for the TUF "
                + "repository " + world.tuf().server.url() + ": --offline was given, and " + state + " ("
                + expected.reason() + ")\n");
        assertThat(world.tuf().server.requestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TufForgery.class)
    void onlineTheRepositorysRootIsFetchedAndTheAttackersAttestationsAreRejected(TufForgery forgery) {
        TufForgery.Expected expected = forgery.plant(world);

        var r = verify();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(codes(r)).isNotEmpty().containsOnly("attestation-invalid");
        String warnings = r.stderr().lines().filter(l -> l.startsWith("warning: ")).reduce("", (a, b) -> a + b + "\n");
        if (expected.check() == TufCheck.EXPIRED) {
            // Genuine but old metadata is what refreshes start from: replacing it is routine, not a warning.
            assertThat(warnings).isEmpty();
        } else {
            assertThat(warnings).isEqualTo("warning: the TUF cache in " + world.tuf().repositoryDir() + " failed "
                    + "verification and is ignored (" + expected.reason() + ")\n");
        }
        assertThat(world.tuf().repository().cached(Instant.now()).cachedRoot()).as("replaced by the repository's")
                .get().satisfies(root -> assertThat(root.json()).isEqualTo(world.honestTrustedRoot()));
    }

    @Test
    void theReviewersForgeryOfTheProductionCacheIsIgnoredAndTheEmbeddedSnapshotRejectsTheAttestations()
            throws IOException {
        Path dir = cache.resolve(SigstoreTufRepository.CACHE_SUBDIR)
                .resolve(TufRepositorySpec.sigstoreProduction().cacheKey());
        LoopbackTuf.write(dir.resolve("g-1-forged"), TufForgery.reviewersForgery(attacker.sigstore.trustedRootJson()));
        Files.writeString(dir.resolve("g-1-forged").resolve("refresh.properties"), "refreshed-at="
                + Instant.now().toString().replace(":", "\\:") + "\n");
        Files.writeString(dir.resolve("current"), "g-1-forged\n");
        String reason = "timestamp.json: not signed by enough trusted keys (threshold 1, valid signatures 0)";

        var r = CliRunner.run("verify", attacker.lock.toString(), "--index-url", attacker.server.simpleUrl(),
                "--trusted-host", attacker.server.host(), "--cache-dir", cache.toString(), "--trust-root-source", "tuf",
                "--offline", "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(codes(r)).isNotEmpty().containsOnly("attestation-invalid");
        assertThat(r.stderr()).startsWith("warning: the TUF cache in " + dir + " failed verification and is ignored ("
                + reason + "); using the trusted root embedded in pylock-trust, a snapshot from ");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("warning: "))).hasSize(1);

        var show = CliRunner.run("trust-root", "show", "--offline", "--trust-root-source", "tuf", "--cache-dir",
                cache.toString());
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.stdout()).startsWith("Trusted root: embedded Sigstore production root\n")
                .contains("\n  cache:         " + dir + "\n  cache ignored: " + reason + "\n");

        var json = CliRunner.run("trust-root", "show", "--offline", "--trust-root-source", "tuf", "--cache-dir",
                cache.toString(), "--format", "json");
        JsonNode shown = new ObjectMapper().readTree(json.stdout());
        assertThat(shown.path("source").asText()).isEqualTo("embedded");
        assertThat(shown.path("cache_ignored").asText()).isEqualTo(reason);
        assertThat(shown.path("warning").asText()).startsWith("the TUF cache in " + dir + " failed verification");
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
