package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.NetworkException;
import dev.pylocktrust.TrustException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * PEP 658 metadata: {@code GET <file url>.metadata}, check it against every hash the page gives that the JDK can
 * compute (a mismatch is a {@link TrustException}: the index serves metadata that is not what it described), cache
 * it by the file's sha256, parse it. A cached copy is re-hashed on every read; a mismatching one is dropped.
 */
final class MetadataFetcher {
    private static final Map<String, String> JDK_ALGORITHMS = Map.ofEntries(
            Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
            Map.entry("sha3_224", "SHA3-224"), Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"), Map.entry("sha3_512", "SHA3-512"));

    private final Fetcher fetcher;
    private final Optional<DiskCache> cache;
    private final long cap;
    private final Counters counters;

    MetadataFetcher(Fetcher fetcher, Optional<DiskCache> cache, long cap, Counters counters) {
        this.fetcher = fetcher;
        this.cache = cache;
        this.cap = cap;
        this.counters = counters;
    }

    CoreMetadata fetch(IndexFile file) {
        Map<String, String> expected = file.coreMetadata().orElseThrow(() -> new NetworkException(
                "the index serves no PEP 658 metadata for " + file.filename(),
                "the file's page entry has no core-metadata key; the metadata is only inside the file itself"));
        String url = metadataUrl(file.url());
        // Local mirror files are read directly; only network answers are worth caching.
        Optional<String> sha = Fetcher.isFileUrl(url) ? Optional.empty() : file.sha256();
        if (sha.isPresent() && cache.isPresent()) {
            Optional<byte[]> cached = cache.get().read(DiskCache.Kind.METADATA, sha.get(), cap);
            if (cached.isPresent()) {
                if (mismatch(expected, cached.get()).isEmpty()) {
                    counters.cacheHits.incrementAndGet();
                    return parse(cached.get(), url);
                }
                cache.get().delete(DiskCache.Kind.METADATA, sha.get());
            }
        }
        Fetcher.Fetched got = fetcher.get(url, "*/*", cap, "core metadata", false);
        if (got.code() != 200) {
            throw new NetworkException("the core metadata of " + file.filename() + " at " + got.url()
                    + " answered HTTP " + got.code());
        }
        Optional<String> bad = mismatch(expected, got.body());
        if (bad.isPresent()) {
            throw new TrustException("the core metadata of " + file.filename() + " at " + got.url()
                    + " does not match the hash on the project page: " + bad.get(),
                    "the index serves metadata other than what it describes; do not use this index until fixed");
        }
        CoreMetadata parsed = parse(got.body(), got.url());
        sha.ifPresent(s -> cache.ifPresent(c -> c.write(DiskCache.Kind.METADATA, s, got.body())));
        return parsed;
    }

    /** {@code <url>.metadata}: the suffix goes on the path, before any query. */
    static String metadataUrl(String fileUrl) {
        int q = fileUrl.indexOf('?');
        return q < 0 ? fileUrl + ".metadata" : fileUrl.substring(0, q) + ".metadata" + fileUrl.substring(q);
    }

    /** The first hash that differs, described; empty if all computable hashes match. */
    static Optional<String> mismatch(Map<String, String> expected, byte[] body) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String jdk = JDK_ALGORITHMS.get(Ascii.toLowerCase(e.getKey()));
            if (jdk == null) {
                continue;
            }
            String actual;
            try {
                actual = HexFormat.of().formatHex(MessageDigest.getInstance(jdk).digest(body));
            } catch (NoSuchAlgorithmException ex) {
                continue;
            }
            if (!Ascii.equalsIgnoreCase(actual, e.getValue())) {
                return Optional.of(e.getKey() + " expected " + e.getValue() + ", got " + actual);
            }
        }
        return Optional.empty();
    }

    private static CoreMetadata parse(byte[] body, String url) {
        try {
            return CoreMetadataParser.parse(body, url);
        } catch (IndexFormatException e) {
            throw new NetworkException(e.getMessage(), "the index serves malformed metadata");
        }
    }
}
