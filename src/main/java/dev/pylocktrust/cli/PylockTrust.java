package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code pylock-trust}. It only dispatches to subcommands. */
@Command(
        name = "pylock-trust",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lock Python dependencies together with the verified identity of who publishes each package "
                    + "(PEP 751 pylock.toml + PEP 740 attestations), and reject anything else in CI.",
        },
        subcommands = {
            LockCommand.class,
            VerifyCommand.class,
            DiffCommand.class,
            InspectCommand.class,
            TrustRootCommand.class,
            CommandLine.HelpCommand.class,
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success: everything checked passed",
            "1:trust failure: verification failed, identity mismatch, missing attestation, hash mismatch",
            "2:usage or input error: bad arguments, unreadable or malformed file",
            "3:index or network error: nothing was decided",
            "70:internal error: a bug in pylock-trust; please report it with the output of the command run with -v",
        },
        footerHeading = "%n",
        footer = {"Run 'pylock-trust COMMAND --help' for a command's options and examples.", DocsLink.INDEX})
public final class PylockTrust implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand given: teach rather than fail silently.
        spec.commandLine().usage(spec.commandLine().getErr(), CommandLine.Help.Ansi.OFF);
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command (lock, verify, diff, inspect, trust-root).");
    }

    /**
     * Runs the command with stdout and stderr behind the output edge ({@link SafePrintWriter}); they stay there for
     * the error handler, which runs after this. Help and version text (ours, and styled by picocli on a terminal) is
     * printed first, unfiltered.
     */
    private static int executeBehindTheOutputEdge(CommandLine.ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        CommandLine root = parseResult.commandSpec().commandLine();
        boolean styles = CommandLine.Help.Ansi.AUTO.enabled();
        root.setOut(SafePrintWriter.of(root.getOut(), styles));
        root.setErr(SafePrintWriter.of(root.getErr(), styles));
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            root.getOut().flush();
            root.getErr().flush();
        }
    }

    /**
     * A fully configured command line: exit-code mapping and user-facing error handling included. Its commands tell
     * time by the system clock: the one place pylock-trust reads it (every decision below gets its time as a value).
     */
    public static CommandLine commandLine() {
        return commandLine(Clock.systemUTC());
    }

    /** As {@link #commandLine()}, telling time by {@code clock} (tests pass a fixed one). */
    static CommandLine commandLine(Clock clock) {
        return commandLine(new CommandFactory(clock));
    }

    /** As {@link #commandLine()}, with commands created by {@code factory} (tests supply clocks and disk faults). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new PylockTrust(), factory);
        cl.setExecutionStrategy(PylockTrust::executeBehindTheOutputEdge);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler.Parameters());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        HelpLayout.install(cl);
        return cl;
    }
}
