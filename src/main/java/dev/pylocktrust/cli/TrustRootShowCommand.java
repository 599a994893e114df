package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.report.TrustRootReport;
import dev.pylocktrust.trust.SelectedTrustRoot;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pylock-trust trust-root show}: the trusted root a command would use now, and what it contains. */
@Command(name = "show", sortOptions = false,
        header = "Print the Sigstore trusted root a command would use now.",
        description = {
            "Print the Sigstore trusted root a command would use now: its source, age, keys and validity windows, "
                    + "and why a refresh failed. It selects the root as other commands do, so a stale cache is "
                    + "refreshed first (--offline only looks). The TUF cache is verified like the repository itself on "
                    + "every read; when it fails a check, 'cache ignored' (cache_ignored in JSON) names the check.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  The root in use, refreshed first if the cache is stale:",
            "    pylock-trust trust-root show",
            "",
            "  Only look, as JSON:",
            "    pylock-trust trust-root show --offline --format json",
            "",
            "  What a trusted_root.json file holds:",
            "    pylock-trust trust-root show --trusted-root staging.trusted_root.json",
            "",
            DocsLink.TRUST_ROOT,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the root was printed",
            "2:bad arguments, or an unreadable --trusted-root or --tuf-root file",
            "3:no root available (a custom TUF repository that is unreachable and was never cached)",
        })
final class TrustRootShowCommand implements Callable<Integer>, JsonErrorReport.Schema, HelpLayout.Tailored {
    @Spec
    CommandSpec spec;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    CacheOptions cache;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions output;

    @Mixin
    HelpOption helpOption;

    @Override
    public boolean detailsInFull() {
        return true;
    }

    private final Clock clock;

    /** Reads the time from {@code clock}, the one the process reads at its edge ({@link CommandFactory}). */
    TrustRootShowCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String jsonSchema() {
        return TrustRootReport.SCHEMA;
    }

    @Override
    public Integer call() {
        Instant now = clock.instant();
        SelectedTrustRoot selected = trustRootOptions.select(cache.cacheDir(), cache.offline(), now);
        TrustRootOptions.printWarning(selected, output.quiet(), true, now, spec.commandLine().getErr());
        TrustRootReport report = new TrustRootReport(selected, now);
        PrintWriter out = spec.commandLine().getOut();
        out.print(formatOption.format() == FormatOption.Format.json ? report.json() + "\n" : report.text());
        out.flush();
        return ExitCode.OK;
    }
}
