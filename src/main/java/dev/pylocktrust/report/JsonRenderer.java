package dev.pylocktrust.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.policy.Finding;
import java.io.UncheckedIOException;

/**
 * Renders a {@link Report} as JSON: {@code schema}, the report's facts, {@code title}, {@code verdict},
 * {@code notes}, then {@code findings} (most severe first), each with its section's {@code rank} and
 * {@code section}, {@code severity} ({@code error}, {@code warning}, {@code notice}), {@code code}, {@code package}
 * and {@code file} (null when not about one), {@code message}, {@code detail}, {@code hint}, {@code location}
 * ({@code {path, line}} or null), {@code links} and {@code data}. Text is not escaped beyond JSON's own rules: a
 * consumer gets the input's exact strings.
 */
public final class JsonRenderer {
    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private JsonRenderer() {}

    public static String render(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", report.schema());
        report.facts().forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        root.put("title", report.title());
        root.put("verdict", report.verdict());
        report.notes().forEach(root.putArray("notes")::add);
        if (report.notes().isEmpty()) {
            root.putArray("notes");
        }
        var findings = root.putArray("findings");
        for (ReportSection section : report.sections()) {
            for (ReportItem item : section.items()) {
                Finding f = item.finding();
                ObjectNode o = findings.addObject();
                o.put("rank", section.rank());
                o.put("section", section.title());
                o.put("severity", f.severity().label());
                o.put("code", f.code().code());
                o.put("package", f.packageName().isEmpty() ? null : f.packageName());
                o.put("file", f.file().orElse(null));
                o.put("message", f.message());
                o.put("detail", f.detail());
                o.put("hint", f.hint());
                f.location().ifPresentOrElse(l -> o.putObject("location").put("path", l.path()).put("line", l.line()),
                        () -> o.putNull("location"));
                var links = o.putArray("links");
                item.links().forEach(l -> links.addObject().put("text", l.text()).put("url", l.url()));
                o.set("data", JSON.valueToTree(item.data()));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
