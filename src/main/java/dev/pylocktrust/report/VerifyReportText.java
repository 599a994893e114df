package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import dev.pylocktrust.policy.Finding;
import java.util.stream.Collectors;

/**
 * {@code verify}'s text output: a block per problem (what, where in the lock file, expected, found, what to do),
 * then one summary line. When everything passes it is the summary line alone.
 *
 * <pre>
 * error[identity-changed]: widget 1.0.0: publisher identity changed: locked GitHub acme/widget (release.yml), but ...
 *   --&gt; pylock.toml:12
 *   expected: GitHub acme/widget (release.yml)
 *   found:    GitHub evil/widget (release.yml)
 *   hint: ...
 *
 * verification FAILED: checked 4 files of 2 packages: 1 package attested (identities match), 0 packages unattested, 1 failure in 0.4 s
 * </pre>
 */
public final class VerifyReportText {
    private VerifyReportText() {}

    /**
     * The whole text report.
     *
     * @param verbose also list every checked package and file with its verdict
     */
    public static String render(VerifyReport report, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        if (verbose) {
            appendPackages(sb, report);
        }
        for (Finding f : report.failures()) {
            appendFinding(sb, f);
        }
        for (Finding f : report.warnings()) {
            appendFinding(sb, f);
        }
        sb.append(report.summaryLine()).append('\n');
        return sb.toString();
    }

    /** One finding as a block, ending with a blank line. */
    static void appendFinding(StringBuilder sb, Finding f) {
        sb.append(f.severity().label()).append("[").append(f.code()).append("]: ")
                .append(Printable.of(f.message())).append('\n');
        f.location().ifPresent(l -> sb.append("  --> ").append(Printable.of(l.path())).append(':').append(l.line())
                .append('\n'));
        if (!f.detail().isEmpty()) {
            for (String line : f.detail().split("\n", -1)) {
                sb.append("  ").append(Printable.of(line)).append('\n');
            }
        }
        if (!f.hint().isEmpty()) {
            sb.append("  hint: ").append(Printable.of(f.hint())).append('\n');
        }
        sb.append('\n');
    }

    private static void appendPackages(StringBuilder sb, VerifyReport report) {
        sb.append("environment: ").append(report.environment().description()).append('\n');
        sb.append("index:       ").append(Printable.of(report.index())).append(report.offline() ? " (offline)" : "")
                .append('\n');
        sb.append("trust root:  ").append(Printable.of(report.trustedRoot())).append("\n\n");
        for (VerifyReport.PackageResult p : report.packages()) {
            sb.append(String.format("%-11s", p.status().label())).append(p.label());
            if (!p.lockedIdentities().isEmpty()) {
                sb.append(" (locked: ").append(p.lockedIdentities().stream()
                        .map(i -> Printable.of(i.description())).collect(Collectors.joining("; "))).append(')');
            }
            sb.append('\n');
            for (VerifyReport.FileResult file : p.files()) {
                sb.append("  ").append(String.format("%-11s", file.status().label()))
                        .append(Printable.of(file.filename()));
                if (!file.foundIdentities().isEmpty()) {
                    sb.append(": ").append(file.foundIdentities().stream()
                            .map(i -> Printable.of(i.description())).collect(Collectors.joining("; ")));
                    if (!file.logIndexes().isEmpty()) {
                        sb.append(" (log index ").append(file.logIndexes().stream().map(String::valueOf)
                                .collect(Collectors.joining(", "))).append(')');
                    }
                }
                if (!file.reason().isEmpty()) {
                    sb.append(": ").append(Printable.of(file.reason()));
                }
                sb.append('\n');
            }
        }
        for (VerifyReport.SkippedPackage s : report.skipped()) {
            sb.append(String.format("%-11s", "skipped")).append(Printable.of(s.label())).append(": marker ")
                    .append(Printable.of(s.marker())).append(" is false on this target\n");
        }
        sb.append('\n');
    }
}
