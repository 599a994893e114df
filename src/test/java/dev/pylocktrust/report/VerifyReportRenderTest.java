package dev.pylocktrust.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The four renderings of one {@link VerifyReport}, pinned as text. */
class VerifyReportRenderTest {
    static final VerifyReport.Identity ACME = new VerifyReport.Identity("GitHub acme/widget (release.yml)",
            new TreeMap<>(java.util.Map.of("kind", "GitHub", "repository", "acme/widget", "workflow", "release.yml")));
    static final VerifyReport.Identity EVIL = new VerifyReport.Identity("GitHub evil/widget (release.yml)",
            new TreeMap<>(java.util.Map.of("kind", "GitHub", "repository", "evil/widget", "workflow", "release.yml")));
    static final String SHA = "ab".repeat(32);

    static VerifyReport report(VerifyReport.Outcome outcome, List<Finding> findings) {
        var widget = new VerifyReport.PackageResult("widget", Optional.of("1.0"),
                Optional.of(new SourceLocation("pylock.toml", 12)),
                outcome == VerifyReport.Outcome.PASSED ? Verdict.ATTESTED : Verdict.FAILED,
                List.of(ACME), List.of(new VerifyReport.FileResult("widget-1.0-py3-none-any.whl", Optional.of(SHA),
                        outcome == VerifyReport.Outcome.PASSED ? Verdict.ATTESTED : Verdict.FAILED,
                        List.of(outcome == VerifyReport.Outcome.PASSED ? ACME : EVIL), List.of(42L), true,
                        outcome == VerifyReport.Outcome.PASSED ? "" : "attested by another identity")));
        var plain = new VerifyReport.PackageResult("plain", Optional.of("2.0"),
                Optional.of(new SourceLocation("pylock.toml", 30)), Verdict.UNATTESTED, List.of(),
                List.of(new VerifyReport.FileResult("plain-2.0.tar.gz", Optional.of(SHA.replace('a', 'c')),
                        Verdict.UNATTESTED, List.of(), List.of(), false, "no provenance published")));
        return new VerifyReport("pylock.toml", VerifyReport.Environment.all(), "https://pypi.org/simple", false,
                "embedded Sigstore production root", outcome, List.of(widget, plain),
                List.of(new VerifyReport.SkippedPackage("pywin32", Optional.of("308"), "sys_platform == \"win32\"")),
                findings,
                Duration.ofMillis(1840), 3, 2);
    }

    static final Finding MISMATCH = new Finding(Severity.FAILURE, FindingCode.IDENTITY_CHANGED, "widget",
            Optional.of("widget-1.0-py3-none-any.whl"), "widget 1.0: widget-1.0-py3-none-any.whl is attested by "
            + "GitHub evil/widget (release.yml), not by an identity the lock file trusts",
            "expected: GitHub acme/widget (release.yml)\nfound:    GitHub evil/widget (release.yml) (verified, log index 42)",
            "review it", Optional.of(new SourceLocation("pylock.toml", 12)));
    static final Finding WARNING = new Finding(Severity.WARNING, FindingCode.LOCKFILE_WARNING, "", Optional.empty(),
            "pylock.toml:1: lock-version: lock-version 1.1 is newer than 1.0", "", "",
            Optional.of(new SourceLocation("pylock.toml", 1)));

    @Test
    void textWhenAllPassIsTheSummaryLine() {
        assertThat(VerifyReportText.render(report(VerifyReport.Outcome.PASSED, List.of()), false)).isEqualTo(
                "verified 2 files of 2 packages: 1 package attested (identities match), 1 package unattested, "
                        + "0 failures in 1.8 s\n");
    }

    @Test
    void textBlocksSayWhatWhereExpectedFoundAndWhatToDo() {
        String text = VerifyReportText.render(report(VerifyReport.Outcome.FAILED, List.of(MISMATCH, WARNING)), false);
        assertThat(text).isEqualTo("""
                error[identity-changed]: widget 1.0: widget-1.0-py3-none-any.whl is attested by GitHub evil/widget \
                (release.yml), not by an identity the lock file trusts
                  --> pylock.toml:12
                  expected: GitHub acme/widget (release.yml)
                  found:    GitHub evil/widget (release.yml) (verified, log index 42)
                  hint: review it

                warning[lockfile-warning]: pylock.toml:1: lock-version: lock-version 1.1 is newer than 1.0
                  --> pylock.toml:1

                verification FAILED: checked 2 files of 2 packages: 0 packages attested (identities match), 1 package unattested, \
                1 failure in 1.8 s
                """);
    }

