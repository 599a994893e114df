package dev.pylocktrust.report;

import dev.pylocktrust.policy.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a {@link Report}: the finding, links for the reader, and machine-readable facts for the JSON output.
 *
 * @param finding what a person reads
 * @param links e.g. the repository and workflow of an identity (Markdown shows them; text and JSON list them)
 * @param data structured facts for {@code --format json}, in the order given: values are {@code String},
 *     {@code Number}, {@code Boolean}, {@code null}, {@code List} or {@code Map<String, ?>} of the same
 */
public record ReportItem(Finding finding, List<Link> links, Map<String, Object> data) {
    public ReportItem {
        Objects.requireNonNull(finding, "finding");
        links = List.copyOf(links);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static ReportItem of(Finding finding) {
        return new ReportItem(finding, List.of(), Map.of());
    }
}
