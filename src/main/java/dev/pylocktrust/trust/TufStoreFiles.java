package dev.pylocktrust.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the files that sigstore-java's {@code FileSystemTufStore} keeps ({@code root.json}, {@code timestamp.json},
 * {@code snapshot.json}, {@code targets.json} and {@code targets/trusted_root.json}) and cross-checks them: the
 * target's length and hashes are the ones the targets metadata lists, the versions chain (timestamp names the
 * snapshot, snapshot names the targets). This catches a truncated, edited or half-written cache; it does not
 * re-verify signatures (that happened when the files were fetched).
 */
final class TufStoreFiles {
    static final String TRUSTED_ROOT = "trusted_root.json";
    static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");
    /** Largest metadata file read (sigstore-java itself allows 99 KiB for root and timestamp, 2 MB for the rest). */
    static final int MAX_META_BYTES = 4 * 1024 * 1024;
    /** Largest trusted root read (real ones are about 7 KiB). */
    static final int MAX_TARGET_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TufStoreFiles() {}

    /** Where {@code FileSystemTufStore} keeps the trusted root target inside {@code dir}. */
    static Path targetFile(Path dir) {
        return dir.resolve("targets").resolve(TRUSTED_ROOT);
    }

    /**
     * The trusted root kept in {@code dir}, if the files are complete and consistent.
     *
     * @throws InvalidStoreException naming the file and the problem
     */
    static TufRoot read(Path dir, Instant refreshedAt) throws InvalidStoreException {
        JsonNode root = signed(dir, "root");
        JsonNode timestamp = signed(dir, "timestamp");
        JsonNode snapshot = signed(dir, "snapshot");
        JsonNode targets = signed(dir, "targets");
        int snapshotVersion = version(snapshot, "snapshot");
        int targetsVersion = version(targets, "targets");
        if (timestamp.path("meta").path("snapshot.json").path("version").asInt(-1) != snapshotVersion) {
            throw new InvalidStoreException("timestamp.json does not name snapshot version " + snapshotVersion);
        }
        if (snapshot.path("meta").path("targets.json").path("version").asInt(-1) != targetsVersion) {
            throw new InvalidStoreException("snapshot.json does not name targets version " + targetsVersion);
        }
        Instant expires = Instant.MAX;
        for (var e : List.of(root, timestamp, snapshot, targets)) {
            Instant t = expires(e);
            expires = t.isBefore(expires) ? t : expires;
        }
        JsonNode entry = targets.path("targets").path(TRUSTED_ROOT);
        if (!entry.isObject()) {
            throw new InvalidStoreException("targets.json (version " + targetsVersion + ") lists no " + TRUSTED_ROOT);
        }
        byte[] json = readLimited(targetFile(dir), MAX_TARGET_BYTES, "targets/" + TRUSTED_ROOT);
        checkTarget(entry, json);
        return new TufRoot(json, refreshedAt, expires, targetsVersion, version(root, "root"));
    }

    /** The target bytes must have the listed length and every listed hash (at least one of sha256, sha512). */
    static void checkTarget(JsonNode entry, byte[] json) throws InvalidStoreException {
        long length = entry.path("length").asLong(-1);
        if (length != json.length) {
            throw new InvalidStoreException(TRUSTED_ROOT + " has " + json.length + " bytes, the signed targets "
                    + "metadata says " + length);
        }
        int checked = 0;
        for (String alg : List.of("sha256", "sha512")) {
            JsonNode expected = entry.path("hashes").path(alg);
            if (expected.isMissingNode()) {
                continue;
            }
            String actual = digest(alg.equals("sha256") ? "SHA-256" : "SHA-512", json);
            if (!actual.equals(expected.asText())) {
                throw new InvalidStoreException(TRUSTED_ROOT + " has " + alg + " " + actual + ", the signed targets "
                        + "metadata says " + expected.asText());
            }
            checked++;
        }
        if (checked == 0) {
            throw new InvalidStoreException("the targets metadata lists no sha256 or sha512 for " + TRUSTED_ROOT);
        }
    }

    private static JsonNode signed(Path dir, String role) throws InvalidStoreException {
        String name = role + ".json";
        byte[] bytes = readLimited(dir.resolve(name), MAX_META_BYTES, name);
        JsonNode doc;
        try {
            doc = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidStoreException(name + " is not valid JSON");
        } catch (IOException e) {
            throw new InvalidStoreException(name + " cannot be read: " + e.getMessage());
        }
        JsonNode signed = doc == null ? null : doc.get("signed");
        if (signed == null || !signed.isObject() || !role.equals(signed.path("_type").asText())) {
            throw new InvalidStoreException(name + " is not signed " + role + " metadata");
        }
        version(signed, role);
        expires(signed);
        return signed;
    }

    private static int version(JsonNode signed, String role) throws InvalidStoreException {
        JsonNode v = signed.get("version");
        if (v == null || !v.isInt() || v.asInt() < 1) {
            throw new InvalidStoreException(role + ".json has no valid version");
        }
        return v.asInt();
    }

    private static Instant expires(JsonNode signed) throws InvalidStoreException {
        try {
            return ZonedDateTime.parse(signed.path("expires").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidStoreException(signed.path("_type").asText() + ".json has no valid expiry");
        }
    }

    static byte[] readLimited(Path file, int max, String name) throws InvalidStoreException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new InvalidStoreException(name + " is larger than " + max + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new InvalidStoreException(name + " is missing");
        } catch (IOException e) {
            throw new InvalidStoreException(name + " cannot be read: " + e.getMessage());
        }
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

    /** The cached files are incomplete or inconsistent; the message names the file. */
    static final class InvalidStoreException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidStoreException(String message) {
            super(message);
        }
    }
}