    @Test
    void verboseTextListsEveryPackageAndFile() {
        String text = VerifyReportText.render(report(VerifyReport.Outcome.PASSED, List.of()), true);
        assertThat(text).isEqualTo("""
                environment: every file in the lock
                index:       https://pypi.org/simple
                trust root:  embedded Sigstore production root

                attested   widget 1.0 (locked: GitHub acme/widget (release.yml))
                  attested   widget-1.0-py3-none-any.whl: GitHub acme/widget (release.yml) (log index 42)
                unattested plain 2.0
                  unattested plain-2.0.tar.gz: no provenance published
                skipped    pywin32 308: marker sys_platform == "win32" is false on this target

                verified 2 files of 2 packages: 1 package attested (identities match), 1 package unattested, 0 failures in 1.8 s
                """);
    }

    @Test
    void terminalControlCharactersFromTheIndexAreNeutralised() {
        Finding hostile = new Finding(Severity.FAILURE, FindingCode.ATTESTATION_INVALID, "widget", Optional.empty(),
                "bad \u001b[2Jclear\u202eevil", "found: \u0007bell", "", Optional.empty());
        String text = VerifyReportText.render(report(VerifyReport.Outcome.FAILED, List.of(hostile)), false);
        assertThat(text).contains("bad \\u001B[2Jclear\\u202Eevil\n").contains("  found: \\u0007bell\n")
                .doesNotContain("\u001b", "\u202e", "\u0007");
    }

    @Test
    void githubFormatIsOneAnnotationPerFindingThenTheSummary() {
        String out = VerifyReportGithub.render(report(VerifyReport.Outcome.FAILED, List.of(MISMATCH, WARNING)));
        assertThat(out.lines().toList()).containsExactly(
                "::error file=pylock.toml,line=12,title=pylock-trust verify%3A identity-changed (widget)::widget 1.0: "
                        + "widget-1.0-py3-none-any.whl is attested by GitHub evil/widget (release.yml), not by an "
                        + "identity the lock file trusts%0Aexpected: GitHub acme/widget (release.yml)%0Afound:    "
                        + "GitHub evil/widget (release.yml) (verified, log index 42)%0Ahint: review it",
                "::warning file=pylock.toml,line=1,title=pylock-trust verify%3A lockfile-warning::pylock.toml:1: "
                        + "lock-version: lock-version 1.1 is newer than 1.0",
                "verification FAILED: checked 2 files of 2 packages: 0 packages attested (identities match), 1 package unattested, "
                        + "1 failure in 1.8 s");
        assertThat(GithubCommands.error("pylock-trust verify", "index down\n::add-mask::x"))
                .isEqualTo("::error title=pylock-trust verify::index down\\u000A::add-mask::x");
    }

    @Test
    void markdownSummaryHasAFailureTableAndThePackageList() {
        String md = VerifyReportMarkdown.render(report(VerifyReport.Outcome.FAILED, List.of(MISMATCH)));
        assertThat(md).startsWith("### pylock-trust verify: :x: failed\n\n")
                .contains("| problem | package | file | details | what to do |\n|---|---|---|---|---|\n"
                        + "| identity-changed | widget (pylock\\.toml\\:12) | widget-1\\.0-py3-none-any\\.whl "
                        + "| widget 1\\.0\\: ")
                .contains("<br>expected\\: GitHub acme/widget")
                .contains("<details><summary>2 packages checked</summary>")
                .contains("| unattested | plain 2\\.0 | 1 |  |\n");
        assertThat(VerifyReportMarkdown.render(report(VerifyReport.Outcome.PASSED, List.of())))
                .startsWith("### pylock-trust verify: :white_check_mark: passed\n\n").doesNotContain("#### Failures");
    }

