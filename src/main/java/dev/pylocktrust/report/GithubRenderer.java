package dev.pylocktrust.report;

import dev.pylocktrust.policy.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Report} as GitHub Actions workflow commands: one annotation per finding, on the finding's line
 * of the file when it has one ({@code ::error}, {@code ::warning} or {@code ::notice} by severity). The Markdown
 * job summary is {@link MarkdownRenderer}'s; the command appends it to {@code $GITHUB_STEP_SUMMARY}.
 */
public final class GithubRenderer {
    private GithubRenderer() {}

    /** One workflow command per line, most severe first ({@link GithubCommands} makes the text printable). */
    public static List<String> annotations(Report report) {
        List<String> lines = new ArrayList<>();
        for (ReportSection section : report.sections()) {
            for (ReportItem item : section.items()) {
                Finding f = item.finding();
                String title = section.title() + (f.packageName().isEmpty() ? "" : ": " + f.packageName());
                lines.add(GithubCommands.annotation(f, title));
            }
        }
        return lines;
    }
}
