package dev.pylocktrust.trust;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk TUF state of one repository, as immutable generations:
 * <pre>
 *   DIR/current            name of the generation in use (replaced atomically)
 *   DIR/g-MILLIS-RANDOM/   root.json timestamp.json snapshot.json targets.json targets/trusted_root.json refresh.properties
 *   DIR/w-RANDOM/          a refresh in progress (private to one process; abandoned ones are removed after an hour)
 *   DIR/last-failure.properties  the last failed refresh, until one succeeds ({@link RefreshFailure})
 * </pre>
 * A refresh works in its own {@code w-} directory seeded with a copy of the current generation, and only a refresh
 * that verified completely is renamed into a generation and made current. So an abandoned or failed refresh, a
 * crash, or two processes refreshing at once never leave a half-written state where a reader would look, and nothing
 * unverified is ever persisted where it would be trusted.
 */
final class TufCacheDir {
    static final String CURRENT = "current";
    static final String REFRESH_INFO = "refresh.properties";
    static final String LAST_FAILURE = "last-failure.properties";
    private static final String LAST_FAILURE_TMP = "last-failure-";
    private static final Pattern GENERATION = Pattern.compile("g-[0-9]{1,19}-[0-9a-z]{1,16}");
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path dir;

    TufCacheDir(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The root of the current generation, if there is one and it is consistent. Never throws. */
    CacheLookup lookup() {
        // One retry: a concurrent refresh may have replaced and removed the generation between the two reads.
        CacheLookup first = lookupOnce();
        return first instanceof CacheLookup.Damaged ? lookupOnce() : first;
    }

    private CacheLookup lookupOnce() {
        Optional<Path> generation;
        try {
            generation = currentGeneration();
        } catch (TufStoreFiles.InvalidStoreException e) {
            return new CacheLookup.Damaged(e.getMessage());
        }
        if (generation.isEmpty()) {
            return new CacheLookup.Miss();
        }
        try {
            Properties info = new Properties();
            byte[] raw = TufStoreFiles.readLimited(generation.get().resolve(REFRESH_INFO), 4096, REFRESH_INFO);
            info.load(new java.io.ByteArrayInputStream(raw));
            Instant refreshedAt = Instant.parse(String.valueOf(info.getProperty("refreshed-at")));
            TufRoot root = TufStoreFiles.read(generation.get(), refreshedAt);
            if (!root.sha256().equals(info.getProperty("sha256"))) {
                return new CacheLookup.Damaged(TufStoreFiles.TRUSTED_ROOT + " is not the one the refresh recorded");
            }
            return new CacheLookup.Hit(root);
        } catch (TufStoreFiles.InvalidStoreException e) {
            return new CacheLookup.Damaged(e.getMessage());
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return new CacheLookup.Damaged(REFRESH_INFO + " is unreadable");
        }
    }

    private Optional<Path> currentGeneration() throws TufStoreFiles.InvalidStoreException {
        Path pointer = dir.resolve(CURRENT);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        String name = new String(TufStoreFiles.readLimited(pointer, 256, CURRENT), StandardCharsets.UTF_8).strip();
        if (!GENERATION.matcher(name).matches()) {
            throw new TufStoreFiles.InvalidStoreException(CURRENT + " does not name a generation");
        }
        return Optional.of(dir.resolve(name));
    }

    /**
     * A new private directory for a refresh, seeded with the current generation's trusted metadata when that is
     * consistent (so rollback protection carries over and unchanged files are not downloaded again). A damaged
     * generation is not used: the refresh then starts again from the bootstrap root, so the cache heals itself.
     */
    Path newWorkDir() throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "w-");
        Files.createDirectory(work.resolve("targets"));
        Optional<Path> current = Optional.empty();
        if (lookup() instanceof CacheLookup.Hit) {
            try {
                current = currentGeneration();
            } catch (TufStoreFiles.InvalidStoreException e) {
                current = Optional.empty();
            }
        }
        if (current.isPresent() && Files.isDirectory(current.get())) {
            for (String role : TufStoreFiles.ROLES) {
                copyIfPresent(current.get().resolve(role + ".json"), work.resolve(role + ".json"));
            }
            copyIfPresent(TufStoreFiles.targetFile(current.get()), TufStoreFiles.targetFile(work));
        }
        return work;
    }

    private static void copyIfPresent(Path from, Path to) throws IOException {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // A partial seed only costs downloads: sigstore-java fetches what is missing.
        }
    }

    /**
     * Makes a verified work directory the current generation: records when it was refreshed, renames it, then
     * atomically replaces the {@code current} pointer. Older generations and abandoned work are removed afterwards
     * (best effort).
     */
    void commit(Path work, TufRoot root) throws IOException {
        Properties info = new Properties();
        info.setProperty("refreshed-at", root.refreshedAt().toString());
        info.setProperty("sha256", root.sha256());
        info.setProperty("targets-version", Integer.toString(root.targetsVersion()));
        try (OutputStream out = Files.newOutputStream(work.resolve(REFRESH_INFO))) {
            info.store(out, "pylock-trust TUF refresh");
        }
        String name = "g-" + root.refreshedAt().toEpochMilli() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        Path generation = dir.resolve(name);
        Files.move(work, generation, StandardCopyOption.ATOMIC_MOVE);
        Path pointer = Files.createTempFile(dir, "current-", ".tmp");
        Files.writeString(pointer, name + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(pointer, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(pointer, dir.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
        }
        cleanUp(name);
    }

    /** The remembered refresh failure, if the file is there, within {@link RefreshFailure#MAX_BYTES}, well-formed. */
    Optional<RefreshFailure> lastFailure() {
        try {
            byte[] raw = TufStoreFiles.readLimited(dir.resolve(LAST_FAILURE), RefreshFailure.MAX_BYTES, LAST_FAILURE);
            return RefreshFailure.parse(raw);
        } catch (TufStoreFiles.InvalidStoreException e) {
            return Optional.empty();
        }
    }

    /** Replaces the remembered failure atomically (temporary file, then rename). Best effort: never throws. */
    void recordFailure(RefreshFailure failure) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, LAST_FAILURE_TMP, ".tmp");
            Files.write(tmp, failure.toBytes());
            try {
                Files.move(tmp, dir.resolve(LAST_FAILURE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(LAST_FAILURE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: without the record the next run simply tries again.
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Forgets the remembered failure. Best effort: never throws. */
    void clearFailure() {
        try {
            Files.deleteIfExists(dir.resolve(LAST_FAILURE));
        } catch (IOException | RuntimeException e) {
            // Best effort: a stale record only delays one refresh, and a later success removes it.
        }
    }

    /** Removes a work directory that will not be committed. Never throws. */
    static void discard(Path work) {
        deleteTree(work);
    }

    private void cleanUp(String keep) {
        // Real time, not the refresh's time: this compares with file modification times.
        Instant now = Instant.now();
        // Another process may have committed since: never remove what the pointer names now.
        String pointed;
        try {
            pointed = currentGeneration().map(p -> p.getFileName().toString()).orElse(keep);
        } catch (TufStoreFiles.InvalidStoreException e) {
            pointed = keep;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (n.equals(keep) || n.equals(pointed) || n.equals(CURRENT)) {
                    continue;
                }
                boolean oldGeneration = GENERATION.matcher(n).matches();
                boolean staleWork = (n.startsWith("w-") || n.startsWith("current-")
                        || n.startsWith(LAST_FAILURE_TMP))
                        && Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(ABANDONED_AFTER));
                if (oldGeneration || staleWork) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // Best effort: leftovers are removed by a later refresh.
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
