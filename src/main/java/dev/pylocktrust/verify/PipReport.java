package dev.pylocktrust.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * pip's installation report ({@code pip install --dry-run --ignore-installed --report FILE ...}, format version
 * {@code "1"}, stable since pip 23.0): what pip would install. Only what {@code verify} needs is kept: each item's
 * project name and version from {@code metadata}, and from {@code download_info} (PEP 610 direct URL data) the
 * URL and either the archive's sha256, the VCS commit, or that it is a local directory.
 *
 * <p>The report is input from disk, so parsing is bounded (size, item count, nesting) and strict where it matters:
 * duplicate keys, a version other than {@code "1"}, an item without a name or version, two different sha256
 * values for one archive, are all errors (exit 2), never guesses.
 */
public record PipReport(String file, List<Item> items) {
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    public static final int MAX_ITEMS = 100_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(16 * 1024 * 1024).build())
            .build()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** How pip would get an item. */
    public enum Source {
        /** A wheel or sdist file (from an index, or a direct URL to an archive). */
        ARCHIVE,
        /** A VCS checkout. */
        VCS,
        /** A local directory. */
        DIRECTORY
    }

    /**
     * One thing pip would install.
     *
     * @param position 0-based index in the report's {@code install} array (for messages)
     * @param name the project name as the metadata spells it
     * @param version the version as the metadata spells it
     * @param source where it comes from
     * @param url {@code download_info.url}
     * @param sha256 the archive's sha256 (lower case), if pip recorded one
     * @param commitId the VCS commit, for {@link Source#VCS}
     */
    public record Item(int position, String name, String version, Source source, String url, Optional<String> sha256,
                       Optional<String> commitId) {}

    public PipReport {
        items = List.copyOf(items);
    }

    /** Reads and parses a report file; {@code file} is named in messages as given. */
    public static PipReport read(Path path) {
        String file = path.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read --pip-report " + file + ": no such file",
                    "create it with: pip install --dry-run --ignore-installed --report " + file + " -r ...");
        } catch (IOException e) {
            throw new UsageException("cannot read --pip-report " + file + ": " + IoErrors.reason(e), e);
        }
        return parse(bytes, file);
    }

    public static PipReport parse(byte[] bytes, String file) {
        if (bytes.length > MAX_BYTES) {
            throw error(file, "larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw error(file, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error(file, "cannot be parsed: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw error(file, "not a JSON object (expected pip's installation report)");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !version.textValue().equals("1")) {
            throw error(file, "report version " + (version == null ? "(none)" : version)
                    + "; only pip's installation report version \"1\" is understood");
        }
        JsonNode install = root.get("install");
        if (install == null || !install.isArray()) {
            throw error(file, "no \"install\" array (expected pip install --dry-run --report output)");
        }
        if (install.size() > MAX_ITEMS) {
            throw error(file, install.size() + " items, more than the limit of " + MAX_ITEMS);
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < install.size(); i++) {
            items.add(item(file, i, install.get(i)));
        }
        return new PipReport(file, items);
    }

    private static Item item(String file, int i, JsonNode node) {
        String where = "install[" + i + "]";
        if (!node.isObject()) {
            throw error(file, where + " is not an object");
        }
        JsonNode metadata = node.path("metadata");
        String name = text(file, metadata, where + ".metadata", "name");
        String version = text(file, metadata, where + ".metadata", "version");
        JsonNode info = node.path("download_info");
        if (!info.isObject()) {
            throw error(file, where + ".download_info is missing");
        }
        String url = text(file, info, where + ".download_info", "url");
        if (info.has("vcs_info")) {
            String commit = text(file, info.get("vcs_info"), where + ".download_info.vcs_info", "commit_id");
            return new Item(i, name, version, Source.VCS, url, Optional.empty(), Optional.of(commit));
        }
        if (info.has("dir_info")) {
            return new Item(i, name, version, Source.DIRECTORY, url, Optional.empty(), Optional.empty());
        }
        if (!info.has("archive_info")) {
            throw error(file, where + ".download_info has none of archive_info, vcs_info, dir_info");
        }
        return new Item(i, name, version, Source.ARCHIVE, url, archiveSha256(file, info.get("archive_info"),
                where + ".download_info.archive_info"), Optional.empty());
    }

    /** {@code hashes.sha256} (newer pip) and {@code hash: "sha256=..."} (older, deprecated) must agree if both given. */
    private static Optional<String> archiveSha256(String file, JsonNode archive, String where) {
        if (!archive.isObject()) {
            throw error(file, where + " is not an object");
        }
        Optional<String> fromHashes = Optional.empty();
        JsonNode hashes = archive.get("hashes");
        if (hashes != null && hashes.has("sha256")) {
            fromHashes = Optional.of(sha256(file, hashes.get("sha256"), where + ".hashes.sha256"));
        }
        Optional<String> fromHash = Optional.empty();
        JsonNode hash = archive.get("hash");
        if (hash != null && hash.isTextual() && hash.textValue().startsWith("sha256=")) {
            fromHash = Optional.of(sha256(file, JSON.getNodeFactory().textNode(hash.textValue().substring(7)),
                    where + ".hash"));
        }
        if (fromHashes.isPresent() && fromHash.isPresent() && !fromHashes.equals(fromHash)) {
            throw error(file, where + " gives two different sha256 values");
        }
        return fromHashes.isPresent() ? fromHashes : fromHash;
    }

    private static String sha256(String file, JsonNode node, String where) {
        String s = node.isTextual() ? node.textValue().toLowerCase(Locale.ROOT) : "";
        if (!SHA256.matcher(s).matches()) {
            throw error(file, where + " is not 64 hex digits");
        }
        return s;
    }

    private static String text(String file, JsonNode parent, String where, String key) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > 4096) {
            throw error(file, where + "." + key + " is missing or not a string");
        }
        return n.textValue();
    }

    private static UsageException error(String file, String problem) {
        return new UsageException("--pip-report " + file + ": " + problem,
                "pass the file written by: pip install --dry-run --ignore-installed --report FILE ...");
    }
}
