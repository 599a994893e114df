package dev.pylocktrust.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pylock-trust trust-root}: only dispatches to {@code show} and {@code update}. */
@Command(name = "trust-root",
        header = "Show or refresh the Sigstore trusted root attestations are verified against.",
        description = {
            "Show or refresh the Sigstore trusted root that attestations are verified against.",
            "",
            "By default the root comes from Sigstore's TUF repository (https://tuf-repo-cdn.sigstore.dev/), "
                    + "verified by a TUF client and cached in the cache directory; it is refreshed at most once a day. "
                    + "The cache is verified again on every read (a cache that fails is ignored, with one warning). "
                    + "When the repository cannot be reached within the time bound, commands use the cached root if "
                    + "it verifies and has not expired, else the snapshot embedded in pylock-trust, with one warning.",
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {TrustRootShowCommand.class, TrustRootUpdateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = DocsLink.TRUST_ROOT)
final class TrustRootCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption helpOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand (show, update).");
    }
}
