package dev.pylocktrust.report;

import dev.pylocktrust.policy.Finding;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Markdown summary {@code verify --format github} appends to {@code $GITHUB_STEP_SUMMARY}: the result, the
 * summary line, a table of failures and warnings (package, file, problem, expected/found, what to do) and a
 * collapsed list of every checked package.
 *
 * <p>Every value is escaped by {@link MarkdownText}, as in the diff report: provenance and index answers are hostile
 * input, and an unescaped {@code |}, {@code <}, {@code [x](...)}, line break or {@code @name} would let them reshape
 * the table, add HTML, links or images to the summary page, or mention people. Verify's messages mix data with the
 * program's words without backticks, so they all go through {@link MarkdownText#data} (which also keeps URLs from
 * becoming links); only fixed words (finding codes, the summary line) use {@link MarkdownText#text}.
 */
public final class VerifyReportMarkdown {
    /** Rows of the package list before it is cut (GitHub caps a step summary at 1 MiB). */
    static final int MAX_PACKAGE_ROWS = 500;

    private VerifyReportMarkdown() {}

    public static String render(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        String icon = switch (r.outcome()) {
            case PASSED -> ":white_check_mark: passed";
            case FAILED -> ":x: failed";
            case INCOMPLETE -> ":warning: incomplete";
        };
        sb.append("### pylock-trust verify: ").append(icon).append("\n\n");
        sb.append(MarkdownText.text(r.summaryLine())).append(" (lock file ").append(MarkdownText.data(r.lockfile()))
                .append(", ").append(MarkdownText.data(r.environment().description())).append(")\n\n");
        appendFindings(sb, "Failures", r.failures());
        appendFindings(sb, "Warnings", r.warnings());
        appendPackages(sb, r);
        return sb.toString();
    }

    private static void appendFindings(StringBuilder sb, String heading, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        sb.append("#### ").append(heading).append("\n\n");
        sb.append("| problem | package | file | details | what to do |\n|---|---|---|---|---|\n");
        for (Finding f : findings) {
            String where = f.location().map(l -> " (" + l.path() + ":" + l.line() + ")").orElse("");
            sb.append("| ").append(MarkdownText.text(f.code().code())).append(" | ")
                    .append(MarkdownText.data(f.packageName() + where)).append(" | ")
                    .append(MarkdownText.data(f.file().orElse(""))).append(" | ")
                    .append(MarkdownText.data(f.message() + (f.detail().isEmpty() ? "" : "\n" + f.detail())))
                    .append(" | ").append(MarkdownText.data(f.hint())).append(" |\n");
        }
        sb.append('\n');
    }

    private static void appendPackages(StringBuilder sb, VerifyReport r) {
        if (r.packages().isEmpty()) {
            return;
        }
        sb.append("<details><summary>").append(VerifyReport.plural(r.packages().size(), "package"))
                .append(" checked</summary>\n\n| status | package | files | locked identities |\n|---|---|---|---|\n");
        int rows = 0;
        for (VerifyReport.PackageResult p : r.packages()) {
            if (rows++ == MAX_PACKAGE_ROWS) {
                sb.append("| | ... and ").append(r.packages().size() - MAX_PACKAGE_ROWS)
                        .append(" more (see the JSON output) | | |\n");
                break;
            }
            sb.append("| ").append(p.status().label()).append(" | ").append(MarkdownText.data(p.label()))
                    .append(" | ").append(p.files().size()).append(" | ")
                    .append(MarkdownText.data(p.lockedIdentities().stream().map(VerifyReport.Identity::description)
                            .collect(Collectors.joining("; ")))).append(" |\n");
        }
        sb.append("\n</details>\n\n");
    }
}
