package dev.pylocktrust.lock;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that readers see either the old bytes or the complete new ones, never a mix: write a temporary
 * file in the same directory, fsync it, then rename it over the target ({@code ATOMIC_MOVE}). On any failure the
 * temporary file is removed and the target is untouched.
 *
 * <p>If the target is a symbolic link, the link itself is replaced by a regular file; the file it pointed to is
 * never written (a hostile checkout cannot aim our write at another file). An existing target's POSIX permissions
 * are kept; a new file gets the default permissions (umask), not a temporary file's private ones.
 */
public final class AtomicFileWriter {
    /** The disk operations of an atomic write. Tests replace one to fail midway. */
    public interface Ops {
        /** Writes all of {@code bytes} to {@code channel}. */
        void write(FileChannel channel, ByteBuffer bytes) throws IOException;

        /** Flushes {@code channel}'s content to the device. */
        void force(FileChannel channel) throws IOException;

        /** Renames {@code temp} over {@code target} atomically. */
        void move(Path temp, Path target) throws IOException;

        Ops DEFAULT = new Ops() {
            @Override
            public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void force(FileChannel channel) throws IOException {
                channel.force(true);
            }

            @Override
            public void move(Path temp, Path target) throws IOException {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        };
    }

    private AtomicFileWriter() {}

    /**
     * @throws UsageException naming the target and the cause; the target is then unchanged
     */
    public static void write(Path target, byte[] content, Ops ops) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("cannot write '" + target + "': directory '" + dir + "' does not exist");
        }
        Path temp;
        try {
            temp = createTemp(dir, absolute.getFileName().toString());
        } catch (IOException e) {
            throw failure(target, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ops.write(channel, ByteBuffer.wrap(content));
                ops.force(channel);
            }
            keepPermissions(absolute, temp);
            ops.move(temp, absolute);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r && !(e instanceof java.io.UncheckedIOException)) {
                throw r;
            }
            throw failure(target, e);
        }
        syncDirectory(dir);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path temp = dir.resolve("." + name + "." + random + ".tmp");
            try {
                return Files.createFile(temp); // O_EXCL: never follows a planted link
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (from != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(temp, from.readAttributes().permissions());
        }
    }

    /** Makes the rename itself durable; not possible on every platform, and then only best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory as a channel; the rename is still atomic there.
        }
    }

    private static UsageException failure(Path target, Exception e) {
        String why = e instanceof IOException io ? IoErrors.reason(io)
                : IoErrors.reason(((java.io.UncheckedIOException) e));
        return new UsageException("cannot write '" + target + "': " + why + "; '" + target + "' was left unchanged", e,
                "check that the directory is writable and has free space, or write elsewhere with -o FILE");
    }
}
