package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.PylockTrustException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into a message on stderr and an exit code. A user never sees a stack trace or a Java class name
 * for their own mistake; {@code -v} adds the cause chain, and an unexpected exception is reported as a bug (exit 70).
 * With {@code --format json}, stdout also gets a JSON error object in the command's report schema
 * ({@link JsonErrorReport}), so a machine reading stdout never gets nothing.
 *
 * <p>An error a command meets after it printed its report (a refused lock, a failing diff) is printed by the command
 * with {@link #print}, which returns the exit code: the report on stdout is then the machine's answer.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final String BUG_HINT = "this is a bug; please report it with the output of the same command run with -v";

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        boolean verbose = OutputOptions.isVerbose(parseResult);
        Failure failure = Failure.of(ex);
        print(failure, cmd.getErr(), verbose);
        JsonErrorReport.print(cmd, JsonErrorReport.requested(parseResult), failure.exitCode(), failure.message(),
                failure.hints());
        return failure.exitCode();
    }

    /** Prints {@code e} as the command's final error and returns its exit code (for errors after a report). */
    static int print(PylockTrustException e, PrintWriter err, boolean verbose) {
        Failure failure = Failure.of(e);
        print(failure, err, verbose);
        return failure.exitCode();
    }

    private static void print(Failure failure, PrintWriter err, boolean verbose) {
        err.println("error: " + failure.message());
        for (String hint : failure.hints()) {
            err.println("hint: " + hint);
        }
        if (verbose && failure.cause() != null) {
            err.println("cause:");
            err.print(stackTrace(failure.cause()));
        }
        err.flush();
    }

    static int exitCodeOf(Throwable ex) {
        return Failure.of(ex).exitCode();
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /**
     * What the user is told about an exception.
     *
     * @param cause what {@code -v} shows (the whole chain), or {@code null}
     */
    record Failure(int exitCode, String message, List<String> hints, Throwable cause) {
        static Failure of(Throwable ex) {
            if (ex instanceof PylockTrustException e) {
                return new Failure(e.exitCode(), e.getMessage(), e.hints(), e.getCause());
            }
            if (ex instanceof CommandLine.ParameterException e) {
                return new Failure(ExitCode.USAGE, Parameters.message(e), List.of(), null);
            }
            if (ex instanceof UncheckedIOException e) {
                // A file operation that no caller worded: say which file and why, not which class failed.
                String where = IoErrors.file(e.getCause()).map(f -> " " + f).orElse("");
                return new Failure(ExitCode.USAGE, "cannot access" + where + ": " + IoErrors.reason(e),
                        List.of("check the path, its permissions and the free space"), e);
            }
            return new Failure(ExitCode.INTERNAL, "internal error in pylock-trust", List.of(BUG_HINT), ex);
        }
    }

    /** Bad arguments: say what is wrong and how to get help, without dumping the whole usage text. */
    static final class Parameters implements IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String message = message(ex);
            err.println("error: " + message);
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            String hint = "run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage";
            err.println("hint: " + hint);
            err.flush();
            JsonErrorReport.print(cmd, JsonErrorReport.requested(args), ExitCode.USAGE, message, List.of(hint));
            return ExitCode.USAGE;
        }

        /** Picocli's message without its own {@code Error: } prefix (ours is {@code error: }). */
        static String message(CommandLine.ParameterException ex) {
            String m = String.valueOf(ex.getMessage());
            return m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
        }
    }
}
