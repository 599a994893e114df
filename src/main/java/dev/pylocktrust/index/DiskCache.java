package dev.pylocktrust.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The on-disk cache. Two kinds of entries:
 * <ul>
 *   <li>Project pages, keyed by request URL and Accept header, stored with their validators (ETag, Last-Modified)
 *       and revalidated on every online run.</li>
 *   <li>Immutable objects keyed by the sha256 of the distribution file they belong to: provenance and core
 *       metadata. A file's content never changes, so these are served without a request.</li>
 * </ul>
 * Nothing in the cache is a verdict: pages are parsed again, metadata is re-hashed against the page, provenance is
 * re-verified by the {@code attest} layer on every run. A poisoned entry can therefore only cause a failure, never a
 * pass. Writes are atomic (temporary file, then rename), so concurrent runs sharing the directory each see whole
 * entries; reads are size-capped; a damaged entry is a miss and is fetched again: a page's header records the
 * sha256 of its body (an HTML page cut short can still parse, with fewer files), provenance must be one JSON
 * object, metadata must match the page's hash. Write failures are ignored (the cache only saves time).
 *
 * <p>Layout: {@code <root>/v1/pages/<sha256(url + accept)>}, {@code <root>/v1/provenance/<aa>/<sha256>.json},
 * {@code <root>/v1/metadata/<aa>/<sha256>.metadata}.
 */
final class DiskCache {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PAGE_HEADER = 16 * 1024;

    /** Immutable entries, keyed by file sha256. */
    enum Kind {
        PROVENANCE("provenance", ".json"),
        METADATA("metadata", ".metadata");

        final String dir;
        final String suffix;

        Kind(String dir, String suffix) {
            this.dir = dir;
            this.suffix = suffix;
        }
    }

    /** A cached page and how to revalidate it. */
    record CachedPage(String url, String contentType, String etag, String lastModified, byte[] body) {}

    private final Path root;

    DiskCache(Path root) throws IOException {
        this.root = root.resolve("v1");
        Files.createDirectories(this.root);
    }

    Optional<byte[]> read(Kind kind, String sha256, long cap) {
        return readCapped(blobPath(kind, sha256), cap);
    }

    void write(Kind kind, String sha256, byte[] bytes) {
        writeAtomically(blobPath(kind, sha256), bytes);
    }

    void delete(Kind kind, String sha256) {
        try {
            Files.deleteIfExists(blobPath(kind, sha256));
        } catch (IOException e) {
            // A stale entry stays a miss-on-verify; nothing else to do.
        }
    }

    Optional<CachedPage> readPage(String key, long cap) {
        Optional<byte[]> raw = readCapped(pagePath(key), cap + MAX_PAGE_HEADER);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] all = raw.get();
        int nl = -1;
        for (int i = 0; i < Math.min(all.length, MAX_PAGE_HEADER); i++) {
            if (all[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return Optional.empty();
        }
        try {
            JsonNode h = IndexJson.MAPPER.readTree(new String(all, 0, nl, StandardCharsets.UTF_8));
            byte[] body = new byte[all.length - nl - 1];
            System.arraycopy(all, nl + 1, body, 0, body.length);
            if (body.length > cap || !sha256Hex(body).equals(text(h, "sha256"))) {
                return Optional.empty();
            }
            return Optional.of(new CachedPage(text(h, "url"), text(h, "contentType"), text(h, "etag"),
                    text(h, "lastModified"), body));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void writePage(String key, CachedPage page) {
        ObjectNode h = IndexJson.MAPPER.createObjectNode();
        h.put("url", page.url());
        h.put("contentType", page.contentType());
        h.put("etag", page.etag());
        h.put("lastModified", page.lastModified());
        h.put("sha256", sha256Hex(page.body()));
        byte[] header = (h.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        if (header.length > MAX_PAGE_HEADER) {
            return;
        }
        byte[] all = new byte[header.length + page.body().length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(page.body(), 0, all, header.length, page.body().length);
        writeAtomically(pagePath(key), all);
    }

    void deletePage(String key) {
        try {
            Files.deleteIfExists(pagePath(key));
        } catch (IOException e) {
            // see delete()
        }
    }

    private static String text(JsonNode h, String key) {
        JsonNode v = h.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Path blobPath(Kind kind, String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("cache key is not a lower-case sha256: " + Texts.clip(sha256));
        }
        return root.resolve(kind.dir).resolve(sha256.substring(0, 2)).resolve(sha256 + kind.suffix);
    }

    private Path pagePath(String key) {
        return root.resolve("pages").resolve(sha256Hex(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<byte[]> readCapped(Path path, long cap) {
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.ofNullable(HttpTransport.readAtMost(in, cap));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            // The cache only saves time; a failed write is a future miss.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
