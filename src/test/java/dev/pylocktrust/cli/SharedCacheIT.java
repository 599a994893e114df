package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} processes sharing one cache directory, as parallel CI jobs on one runner do: they all pass, the
 * cache they leave serves an offline run, and entries cut short on disk are detected and fetched again.
 */
class SharedCacheIT {
    private static final int PARALLEL = 4;

    @TempDir
    Path dir;

    @Test
    void parallelRunsShareOneCacheAndCutEntriesAreFetchedAgain() throws Exception {
        try (VerifyWorld world = VerifyWorld.start(dir)) {
            String[] args = world.args();
            List<CompletableFuture<CliRunner.Result>> runs = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> LauncherRunner.run(args)));
            }
            for (var run : runs) {
                assertThat(run.get().exitCode()).as(run.get().toString()).isZero();
            }
            assertOfflinePasses(world);

            List<Path> entries = cacheFiles(world.cache);
            assertThat(entries).isNotEmpty();
            for (Path entry : entries) {
                byte[] bytes = Files.readAllBytes(entry);
                Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
            world.server.clearRequests();
            CliRunner.Result online = LauncherRunner.run(args);
            assertThat(online.exitCode()).as(online.toString()).isZero();
            assertThat(world.server.count("/integrity/")).as("cut provenance entries are fetched again").isPositive();
            assertThat(world.server.requestsMatching(r -> r.getUrl().encodedPath().startsWith("/simple/")
                    && r.getHeaders().get("If-None-Match") == null)).as("cut pages are fetched whole again")
                    .isNotEmpty();
            assertOfflinePasses(world);
        }
    }

    private static void assertOfflinePasses(VerifyWorld world) {
        world.server.clearRequests();
        CliRunner.Result offline = LauncherRunner.run(world.args("--offline"));
        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(world.server.requests()).isEmpty();
    }

    private static List<Path> cacheFiles(Path cache) throws IOException {
        try (Stream<Path> all = Files.walk(cache)) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().contains("/pages/")
                    || p.toString().contains("/provenance/")).toList();
        }
    }
}
