package dev.pylocktrust.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A test TUF repository served on loopback, the tool's cache directory, and new repository and selector objects
 * over them for every run (as a new process would have): the setup the TUF tests share. It can also write a cache
 * generation directly ({@link #plant}), bypassing verification, as an attacker who can write the cache would.
 */
public final class LoopbackTuf implements AutoCloseable {
    /** Generous: these tests check behaviour, not speed (the time bound has its own tests). */
    public static final Duration BOUND = Duration.ofSeconds(20);
    public static final Duration DAY = Duration.ofHours(24);
    private static final AtomicInteger PLANTED = new AtomicInteger();

    public final TestTufRepository repo;
    public final TufServer server;
    /** The tool's cache directory ({@code --cache-dir}); the TUF cache is under {@code sigstore-tuf/}. */
    public final Path cache;

    private LoopbackTuf(TestTufRepository repo, TufServer server, Path cache) {
        this.repo = repo;
        this.server = server;
        this.cache = cache;
    }

    public static LoopbackTuf serve(TestTufRepository repo, Path cache) throws IOException {
        return new LoopbackTuf(repo, TufServer.serving(repo), cache);
    }

    /** The repository as a client pins it: the loopback mirror and the repository's first root. */
    public TufRepositorySpec spec() {
        return TufRepositorySpec.custom(server.url(), repo.bootstrapRoot());
    }

    public SigstoreTufRepository repository() {
        return new SigstoreTufRepository(spec(), Optional.of(cache), BOUND);
    }

    /** A run with a maximum age of a day, online. */
    public SelectedTrustRoot select(Instant now) {
        return select(now, DAY, false);
    }

    public SelectedTrustRoot select(Instant now, Duration maxAge, boolean offline) {
        return new TrustRootSelector(repository(), new TrustRootSelector.Settings(maxAge, BOUND, offline)).select(now);
    }

    /** {@code trust-root update}. */
    public SelectedTrustRoot update(Instant now) {
        return new TrustRootSelector(repository(), new TrustRootSelector.Settings(DAY, BOUND, false)).update(now);
    }

    /** This repository's directory in the cache. */
    public Path repositoryDir() {
        return cache.resolve(SigstoreTufRepository.CACHE_SUBDIR).resolve(spec().cacheKey());
    }

    /** The generation {@code current} names. */
    public Path generationDir() {
        try {
            return repositoryDir().resolve(Files.readString(repositoryDir().resolve(TufCacheDir.CURRENT)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refreshes in progress or abandoned ({@code w-} directories). */
    public List<Path> workDirs() {
        try (Stream<Path> files = Files.list(repositoryDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith("w-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files of a cache generation as a refresh from the repository's current state writes them: the roots after
     * the first, {@code timestamp.json}, {@code snapshot.json}, {@code targets.json} and
     * {@code targets/trusted_root.json}. A mutable copy, for forgeries.
     */
    public Map<String, byte[]> genuineGeneration() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int v = 2; v <= repo.rootVersion(); v++) {
            files.put(v + ".root.json", repo.files().get(v + ".root.json"));
        }
        files.put(TufGeneration.TIMESTAMP, repo.files().get("timestamp.json"));
        files.put(TufGeneration.SNAPSHOT, repo.files().get(repo.snapshotVersion() + ".snapshot.json"));
        files.put(TufGeneration.TARGETS, repo.files().get(repo.targetsVersion() + ".targets.json"));
        if (repo.files().containsKey(repo.targetPath())) {
            files.put(TufGeneration.TARGET, repo.files().get(repo.targetPath()));
        }
        return files;
    }

    /**
     * Writes {@code files} as a new generation, with {@code refresh.properties} saying it was refreshed at
     * {@code refreshedAt}, and makes it current: what a writer of the cache directory can do, no verification.
     *
     * @return the generation directory
     */
    public Path plant(Map<String, byte[]> files, Instant refreshedAt) {
        try {
            Files.createDirectories(repositoryDir());
            String name = "g-" + refreshedAt.toEpochMilli() + "-planted" + PLANTED.incrementAndGet();
            Path generation = repositoryDir().resolve(name);
            write(generation, files);
            Files.writeString(generation.resolve(TufCacheDir.REFRESH_INFO), "refreshed-at="
                    + refreshedAt.toString().replace(":", "\\:") + "\n", StandardCharsets.ISO_8859_1);
            Files.writeString(repositoryDir().resolve(TufCacheDir.CURRENT), name + "\n");
            return generation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code files} (relative paths) into {@code dir}, creating directories as needed. */
    public static void write(Path dir, Map<String, byte[]> files) {
        try {
            Files.createDirectories(dir);
            for (var f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
