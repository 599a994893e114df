package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Report} as GitHub-flavoured Markdown for a pull-request comment or a job summary: a marker
 * comment (so a workflow can find and update its own comment), the title, the verdict in bold, notes, then a table
 * per section. Routine sections are collapsed in {@code <details>}.
 *
 * <p>Output is capped at {@code maxChars} (GitHub rejects comments over 65,536 characters): the most severe sections
 * come first, so what is cut is the routine tail, and the cut is said in the output. Untrusted text is escaped by
 * {@link MarkdownText}.
 */
public final class MarkdownRenderer {
    /** Leaves room under GitHub's 65,536-character comment limit. */
    public static final int DEFAULT_MAX_CHARS = 60_000;
    private static final int RESERVE = 600;

    private final int maxChars;

    public MarkdownRenderer() {
        this(DEFAULT_MAX_CHARS);
    }

    public MarkdownRenderer(int maxChars) {
        if (maxChars < 2 * RESERVE) {
            throw new IllegalArgumentException("maxChars must be at least " + 2 * RESERVE);
        }
        this.maxChars = maxChars;
    }

    /** The HTML comment that starts every rendering of a report with this schema (e.g. to find an old PR comment). */
    public static String marker(Report report) {
        return "<!-- " + report.schema().replaceAll("[^A-Za-z0-9./_-]", "") + " -->";
    }

    public String render(Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(marker(report)).append('\n');
        sb.append("### ").append(MarkdownText.message(report.title(), false)).append("\n\n");
        sb.append("**").append(MarkdownText.message(report.verdict(), false)).append("**\n");
        if (!report.notes().isEmpty()) {
            sb.append('\n');
            for (String note : report.notes()) {
                sb.append("> ").append(MarkdownText.message(note, false)).append("  \n");
            }
        }
        int omitted = 0;
        for (ReportSection section : report.sections()) {
            String heading = section.rank() + ". " + MarkdownText.text(section.title()) + " ("
                    + section.items().size() + ")";
            List<String> rows = new ArrayList<>();
            for (ReportItem item : section.items()) {
                rows.add(row(item, section.routine()));
            }
            int budget = maxChars - RESERVE - sb.length() - heading.length() - 200;
            int shown = 0;
            int used = 0;
            while (shown < rows.size() && used + rows.get(shown).length() <= budget) {
                used += rows.get(shown).length();
                shown++;
            }
            omitted += rows.size() - shown;
            if (shown == 0) {
                continue;
            }
            sb.append('\n');
            if (section.routine()) {
                sb.append("<details><summary>").append(heading).append("</summary>\n\n");
            } else {
                sb.append("#### ").append(heading).append("\n\n");
            }
            sb.append(section.routine() ? "| | Package | Change |\n|---|---|---|\n"
                    : "| | Package | Change | Details |\n|---|---|---|---|\n");
            rows.subList(0, shown).forEach(sb::append);
            if (section.routine()) {
                sb.append("\n</details>\n");
            }
        }
        if (omitted > 0) {
            sb.append("\n_").append(omitted).append(omitted == 1 ? " more finding is" : " more findings are")
                    .append(" not shown here (comment size limit); the text and JSON output list everything._\n");
        }
        return sb.toString();
    }

    private static String row(ReportItem item, boolean routine) {
        Finding f = item.finding();
        StringBuilder sb = new StringBuilder("| ").append(icon(f.severity())).append(" | ");
        sb.append(f.packageName().isEmpty() ? "(lockfile)" : MarkdownText.code(f.packageName(), true));
        sb.append(" | ").append(MarkdownText.message(f.message(), true));
        if (routine) {
            return sb.append(" |\n").toString();
        }
        List<String> details = new ArrayList<>();
        f.location().ifPresent(l -> details.add(MarkdownText.code(l.path() + ":" + l.line(), true)));
        for (String line : Printable.lines(f.detail())) {
            details.add(MarkdownText.message(line, true));
        }
        if (!item.links().isEmpty()) {
            details.add(String.join(" · ", item.links().stream().map(l -> MarkdownText.link(l, true)).toList()));
        }
        for (String line : Printable.lines(f.hint())) {
            details.add("**hint:** " + MarkdownText.message(line, true));
        }
        return sb.append(" | ").append(String.join("<br>", details)).append(" |\n").toString();
    }

    private static String icon(Severity s) {
        return switch (s) {
            case FAILURE -> ":x:";
            case WARNING -> ":warning:";
            case NOTICE -> ":information_source:";
        };
    }
}
