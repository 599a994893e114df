package dev.pylocktrust.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Markdown summary {@code verify --format github} appends to {@code $GITHUB_STEP_SUMMARY}: the result, the
 * summary line, a table of failures and warnings (package, file, problem, expected/found, what to do) and a
 * collapsed list of every checked package.
 *
 * <p>Every value is escaped: provenance and index answers are hostile input, and an unescaped {@code |}, {@code <}
 * or {@code [x](...)} would let them reshape the table or add links and images to the summary page.
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
        sb.append(escape(r.summaryLine())).append(" (lock file ").append(escape(r.lockfile())).append(", ")
                .append(escape(r.environment().description())).append(")\n\n");
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
            sb.append("| ").append(escape(f.code())).append(" | ").append(escape(f.packageName() + where))
                    .append(" | ").append(escape(f.file().orElse(""))).append(" | ")
                    .append(escape(f.message() + (f.detail().isEmpty() ? "" : "\n" + f.detail()))).append(" | ")
                    .append(escape(f.hint())).append(" |\n");
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
            sb.append("| ").append(p.status().jsonName()).append(" | ").append(escape(p.label())).append(" | ")
                    .append(p.files().size()).append(" | ")
                    .append(escape(p.lockedIdentities().stream().map(VerifyReport.Identity::description)
                            .collect(Collectors.joining("; ")))).append(" |\n");
        }
        sb.append("\n</details>\n\n");
    }

    /**
     * Text safe in a Markdown table cell: unsafe characters cleaned, {@code &} and {@code <} as entities, every
     * other ASCII punctuation Markdown gives a meaning to backslash-escaped, line breaks as {@code <br>}.
     */
    static String escape(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                sb.append("<br>");
            }
            String clean = Printable.of(lines[l]);
            for (int i = 0; i < clean.length(); i++) {
                char c = clean.charAt(i);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~', '"',
                            '\'', ':', '@', '=' -> sb.append('\\').append(c);
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
