package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.trust.SelectedTrustRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pylock-trust trust-root update}: refresh through TUF now, whatever the cache holds. */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Refresh the Sigstore trusted root from the TUF repository now, ignoring the cache's age and any recently "
                    + "failed refresh, and store it in the cache. Fails (exit 3) when the repository cannot be reached "
                    + "or its metadata does not verify: there is no fallback here.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  pylock-trust trust-root update",
            "  pylock-trust trust-root update --output trusted_root.json     (also write the verified root)",
            "",
            DocsLink.TRUST_ROOT,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the root was refreshed and verified",
            "2:bad arguments (e.g. --offline, or --trust-root-source embedded)",
            "3:the repository could not be reached, or its metadata did not verify",
        })
final class TrustRootUpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Override
    public Integer call() {
        if (cache.offline()) {
            throw new UsageException("'trust-root update' needs the network, but --offline forbids it");
        }
        Instant now = Instant.now();
        SelectedTrustRoot selected = trustRootOptions.update(cache.cacheDir(), now);
        TrustRootOptions.printWarning(selected, outputOptions, spec.commandLine().getErr());
        if (output != null) {
            write(output, selected.root().json(), "--output");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (formatOption.format() == FormatOption.Format.json) {
            out.println(new TrustRootReport(selected, now).json());
        } else if (!outputOptions.quiet()) {
            var tuf = selected.tuf().orElseThrow();
            out.println("Updated the Sigstore trusted root from " + selected.location());
            out.println("  sha256:       " + selected.root().sha256());
            out.println("  TUF metadata: targets version " + tuf.targetsVersion() + ", root version "
                    + tuf.tufRootVersion() + ", valid until " + tuf.metadataExpires());
            selected.cacheDir().ifPresent(d -> out.println("  cache:        " + d));
            if (output != null) {
                out.println("  written to:   " + output);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void write(Path file, byte[] bytes, String option) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
