package dev.pylocktrust.testkit.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/** Renders Simple API pages the way PyPI does: PEP 691 JSON and PEP 503 HTML for the same facts. */
final class SimplePages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How URLs appear on a page.
     *
     * @param file              the file's URL (absolute or relative to the page)
     * @param provenance        the provenance URL, or empty when the file has none
     * @param emitProvenanceKey false to leave out the {@code provenance} key entirely (an old index)
     */
    record Links(Function<TestFile, String> file, Function<TestFile, Optional<String>> provenance,
            boolean emitProvenanceKey) {}

    private SimplePages() {}

    static byte[] json(TestProject p, Links links, String apiVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("meta").put("api-version", apiVersion).put("_last-serial", 1);
        root.put("name", p.name());
        ArrayNode versions = root.putArray("versions");
        p.versions().forEach(versions::add);
        ArrayNode files = root.putArray("files");
        for (TestFile f : p.files()) {
            ObjectNode o = files.addObject();
            o.put("filename", f.filename());
            o.put("url", links.file().apply(f));
            o.putObject("hashes").put("sha256", f.sha256());
            if (f.requiresPython().isPresent()) {
                o.put("requires-python", f.requiresPython().get());
            } else {
                o.putNull("requires-python");
            }
            if (f.yanked().isEmpty()) {
                o.put("yanked", false);
            } else if (f.yanked().get().isEmpty()) {
                o.put("yanked", true);
            } else {
                o.put("yanked", f.yanked().get());
            }
            o.put("size", f.content().length);
            o.put("upload-time", DateTimeFormatter.ISO_INSTANT.format(f.uploadTime()));
            if (f.hasMetadata()) {
                o.putObject("core-metadata").put("sha256", f.metadataSha256());
                o.putObject("data-dist-info-metadata").put("sha256", f.metadataSha256());
            } else {
                o.put("core-metadata", false);
                o.put("data-dist-info-metadata", false);
            }
            if (links.emitProvenanceKey()) {
                Optional<String> prov = links.provenance().apply(f);
                if (prov.isPresent()) {
                    o.put("provenance", prov.get());
                } else {
                    o.putNull("provenance");
                }
            }
        }
        root.putObject("project-status").put("status", "active");
        return bytes(root);
    }

    static byte[] html(TestProject p, Links links, String apiVersion) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"")
                .append(apiVersion).append("\">\n    <meta name=\"pypi:project-status\" content=\"active\">\n")
                .append("    <title>Links for ").append(escape(p.displayName())).append("</title>\n  </head>\n")
                .append("  <body>\n    <h1>Links for ").append(escape(p.displayName())).append("</h1>\n");
        for (TestFile f : p.files()) {
            sb.append("    <a href=\"").append(escape(links.file().apply(f) + "#sha256=" + f.sha256())).append('"');
            f.requiresPython().ifPresent(r -> sb.append(" data-requires-python=\"").append(escape(r)).append('"'));
            f.yanked().ifPresent(y -> sb.append(" data-yanked=\"").append(escape(y)).append('"'));
            if (f.hasMetadata()) {
                sb.append(" data-dist-info-metadata=\"sha256=").append(f.metadataSha256()).append('"');
                sb.append(" data-core-metadata=\"sha256=").append(f.metadataSha256()).append('"');
            }
            if (links.emitProvenanceKey()) {
                links.provenance().apply(f).ifPresent(
                        u -> sb.append(" data-provenance=\"").append(escape(u)).append('"'));
            }
            sb.append('>').append(escape(f.filename())).append("</a><br />\n");
        }
        sb.append("  </body>\n</html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] projectListJson(Collection<TestProject> projects) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("meta").put("api-version", "1.4");
        ArrayNode list = root.putArray("projects");
        projects.forEach(p -> list.addObject().put("name", p.displayName()));
        return bytes(root);
    }

    static byte[] projectListHtml(Collection<TestProject> projects) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" "
                + "content=\"1.4\"><title>Simple index</title></head><body>\n");
        projects.forEach(p -> sb.append("<a href=\"").append(p.name()).append("/\">").append(escape(p.displayName()))
                .append("</a><br />\n"));
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
