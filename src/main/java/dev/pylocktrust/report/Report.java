package dev.pylocktrust.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a command found, ready to render as text, Markdown, GitHub annotations or JSON. Renderers only lay it out;
 * every decision (what is a finding, its severity, the verdict) is made before a report exists.
 *
 * @param schema the JSON schema identifier, e.g. {@code pylock-trust.diff/2}
 * @param title one line naming the command and its inputs, e.g. {@code pylock-trust diff: base -> head}
 * @param verdict one line summing up, e.g. {@code 1 identity change (1 unapproved), 2 upgrades}
 * @param facts top-level facts for the JSON output (same value types as {@link ReportItem#data()})
 * @param notes things the reader must know to interpret the report (e.g. a lockfile records no identities)
 * @param sections non-empty sections in rank order
 */
public record Report(String schema, String title, String verdict, Map<String, Object> facts, List<String> notes,
                     List<ReportSection> sections) {
    public Report {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(verdict, "verdict");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        notes = List.copyOf(notes);
        sections = List.copyOf(sections);
        for (int i = 1; i < sections.size(); i++) {
            if (sections.get(i).rank() < sections.get(i - 1).rank()) {
                throw new IllegalArgumentException("sections must be in rank order");
            }
        }
    }

    /** Every item, most severe section first. */
    public List<ReportItem> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }
}
