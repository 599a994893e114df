package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.report.TrustRootReport;
import dev.pylocktrust.trust.SelectedTrustRoot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pylock-trust trust-root update}: refresh through TUF now, whatever the cache holds. */
@Command(name = "update", sortOptions = false,
        header = "Refresh the Sigstore trusted root from its TUF repository now.",
        description = {
            "Refresh the Sigstore trusted root from the TUF repository now, ignoring the cache's age and any recently "
                    + "failed refresh, and store it in the cache. Fails (exit 3) when the repository cannot be reached "
                    + "or its metadata does not verify: there is no fallback here.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Refresh now:",
            "    pylock-trust trust-root update",
            "",
            "  Refresh, and also write the verified root to a file:",
            "    pylock-trust trust-root update --output trusted_root.json",
            "",
            DocsLink.TRUST_ROOT,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the root was refreshed and verified",
            "2:bad arguments, or options that do not apply here (e.g. offline, or an embedded or file root)",
            "3:the repository could not be reached, or its metadata did not verify",
        })
final class TrustRootUpdateCommand implements Callable<Integer>, JsonErrorReport.Schema, HelpLayout.Tailored {
    @Spec
    CommandSpec spec;

    @HelpSection(HelpLayout.OUTPUT)
    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the verified trusted_root.json to FILE (replaced atomically).")
    Path output;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    CacheOptions cache;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    HelpOption helpOption;

    @Override
    public boolean detailsInFull() {
        return true;
    }

    /** Accepted, so that the options of any other command work here too, but not listed: they do not apply. */
    @Override
    public Set<String> unlisted() {
        return Set.of("--trusted-root", "--trust-root-source", "--trust-root-max-age", "--offline");
    }

    private final Clock clock;

    /** Reads the time from {@code clock}, the one the process reads at its edge ({@link CommandFactory}). */
    TrustRootUpdateCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String jsonSchema() {
        return TrustRootReport.SCHEMA;
    }

    @Override
    public Integer call() {
        if (cache.offline()) {
            throw new UsageException("'trust-root update' needs the network, but --offline forbids it");
        }
        Instant now = clock.instant();
        SelectedTrustRoot selected = trustRootOptions.update(cache.cacheDir(), now);
        TrustRootOptions.printWarning(selected, outputOptions.quiet(), true, now, spec.commandLine().getErr());
        if (output != null) {
            AtomicFileWriter.write(output, selected.root().json(), AtomicFileWriter.Ops.DEFAULT);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (formatOption.format() == FormatOption.Format.json) {
            out.println(new TrustRootReport(selected, now).json());
        } else if (!outputOptions.quiet()) {
            out.print(TrustRootReport.updated(selected, Optional.ofNullable(output)));
        }
        out.flush();
        return ExitCode.OK;
    }
}
