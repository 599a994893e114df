package dev.pylocktrust.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PEP 691 JSON project pages (with PEP 700, 714, 740 and 792 keys). Streams the {@code files} array so that a huge
 * page never becomes one huge tree. Unknown keys are ignored; required keys are checked; a malformed file entry is
 * skipped with a warning (so it can never be matched), a malformed page is an error.
 */
final class JsonPageParser {
    private final String project;
    private final PageBase base;
    private final int maxFiles;
    private final List<String> warnings = new ArrayList<>();

    private JsonPageParser(String project, PageBase base, int maxFiles) {
        this.project = project;
        this.base = base;
        this.maxFiles = maxFiles;
    }

    /**
     * @param project  the normalized name that was requested; the page's {@code name} must equal it
     * @param maxFiles a hard cap on the number of file entries
     */
    static ProjectPage parse(byte[] body, String project, PageBase base, int maxFiles) {
        return new JsonPageParser(project, base, maxFiles).parse(body);
    }

    private ProjectPage parse(byte[] body) {
        String what = "the JSON project page " + base.url();
        JsonNode meta = null;
        String name = null;
        List<JsonNode> rawFiles = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        Optional<String> status = Optional.empty();
        try (JsonParser p = IndexJson.parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IndexFormatException(what + " is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                switch (key) {
                    case "meta":
                        meta = p.readValueAsTree();
                        break;
                    case "name":
                        name = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "files":
                        readFiles(p, value, rawFiles);
                        break;
                    case "versions":
                        readVersions(p, value, versions);
                        break;
                    case "project-status":
                        status = readStatus(p.readValueAsTree());
                        break;
                    default:
                        p.skipChildren();
                }
            }
            IndexJson.expectEnd(p, what);
        } catch (JsonProcessingException e) {
            throw IndexJson.malformed(what, e);
        } catch (IOException e) {
            throw new IndexFormatException(what + " could not be read: " + e.getMessage(), e);
        }
        ApiVersion version = apiVersion(meta, what);
        version.checkSupported().ifPresent(warnings::add);
        if (name == null) {
            throw new IndexFormatException(what + " has no project 'name'");
        }
        if (!name.equals(project)) {
            throw new IndexFormatException(what + " is for project '" + Texts.clip(name) + "', not '" + project + "'");
        }
        List<IndexFile> files = new ArrayList<>(rawFiles.size());
        for (int i = 0; i < rawFiles.size(); i++) {
            try {
                files.add(file(rawFiles.get(i), version.supportsProvenance()));
            } catch (IndexFormatException e) {
                warnings.add("skipped file entry #" + (i + 1) + describe(rawFiles.get(i)) + " of " + base.url()
                        + ": " + e.getMessage());
            }
        }
        return new ProjectPage(project, base.url(), ProjectPage.Format.JSON, version, files, versions, status,
                warnings, false);
    }

    private void readFiles(JsonParser p, JsonToken value, List<JsonNode> into) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new IndexFormatException("'files' is not an array in " + base.url());
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (into.size() >= maxFiles) {
                throw new IndexFormatException(base.url() + " lists more than " + maxFiles + " files");
            }
            into.add(p.readValueAsTree());
        }
    }

    private void readVersions(JsonParser p, JsonToken value, List<String> into) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new IndexFormatException("'versions' is not an array in " + base.url());
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (into.size() >= maxFiles) {
                throw new IndexFormatException(base.url() + " lists more than " + maxFiles + " versions");
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IndexFormatException("'versions' holds a non-string in " + base.url());
            }
            into.add(p.getText());
        }
    }

    private static Optional<String> readStatus(JsonNode node) {
        // PEP 792 prose says "state", its example and PyPI say "status".
        JsonNode s = node.has("status") ? node.get("status") : node.get("state");
        return s != null && s.isTextual() ? Optional.of(s.asText()) : Optional.empty();
    }

    private static ApiVersion apiVersion(JsonNode meta, String what) {
        if (meta == null || !meta.isObject()) {
            throw new IndexFormatException(what + " has no 'meta' object");
        }
        JsonNode v = meta.get("api-version");
        if (v == null || !v.isTextual()) {
            throw new IndexFormatException(what + " has no 'meta.api-version' string");
        }
        return ApiVersion.parse(v.asText());
    }

    private IndexFile file(JsonNode f, boolean pageSupportsProvenance) {
        if (!f.isObject()) {
            throw new IndexFormatException("not a JSON object");
        }
        String filename = FileEntries.filename(requiredText(f, "filename"));
        String url = FileEntries.url(requiredText(f, "url"), base);
        Map<String, String> hashes = hashes(f.get("hashes"), "hashes");
        if (hashes == null) {
            throw new IndexFormatException("'hashes' is missing or not an object");
        }
        Optional<String> requiresPython = optionalText(f, "requires-python");
        boolean yanked = false;
        Optional<String> reason = Optional.empty();
        JsonNode y = f.get("yanked");
        if (y != null && !y.isNull()) {
            if (y.isBoolean()) {
                yanked = y.booleanValue();
            } else if (y.isTextual()) {
                yanked = true;
                reason = y.asText().isEmpty() ? Optional.empty() : Optional.of(y.asText());
            } else {
                throw new IndexFormatException("'yanked' is neither a boolean nor a string");
            }
        }
        OptionalLong size = OptionalLong.empty();
        JsonNode s = f.get("size");
        if (s != null && !s.isNull()) {
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.longValue() < 0) {
                throw new IndexFormatException("'size' is not a non-negative integer");
            }
            size = OptionalLong.of(s.longValue());
        }
        return new IndexFile(project, filename, url, hashes, requiresPython, yanked, reason, size,
                uploadTime(f, filename), coreMetadata(f), provenance(f, pageSupportsProvenance));
    }

    private Optional<Instant> uploadTime(JsonNode f, String filename) {
        Optional<String> text = optionalText(f, "upload-time");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            warnings.add("ignored 'upload-time' of " + filename + ": '" + Texts.clip(text.get())
                    + "' is not an ISO-8601 UTC time");
            return Optional.empty();
        }
    }

    /** PEP 714: {@code core-metadata} wins; {@code dist-info-metadata} and PyPI's {@code data-dist-info-metadata} are fallbacks. */
    private static Optional<Map<String, String>> coreMetadata(JsonNode f) {
        for (String key : new String[] {"core-metadata", "dist-info-metadata", "data-dist-info-metadata"}) {
            JsonNode v = f.get(key);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isBoolean()) {
                return v.booleanValue() ? Optional.of(Map.of()) : Optional.empty();
            }
            Map<String, String> hashes = hashes(v, key);
            if (hashes == null) {
                throw new IndexFormatException("'" + key + "' is neither a boolean nor a hash object");
            }
            return Optional.of(hashes);
        }
        return Optional.empty();
    }

    private ProvenanceLink provenance(JsonNode f, boolean pageSupportsProvenance) {
        if (!f.has("provenance")) {
            // PEP 740: on a 1.3+ page an omitted key means "no provenance"; before 1.3 it means nothing.
            return pageSupportsProvenance ? new ProvenanceLink.Null() : new ProvenanceLink.Absent();
        }
        JsonNode v = f.get("provenance");
        if (v.isNull()) {
            return new ProvenanceLink.Null();
        }
        if (!v.isTextual()) {
            return new ProvenanceLink.Invalid(v.toString(), "'provenance' is neither a string nor null");
        }
        return FileEntries.provenance(v.asText(), base);
    }

    private static Map<String, String> hashes(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> out = FileEntries.newHashes();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IndexFormatException("'" + key + "." + Texts.clip(e.getKey()) + "' is not a string");
            }
            FileEntries.addHash(out, e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String requiredText(JsonNode f, String key) {
        JsonNode v = f.get(key);
        if (v == null || !v.isTextual()) {
            throw new IndexFormatException("'" + key + "' is missing or not a string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode f, String key) {
        JsonNode v = f.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IndexFormatException("'" + key + "' is not a string");
        }
        return Optional.of(v.asText());
    }

    private static String describe(JsonNode f) {
        JsonNode n = f.isObject() ? f.get("filename") : null;
        return n != null && n.isTextual() ? " (" + Texts.clip(n.asText()) + ")" : "";
    }
}
