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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.TreeMap;

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

    /**
     * One distribution file in the directory.
     *
     * @param digests its digests by lower-case hashlib name ({@code sha256} always; every other algorithm asked for
     *     that the JDK computes)
     */
    public record Entry(String filename, Map<String, String> digests) {
        public Entry {
            digests = Map.copyOf(digests);
            if (!digests.containsKey("sha256")) {
                throw new IllegalArgumentException("an entry has a sha256");
            }
        }

        /** An entry with only its sha256. */
        public static Entry of(String filename, String sha256) {
            return new Entry(filename, Map.of("sha256", sha256));
        }

        public String sha256() {
            return digests.get("sha256");
        }
    }

    /** hashlib names (as PEP 751 uses them) of the digests the JDK computes, with the JDK's names. */
    private static final Map<String, String> JDK_NAMES = Map.ofEntries(Map.entry("md5", "MD5"),
            Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"), Map.entry("sha512_224", "SHA-512/224"),
            Map.entry("sha512_256", "SHA-512/256"), Map.entry("sha3_224", "SHA3-224"),
            Map.entry("sha3_256", "SHA3-256"), Map.entry("sha3_384", "SHA3-384"), Map.entry("sha3_512", "SHA3-512"));

    private Wheelhouse() {}

    /** Whether pip would consider a file with this name a distribution. */
    static boolean isDistribution(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /**
     * Lists and hashes the distribution files of {@code dir}, sorted by name.
     *
     * @param algorithms hashlib names of the digests to compute besides sha256 (those the JDK cannot compute are left
     *     out, so nothing can confirm them)
     * @throws UsageException when the directory cannot be read, has too many entries, or a file cannot be read
     */
    public static List<Entry> scan(Path dir, Set<String> algorithms) {
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
        Map<String, String> jdk = new TreeMap<>();
        jdk.put("sha256", "SHA-256");
        for (String a : algorithms) {
            String name = JDK_NAMES.get(a.toLowerCase(Locale.ROOT));
            if (name != null) {
                jdk.put(a.toLowerCase(Locale.ROOT), name);
            }
        }
        return hashAll(files, jdk);
    }

    /** Hashes the files on up to four threads (fewer on smaller machines); entries in the files' order. */
    private static List<Entry> hashAll(List<Path> files, Map<String, String> algorithms) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return ParallelMap.map(files, threads, "pylock-trust-wheelhouse",
                p -> new Entry(p.getFileName().toString(), digests(p, algorithms)),
                e -> new IllegalStateException("interrupted while hashing the wheelhouse", e));
    }

    /** The file's digests, in one read. */
    static Map<String, String> digests(Path file, Map<String, String> algorithms) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, MessageDigest> mds = new LinkedHashMap<>();
            for (Map.Entry<String, String> a : algorithms.entrySet()) {
                mds.put(a.getKey(), MessageDigest.getInstance(a.getValue()));
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (MessageDigest md : mds.values()) {
                    md.update(buf, 0, n);
                }
            }
            Map<String, String> out = new LinkedHashMap<>();
            mds.forEach((k, md) -> out.put(k, HexFormat.of().formatHex(md.digest())));
            return out;
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + " in --wheelhouse: " + IoErrors.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
