package dev.pylocktrust.verify;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.ParallelMap;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The distribution files in a {@code --wheelhouse} directory, with their sha256: what
 * {@code pip install --no-index --find-links DIR} could install. Like pip's {@code --find-links}, only the directory's
 * own entries count (no recursion); symbolic links are followed, as pip follows them.
 *
 * <p>A distribution file is any name with a wheel or source-archive suffix, compared case-insensitively (pip
 * accepts {@code .ZIP}); everything else ({@code .metadata}, {@code README}) is ignored.
 */
public final class Wheelhouse {
    /** More entries than this is not a wheelhouse; refuse rather than hash a disk. */
    public static final int MAX_ENTRIES = 100_000;
    static final List<String> SUFFIXES = List.of(".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tbz", ".tar.xz",
            ".txz", ".tar.zst", ".tar.lz", ".tlz", ".tar.lzma", ".tar");

    /** One distribution file in the directory. */
    public record Entry(String filename, String sha256) {}

    private Wheelhouse() {}

    /** Whether pip would consider a file with this name a distribution. */
    static boolean isDistribution(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /**
     * Lists and hashes the distribution files of {@code dir}, sorted by name.
     *
     * @throws UsageException when the directory cannot be read, has too many entries, or a file cannot be read
     */
    public static List<Entry> scan(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            int count = 0;
            for (Path p : stream) {
                if (++count > MAX_ENTRIES) {
                    throw new UsageException("--wheelhouse " + dir + " has more than " + MAX_ENTRIES + " entries",
                            "point --wheelhouse at the directory you pass to pip install --find-links");
                }
                String name = p.getFileName().toString();
                if (isDistribution(name) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("--wheelhouse " + dir + ": no such directory");
        } catch (NotDirectoryException e) {
            throw new UsageException("--wheelhouse " + dir + " is not a directory");
        } catch (IOException e) {
            throw new UsageException("cannot read --wheelhouse " + dir + ": " + IoErrors.reason(e), e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return hashAll(files);
    }

    /** Hashes the files on up to four threads (fewer on smaller machines); entries in the files' order. */
    private static List<Entry> hashAll(List<Path> files) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return ParallelMap.map(files, threads, "pylock-trust-wheelhouse",
                p -> new Entry(p.getFileName().toString(), sha256(p)),
                e -> new IllegalStateException("interrupted while hashing the wheelhouse", e));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " in --wheelhouse: " + IoErrors.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
