package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.PylockTrustException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into a message on stderr and an exit code. A user never sees a stack trace for their own
 * mistake; {@code -v} adds the cause chain, and an unexpected exception is reported as a bug (exit 70).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = OutputOptions.isVerbose(parseResult);
        if (ex instanceof PylockTrustException e) {
            err.println("error: " + e.getMessage());
            for (String hint : e.hints()) {
                err.println("hint: " + hint);
            }
            if (verbose && e.getCause() != null) {
                err.println("cause:");
                err.print(stackTrace(e.getCause()));
            }
        } else {
            err.println("error: internal error in pylock-trust: " + ex);
            err.println("hint: this is a bug; please report it with the output of the same command run with -v");
            if (verbose) {
                err.print(stackTrace(ex));
            }
        }
        err.flush();
        return exitCodeOf(ex);
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof PylockTrustException e) {
            return e.exitCode();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.INTERNAL;
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Bad arguments: say what is wrong and how to get help, without dumping the whole usage text. */
    static final class Parameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
            err.flush();
            return ExitCode.USAGE;
        }
    }
}
