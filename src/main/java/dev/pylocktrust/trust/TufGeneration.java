package dev.pylocktrust.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One generation of the TUF cache ({@link TufCacheDir}) as a {@link TufSource}, and how a verified state is written
 * into one. Layout, all written by pylock-trust and only after they verified:
 * <pre>
 *   N.root.json                each root metadata after the pinned one (the chain {@link TufVerification} follows)
 *   timestamp.json snapshot.json targets.json
 *   targets/trusted_root.json
 * </pre>
 * Reading treats the directory as hostile: every file has a size limit, and a symbolic link anywhere in it is refused
 * ({@link TufCheck#LAYOUT}; pylock-trust never writes one), so the cache cannot borrow files from elsewhere.
 */
final class TufGeneration implements TufSource {
    static final String TIMESTAMP = "timestamp.json";
    static final String SNAPSHOT = "snapshot.json";
    static final String TARGETS = "targets.json";
    static final String TARGET = "targets/" + TufVerification.TRUSTED_ROOT;

    private final Path dir;

    TufGeneration(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<TufFile> root(int version) throws TufCheckException {
        String name = version + ".root.json";
        if (!Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(new TufFile(name, read(dir, name, TufVerification.MAX_ROOT_BYTES)));
    }

    @Override
    public TufFile timestamp() throws TufCheckException {
        return new TufFile(TIMESTAMP, read(dir, TIMESTAMP, TufVerification.MAX_TIMESTAMP_BYTES));
    }

    @Override
    public TufFile snapshot(TufFileInfo info, boolean consistent) throws TufCheckException {
        return new TufFile(SNAPSHOT, read(dir, SNAPSHOT, info.maxBytes(SNAPSHOT, TufVerification.MAX_META_BYTES)));
    }

    @Override
    public TufFile targets(TufFileInfo info, boolean consistent) throws TufCheckException {
        return new TufFile(TARGETS, read(dir, TARGETS, info.maxBytes(TARGETS, TufVerification.MAX_META_BYTES)));
    }

    @Override
    public TufFile trustedRoot(TufFileInfo info, boolean consistent) throws TufCheckException {
        return new TufFile(TARGET, read(dir, TARGET, info.maxBytes(TARGET, TufVerification.MAX_TARGET_BYTES)));
    }

    /** Writes {@code verified} into the new, empty directory {@code dir}. */
    static void write(Path dir, VerifiedTuf verified) throws IOException {
        for (TufMetadata root : verified.roots()) {
            create(dir.resolve(root.version() + ".root.json"), root.raw());
        }
        create(dir.resolve(TIMESTAMP), verified.timestamp().raw());
        create(dir.resolve(SNAPSHOT), verified.snapshot().raw());
        create(dir.resolve(TARGETS), verified.targets().raw());
        Files.createDirectory(dir.resolve("targets"));
        create(dir.resolve(TARGET), verified.trustedRoot());
    }

    private static void create(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * The bytes of {@code name} (a path relative to {@code dir}, at most one directory deep), which must be a regular
     * file reached without a symbolic link and hold at most {@code max} bytes.
     *
     * @throws TufCheckException {@link TufCheck#MISSING}, {@link TufCheck#TOO_LARGE} or {@link TufCheck#LAYOUT}
     */
    static byte[] read(Path dir, String name, int max) throws TufCheckException {
        Path file = dir.resolve(name);
        for (Path p = file; p != null && !p.equals(dir); p = p.getParent()) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new TufCheckException(TufCheck.MISSING, name + ": missing");
            } catch (IOException e) {
                throw new TufCheckException(TufCheck.LAYOUT, name + ": cannot be read");
            }
            if (a.isSymbolicLink()) {
                throw new TufCheckException(TufCheck.LAYOUT, name + ": a symbolic link (pylock-trust never writes "
                        + "one there)");
            }
            if (p.equals(file) ? !a.isRegularFile() : !a.isDirectory()) {
                throw new TufCheckException(TufCheck.LAYOUT, name + ": not a regular file");
            }
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TufCheckException(TufCheck.TOO_LARGE, name + ": larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new TufCheckException(TufCheck.LAYOUT, name + ": cannot be read");
        }
    }
}
