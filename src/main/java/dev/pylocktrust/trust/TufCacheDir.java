package dev.pylocktrust.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 *   DIR/g-MILLIS-RANDOM/   the metadata and target of one verified refresh ({@link TufGeneration}), refresh.properties
 *   DIR/w-RANDOM/          a commit in progress (private to one process; abandoned ones are removed after an hour)
 *   DIR/last-failure.properties  the last failed refresh, until one succeeds ({@link RefreshFailure})
 * </pre>
 * Only a refresh that verified completely is written, into its own {@code w-} directory, renamed into a generation and
 * made current; so a crash, or two processes refreshing at once, never leave a half-written state where a reader looks.
 *
 * <p>The directory is still untrusted input: on a CI runner it may come from a cache shared with other workflows.
 * Every {@link #lookup} verifies the current generation from the pinned root ({@link TufVerification}), exactly as a
 * refresh verifies what the mirror serves. The files that are not TUF metadata only say when to refresh:
 * {@code refresh.properties} (when the last refresh was, hence whether the next is due), {@code current} (which
 * generation to verify) and {@code last-failure.properties} (whether to wait before trying again). None of them can
 * make anything trusted that did not verify.
 */
final class TufCacheDir {
    static final String CURRENT = "current";
    static final String REFRESH_INFO = "refresh.properties";
    static final String LAST_FAILURE = "last-failure.properties";
    private static final String REFRESHED_AT = "refreshed-at";
    private static final String LAST_FAILURE_TMP = "last-failure-";
    private static final Pattern GENERATION = Pattern.compile("g-[0-9]{1,19}-[0-9a-z]{1,16}");
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path dir;
    private final byte[] pinnedRoot;

    /** @param pinnedRoot the TUF root metadata every generation must chain to */
    TufCacheDir(Path dir, byte[] pinnedRoot) {
        this.dir = dir;
        this.pinnedRoot = pinnedRoot.clone();
    }

    Path dir() {
        return dir;
    }

    /**
     * What the current generation holds, verified at {@code now}: a {@link CacheLookup.Hit} only when it passes every
     * TUF check and nothing in it has expired. Never throws.
     */
    CacheLookup lookup(Instant now) {
        // One retry: a concurrent refresh may have replaced and removed the generation between the two reads.
        CacheLookup first = lookupOnce(now);
        return first instanceof CacheLookup.Rejected ? lookupOnce(now) : first;
    }

    private CacheLookup lookupOnce(Instant now) {
        try {
            Optional<Path> generation = currentGeneration();
            if (generation.isEmpty()) {
                return new CacheLookup.Miss();
            }
            VerifiedTuf verified = verify(generation.get());
            TufRoot root = verified.root(refreshedAt(generation.get()));
            try {
                verified.requireUnexpired(now);
            } catch (TufCheckException e) {
                return new CacheLookup.Expired(root, e.getMessage());
            }
            return new CacheLookup.Hit(root);
        } catch (TufCheckException e) {
            return new CacheLookup.Rejected(e.check(), e.getMessage());
        }
    }

    /**
     * The current generation if it verifies, expired or not: where the next refresh starts from (its versions are the
     * floor for rollback checks, and unchanged files need not be downloaded again). Never throws.
     */
    Optional<VerifiedTuf> verified() {
        try {
            Optional<Path> generation = currentGeneration();
            return generation.isEmpty() ? Optional.empty() : Optional.of(verify(generation.get()));
        } catch (TufCheckException e) {
            return Optional.empty();
        }
    }

    private VerifiedTuf verify(Path generation) throws TufCheckException {
        try {
            return TufVerification.verify(pinnedRoot, new TufGeneration(generation), Optional.empty());
        } catch (IOException e) {
            // TufGeneration reports every problem as a failed check; this is here for the interface's sake.
            throw new TufCheckException(TufCheck.LAYOUT, "the cache cannot be read");
        }
    }

    private static Instant refreshedAt(Path generation) throws TufCheckException {
        try {
            Properties info = new Properties();
            info.load(new ByteArrayInputStream(TufGeneration.read(generation, REFRESH_INFO, 4096)));
            return Instant.parse(String.valueOf(info.getProperty(REFRESHED_AT)));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw TufMetadata.malformed(REFRESH_INFO, "no valid " + REFRESHED_AT);
        }
    }

    private Optional<Path> currentGeneration() throws TufCheckException {
        if (!Files.exists(dir.resolve(CURRENT), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String name = new String(TufGeneration.read(dir, CURRENT, 256), StandardCharsets.UTF_8).strip();
        if (!GENERATION.matcher(name).matches()) {
            throw new TufCheckException(TufCheck.LAYOUT, CURRENT + ": does not name a generation");
        }
        Path generation = dir.resolve(name);
        if (!Files.isDirectory(generation, LinkOption.NOFOLLOW_LINKS)) {
            throw new TufCheckException(TufCheck.LAYOUT, CURRENT + ": names a generation that is not a directory "
                    + "here");
        }
        return Optional.of(generation);
    }

    /**
     * Makes a verified refresh the current generation: writes it into a private directory with the time of the
     * refresh, renames that into a generation, then atomically replaces the {@code current} pointer. Older
     * generations and abandoned work are removed afterwards (best effort).
     */
    void commit(VerifiedTuf verified, Instant refreshedAt) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "w-");
        String name = "g-" + refreshedAt.toEpochMilli() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        try {
            TufGeneration.write(work, verified);
            Properties info = new Properties();
            info.setProperty(REFRESHED_AT, refreshedAt.toString());
            try (OutputStream out = Files.newOutputStream(work.resolve(REFRESH_INFO), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                info.store(out, "pylock-trust TUF refresh: when, not what (the metadata is verified on every read)");
            }
            Files.move(work, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(work);
            throw e;
        }
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
            return RefreshFailure.parse(TufGeneration.read(dir, LAST_FAILURE, RefreshFailure.MAX_BYTES));
        } catch (TufCheckException e) {
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

    private void cleanUp(String keep) {
        // Real time, not the refresh's time: this compares with file modification times.
        Instant now = Instant.now();
        // Another process may have committed since: never remove what the pointer names now.
        String pointed;
        try {
            pointed = currentGeneration().map(p -> p.getFileName().toString()).orElse(keep);
        } catch (TufCheckException e) {
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
