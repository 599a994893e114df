package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import dev.pylocktrust.policy.Finding;

/**
 * {@code verify --format github}: one GitHub Actions workflow command per finding ({@code ::error file=pylock.toml,
 * line=N,title=...::...}, escaped by {@link GithubCommands}), pointing at the package's line in the lock file as the
 * user named it, then the summary line as plain log text. The Markdown step summary is {@link VerifyReportMarkdown}.
 */
public final class VerifyReportGithub {
    private VerifyReportGithub() {}

    public static String render(VerifyReport report) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : report.failures()) {
            sb.append(GithubCommands.annotation(f, title(f))).append('\n');
        }
        for (Finding f : report.warnings()) {
            sb.append(GithubCommands.annotation(f, title(f))).append('\n');
        }
        sb.append(Printable.of(report.summaryLine())).append('\n');
        return sb.toString();
    }

    private static String title(Finding f) {
        return "pylock-trust verify: " + f.code() + (f.packageName().isEmpty() ? "" : " (" + f.packageName() + ")");
    }
}
