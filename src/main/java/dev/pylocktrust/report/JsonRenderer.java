package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link Report} as JSON: {@code schema}, the report's facts, {@code title}, {@code verdict},
 * {@code notes}, then {@code findings} (most severe first), each with its section's {@code rank} and
 * {@code section}, the finding's own keys ({@link FindingJson}), {@code links} and {@code data}.
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
        var findings = root.putArray("findings");
        for (ReportSection section : report.sections()) {
            for (ReportItem item : section.items()) {
                ObjectNode o = findings.addObject();
                o.put("rank", section.rank());
                o.put("section", section.title());
                FindingJson.put(o, item.finding());
                var links = o.putArray("links");
                item.links().forEach(l -> links.addObject().put("text", l.text()).put("url", l.url()));
                o.set("data", JSON.valueToTree(item.data()));
            }
        }
        return JsonOutput.write(root) + "\n";
    }
}
