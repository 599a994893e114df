package dev.pylocktrust.lock;

import dev.pylocktrust.Ascii;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A wheel or sdist entry: {@code [packages.sdist]} or one {@code [[packages.wheels]]} table.
 *
 * @param name the explicit filename ({@code name} key), which wins over the url/path basename
 * @param url where to fetch it; at least one of url and path is present
 * @param path relative to the lock file
 * @param size in bytes, if recorded
 * @param uploadTime when the index received it (a TOML datetime, UTC)
 * @param hashes algorithm (lower case) to hex digest; at least one entry; {@code sha256} digests are lower case
 * @param extra keys PEP 751 does not define here, kept so a round trip loses nothing
 */
public record LockedFile(
        Optional<String> name,
        Optional<String> url,
        Optional<String> path,
        OptionalLong size,
        Optional<Instant> uploadTime,
        SortedMap<String, String> hashes,
        RawTable extra) {

    /** Keys of a file table that PEP 751 defines, in the order we write them. */
    static final Set<String> KEYS = Set.of("name", "upload-time", "url", "path", "size", "hashes");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LockedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(uploadTime, "uploadTime");
        Objects.requireNonNull(extra, "extra");
        if (url.isEmpty() && path.isEmpty()) {
            throw new IllegalArgumentException("a locked file needs a url or a path");
        }
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size.getAsLong());
        }
        hashes = normalizeHashes(hashes);
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("a locked file needs at least one hash");
        }
        String sha = hashes.get("sha256");
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha);
        }
        for (String key : extra.entries().keySet()) {
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("extra must not contain the PEP 751 key '" + key + "'");
            }
        }
        String filename = DistFilenames.derive(name, path, url)
                .orElseThrow(() -> new IllegalArgumentException("no filename can be derived from name, path or url"));
        DistFilenames.checkSafe(filename).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A file known by URL and sha256, as the locker records files from an index. */
    public static LockedFile of(String url, String sha256) {
        return new LockedFile(Optional.empty(), Optional.of(url), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), new TreeMap<>(Map.of("sha256", sha256)), RawTable.EMPTY);
    }

    /** Hash names are compared case-insensitively, so they are stored lower case; so are sha256 digests. */
    static SortedMap<String, String> normalizeHashes(Map<String, String> hashes) {
        Objects.requireNonNull(hashes, "hashes");
        TreeMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            String algorithm = Ascii.toLowerCase(e.getKey());
            String digest = Objects.requireNonNull(e.getValue(), "hash value");
            if (digest.isEmpty()) {
                throw new IllegalArgumentException("hash '" + algorithm + "' is empty");
            }
            if (algorithm.equals("sha256")) {
                digest = Ascii.toLowerCase(digest);
            }
            if (out.put(algorithm, digest) != null) {
                throw new IllegalArgumentException("hash '" + algorithm + "' is given twice");
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The filename per PEP 751: {@code name}, else the basename of {@code path}, else of the decoded {@code url}. */
    public String filename() {
        return DistFilenames.derive(name, path, url).orElseThrow();
    }

    /** The sha256 digest (lower-case hex), if recorded. */
    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }
}
