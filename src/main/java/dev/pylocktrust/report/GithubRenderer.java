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

    /** One workflow command per line, most severe first; text is made printable before it is escaped. */
    public static List<String> annotations(Report report) {
        List<String> lines = new ArrayList<>();
        for (ReportSection section : report.sections()) {
            for (ReportItem item : section.items()) {
                Finding f = item.finding();
                Finding safe = new Finding(f.severity(), f.code(), f.packageName(), f.file().map(Printable::of),
                        Printable.of(f.message()), String.join("\n", Printable.lines(f.detail())),
                        String.join("\n", Printable.lines(f.hint())), f.location());
                String title = section.title()
                        + (f.packageName().isEmpty() ? "" : ": " + Printable.of(f.packageName()));
                lines.add(GithubCommands.annotation(safe, title));
            }
        }
        return lines;
    }
}
