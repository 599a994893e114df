package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PEP 503 HTML project pages (frozen by PEP 833): one anchor per file with the hash in the URL fragment, and the
 * {@code data-*} attributes of PEPs 345/592/658/714/740. Produces the same {@link IndexFile}s as the JSON parser,
 * except for what HTML cannot carry ({@code size}, {@code upload-time}, {@code versions}).
 */
final class HtmlPageParser {
    private final String project;
    private final PageBase base;
    private final int maxFiles;
    private final List<String> warnings = new ArrayList<>();
    private final List<IndexFile> files = new ArrayList<>();
    private final List<HtmlScanner.Tag> links = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private ApiVersion version = ApiVersion.DEFAULT;
    private Optional<String> status = Optional.empty();

    private HtmlPageParser(String project, PageBase base, int maxFiles) {
        this.project = project;
        this.base = base;
        this.maxFiles = maxFiles;
    }

    static ProjectPage parse(byte[] body, String project, PageBase base, int maxFiles) {
        return new HtmlPageParser(project, base, maxFiles).parse(body);
    }

    private ProjectPage parse(byte[] body) {
        String html;
        try {
            html = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IndexFormatException("the HTML project page " + base.url() + " is not valid UTF-8");
        }
        HtmlScanner.scan(html, this::onTag);
        version.checkSupported().ifPresent(warnings::add);
        // Files are built once the whole page (and so its version meta tag) has been seen.
        for (int i = 0; i < links.size(); i++) {
            try {
                files.add(file(links.get(i).attributes(), texts.get(i)));
            } catch (IndexFormatException e) {
                warnings.add("skipped link #" + (i + 1) + " (" + Texts.clip(texts.get(i)) + ") of " + base.url()
                        + ": " + e.getMessage());
            }
        }
        return new ProjectPage(project, base.url(), ProjectPage.Format.HTML, version, files, List.of(), status,
                warnings, false);
    }

    private void onTag(HtmlScanner.Tag tag, String text) {
        Map<String, String> a = tag.attributes();
        if (tag.name().equals("meta")) {
            String name = a.getOrDefault("name", "");
            if (name.equals("pypi:repository-version")) {
                version = ApiVersion.parse(a.get("content"));
            } else if (name.equals("pypi:project-status") && a.containsKey("content")) {
                status = Optional.of(a.get("content"));
            }
            return;
        }
        if (!a.containsKey("href")) {
            return;
        }
        if (links.size() >= maxFiles) {
            throw new IndexFormatException(base.url() + " lists more than " + maxFiles + " files");
        }
        links.add(tag);
        texts.add(text);
    }

    private IndexFile file(Map<String, String> a, String text) {
        String href = a.get("href");
        String filename = FileEntries.filename(text);
        String url = FileEntries.url(href, base);
        Map<String, String> hashes = FileEntries.newHashes();
        int hash = href.indexOf('#');
        if (hash >= 0) {
            String fragment = href.substring(hash + 1);
            int eq = fragment.indexOf('=');
            if (eq > 0) {
                FileEntries.addHash(hashes, fragment.substring(0, eq), fragment.substring(eq + 1));
            }
        }
        Optional<String> requiresPython = Optional.ofNullable(a.get("data-requires-python"))
                .filter(s -> !s.isEmpty());
        boolean yanked = a.containsKey("data-yanked");
        Optional<String> reason = yanked ? Optional.of(a.get("data-yanked")).filter(s -> !s.isEmpty()) : Optional.empty();
        return new IndexFile(project, filename, url, hashes, requiresPython, yanked, reason, OptionalLong.empty(),
                Optional.empty(), coreMetadata(a), provenance(a));
    }

    /** PEP 714: {@code data-core-metadata} wins; {@code data-dist-info-metadata} is the legacy fallback. */
    private static Optional<Map<String, String>> coreMetadata(Map<String, String> a) {
        String v = a.containsKey("data-core-metadata") ? a.get("data-core-metadata") : a.get("data-dist-info-metadata");
        if (v == null || Ascii.equalsIgnoreCase(v, "false")) {
            return Optional.empty();
        }
        if (Ascii.equalsIgnoreCase(v, "true") || v.isEmpty()) {
            return Optional.of(Map.of());
        }
        int eq = v.indexOf('=');
        if (eq <= 0) {
            throw new IndexFormatException("data-core-metadata '" + Texts.clip(v) + "' is neither true nor hash=value");
        }
        Map<String, String> hashes = FileEntries.newHashes();
        FileEntries.addHash(hashes, v.substring(0, eq), v.substring(eq + 1));
        return Optional.of(hashes);
    }

    private ProvenanceLink provenance(Map<String, String> a) {
        String v = a.get("data-provenance");
        if (v == null) {
            // A page declaring API 1.3+ that omits data-provenance says "none"; older pages say nothing.
            return version.supportsProvenance() ? new ProvenanceLink.Null() : new ProvenanceLink.Absent();
        }
        return FileEntries.provenance(v, base);
    }
}