    @Test
    void markdownDataEscapesEverythingAnIndexCouldSmuggleIn() {
        String hostile = "a|b <img src=x onerror=alert(1)> [click](https://evil.example) ![i](x) `code` *bold* "
                + "@user :x: www.evil.example &amp; $x$\nnext";
        String escaped = MarkdownText.data(hostile);
        assertThat(escaped).isEqualTo("a\\|b \\<img src=x onerror=alert(1)> \\[click\\](https\\://evil\\.example) "
                + "!\\[i\\](x) \\`code\\` \\*bold\\* @&#8203;user \\:x\\: www\\.evil\\.example &amp;amp; \\$x\\$<br>next");
        assertThat(MarkdownText.data("")).isEmpty();
        assertThat(MarkdownText.data("\na\r\n\rb\u2028")).isEqualTo("<br>a<br><br>b\\\\u2028");
    }

    /**
     * Hostile text in every field of the report (package, version, file, message, detail, hint, identity, lock file
     * path, environment) stays inside its cell or line: no new row, line or heading, no HTML of its own, no link,
     * image, code span, mention or autolink, no control character (the rendering is pinned in {@code hostile.md}).
     */
    @Test
    void hostileTextCannotBreakOutOfVerifysMarkdown() {
        String md = VerifyReportMarkdown.render(VerifyMarkdownGoldenTest.hostile());
        List<String> lines = md.lines().toList();
        assertThat(lines.stream().filter(l -> !l.startsWith("| ") || l.startsWith("| problem")
                || l.startsWith("| status")).toList()).containsExactly(
                "### pylock-trust verify: :x: failed", "",
                lines.get(2), "",
                "#### Failures", "", "| problem | package | file | details | what to do |", "|---|---|---|---|---|", "",
                "#### Warnings", "", "| problem | package | file | details | what to do |", "|---|---|---|---|---|", "",
                "<details><summary>1 package checked</summary>", "",
                "| status | package | files | locked identities |", "|---|---|---|---|", "", "</details>", "");
        assertThat(lines.get(2)).startsWith("verification FAILED: checked 1 file of 1 package: ");
        assertThat(lines).filteredOn(l -> l.startsWith("| ") && !l.startsWith("| problem")
                && !l.startsWith("| status")).hasSize(3).allSatisfy(row -> {
                    int cells = row.contains("| failed |") ? 5 : 6;
                    assertThat(unescaped(row, '|')).as(row).isEqualTo(cells);
                });
        // below the title, without our own tags, headings, entities and mention breakers (an @ followed by a
        // zero-width space): nothing that Markdown could read as markup, no @mention
        String body = md.substring(md.indexOf("\n\n") + 2)
                .replaceAll("</?(br|details|summary)>|#### |&amp;|@&#8203;|&#8203;", "");
        for (char c : new char[] {'<', '`', '[', '*', '_', '~', '$', '#', '@', '&'}) {
            assertThat(unescaped(body, c)).as("unescaped %s", c).isZero();
        }
        assertThat(md).doesNotContain("https://", "javascript:", "www.", "\u202e", "\u001b", "\r")
                .contains("@&#8203;everyone", "\\<script>", "\\[link\\](javascript\\:alert(1))");
    }

    /** How many times {@code c} occurs in {@code s} outside a backslash escape (Markdown's reading). */
    static int unescaped(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theSummaryLineCountsIncompletePackages() {
        var r = new VerifyReport("p.toml", VerifyReport.Environment.all(), "i", true, "r",
                VerifyReport.Outcome.INCOMPLETE, List.of(new VerifyReport.PackageResult("x", Optional.empty(),
                Optional.empty(), Verdict.INCOMPLETE, List.of(), List.of())), List.of(),
                List.of(new Finding(Severity.FAILURE, FindingCode.NOT_IN_CACHE, "x", Optional.empty(), "m", "", "", Optional.empty())),
                Duration.ofMillis(50), 0, 0);
        assertThat(r.summaryLine()).isEqualTo("verification INCOMPLETE: checked 0 files of 1 package: 0 packages "
                + "attested (identities match), 0 packages unattested, 1 failure (1 package not checked) in 0.1 s");
    }
}
