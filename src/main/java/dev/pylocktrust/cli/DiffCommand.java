package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.diff.Change;
import dev.pylocktrust.diff.DiffReport;
import dev.pylocktrust.diff.FailOn;
import dev.pylocktrust.diff.LockDiff;
import dev.pylocktrust.diff.LockfileDiffer;
import dev.pylocktrust.diff.Verdict;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.report.GithubRenderer;
import dev.pylocktrust.report.JsonRenderer;
import dev.pylocktrust.report.MarkdownRenderer;
import dev.pylocktrust.report.Report;
import dev.pylocktrust.report.TextRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pylock-trust diff}: what changed between two lockfiles, ranked by risk, for reviewers and CI. */
@Command(name = "diff", sortOptions = false,
        header = "Show what changed between two lockfiles, identity changes first.",
        description = {
            "Show what changed between two PEP 751 lockfiles (any tool's), ranked by risk: publisher identity "
                    + "and hash changes first, then lost attestations, hosts, indexes and sources, packages, versions "
                    + "and files. Offline: it only compares the two files.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Review a lockfile change before committing it:",
            "    pylock-trust diff git:HEAD:pylock.toml pylock.toml",
            "",
            "  In a pull request: annotations on the changed lines, a job summary, exit 1",
            "  on unapproved identity changes and lost attestations:",
            "    pylock-trust diff --format github git:origin/main:pylock.toml \\",
            "      pylock.toml",
            "",
            "  A Markdown report for a PR comment that never fails the build:",
            "    pylock-trust diff --format markdown --fail-on never \\",
            "      git:origin/main:pylock.toml pylock.toml",
            "",
            DocsLink.DIFF,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no change that --fail-on fails on",
            "1:a change that --fail-on fails on (default: an unapproved identity change, a hash change, lost "
                    + "attestations, or a HEAD that contradicts itself)",
            "2:bad arguments, or a lockfile that cannot be read (not found, not in that git revision, invalid)",
        })
@HelpSection("Lock files")
final class DiffCommand implements Callable<Integer>, JsonErrorReport.Schema {
    /** Output formats of {@code diff}. */
    enum Format { text, markdown, json, github }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE",
            description = "The lockfile before the change: a path, or git:REV:PATH for the file in a git revision "
                    + "(e.g. git:origin/main:pylock.toml; PATH is relative to the repository root).")
    String base;

    @Parameters(index = "1", paramLabel = "HEAD",
            description = "The lockfile after the change (a path, or git:REV:PATH). Annotations point into this "
                    + "file.")
    String head;

    @HelpSection(HelpLayout.OUTPUT)
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (colour on a terminal), markdown (a PR comment), json (schema/diff-report.schema"
                    + ".json) or github (annotations on HEAD's lines, plus the Markdown job summary). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @HelpSection(HelpLayout.OUTPUT)
    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "identity",
            description = "Which changes exit 1: identity (unapproved identity changes, hash changes, lost "
                    + "attestations, an inconsistent HEAD), attestation (also hosts, indexes and sources, and new "
                    + "unattested packages), any (any change), never. Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    @Mixin
    StepSummaryOption stepSummary;

    @Option(names = "--git-repo", paramLabel = "DIR", defaultValue = ".",
            description = "Where to run git for git:REV:PATH arguments (default: the current directory).")
    Path gitRepo;

    @Mixin
    OutputOptions output;

    @Mixin
    HelpOption helpOption;

    @Override
    public String jsonSchema() {
        return DiffReport.SCHEMA;
    }

    @Override
    public Integer call() {
        LockfileSource baseSource = LockfileSource.parse(base);
        LockfileSource headSource = LockfileSource.parse(head);
        ParsedLockfile baseLock = baseSource.read(gitRepo);
        ParsedLockfile headLock = headSource.read(gitRepo);
        LockDiff diff = new LockfileDiffer().diff(baseLock, headLock);
        Report report = DiffReport.build(diff, failOn, headSource.annotationPath());

        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case text -> {
                if (!output.quiet()) {
                    out.print(new TextRenderer(CommandLine.Help.Ansi.AUTO.enabled()).render(report));
                }
            }
            case markdown -> out.print(new MarkdownRenderer().render(report));
            case json -> out.print(JsonRenderer.render(report));
            case github -> {
                GithubRenderer.annotations(report).forEach(out::println);
                if (!output.quiet()) {
                    out.print(new TextRenderer(false).render(report));
                }
                stepSummary.append(new MarkdownRenderer().render(report) + "\n", spec.commandLine().getErr());
            }
        }
        out.flush();

        List<Change> failing = failOn.failing(diff);
        if (failing.isEmpty()) {
            return ExitCode.OK;
        }
        List<String> hints = new ArrayList<>();
        if (failing.stream().anyMatch(Change.IdentityChanged.class::isInstance)) {
            hints.add("if a new publisher is legitimate, record the approval in HEAD with "
                    + "'pylock-trust lock --accept-identity-change NAME --reason TEXT' and review it in this change");
        }
        hints.add("to report without failing, use --fail-on never");
        return ErrorHandler.print(new TrustException("the lockfile change needs review: " + Verdict.of(failing)
                + " (--fail-on " + failOn + ")", hints.toArray(String[]::new)), spec.commandLine().getErr(),
                output.verbose());
    }
}
