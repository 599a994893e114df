package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.Printable;
import dev.pylocktrust.PylockTrustException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into a message on stderr and an exit code. A user never sees a stack trace for their own
 * mistake; {@code -v} adds the cause chain, and an unexpected exception is reported as a bug (exit 70). Messages and
 * hints quote hostile text (paths, URLs, index answers), so each is printed as one {@link Printable} line, and
 * stderr is behind the output edge ({@link SafePrintWriter}) whichever way the error arrives.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = SafePrintWriter.of(cmd.getErr(), false);
        boolean verbose = OutputOptions.isVerbose(parseResult);
        if (ex instanceof PylockTrustException e) {
            err.println("error: " + Printable.of(e.getMessage()));
            for (String hint : e.hints()) {
                err.println("hint: " + Printable.of(hint));
            }
            if (verbose && e.getCause() != null) {
                err.println("cause:");
                err.print(stackTrace(e.getCause()));
            }
        } else {
            err.println("error: internal error in pylock-trust: " + Printable.of(ex.toString()));
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

    /**
     * The cause chain with its frames, each line made safe on its own: an exception message quoting hostile text
     * (a parser's "unexpected character") cannot add lines of its own.
     */
    private static String stackTrace(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            sb.append(c == t ? "" : "Caused by: ").append(Printable.of(c.toString())).append('\n');
            for (StackTraceElement frame : c.getStackTrace()) {
                sb.append("    at ").append(Printable.of(frame.toString())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Bad arguments: say what is wrong and how to get help, without dumping the whole usage text. */
    static final class Parameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = SafePrintWriter.of(cmd.getErr(), false);
            err.println("error: " + Printable.of(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage");
            err.flush();
            return ExitCode.USAGE;
        }
    }
}
