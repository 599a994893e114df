package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.Printable;
import dev.pylocktrust.PylockTrustException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
 *
 * <p>Messages and hints quote hostile text (paths, URLs, index answers), so each is printed as one {@link Printable}
 * line (a newline inside is escaped too), except the lines an exception says it made itself
 * ({@link PylockTrustException#messageLines}); stderr is behind the output edge ({@link SafePrintWriter}) whichever
 * way the error arrives.
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

    private static void print(Failure failure, PrintWriter stderr, boolean verbose) {
        PrintWriter err = SafePrintWriter.of(stderr, false);
        List<String> lines = failure.lines();
        for (int i = 0; i < lines.size(); i++) {
            err.println((i == 0 ? "error: " : "") + Printable.of(lines.get(i)));
        }
        for (String hint : failure.hints()) {
            err.println("hint: " + Printable.of(hint));
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

    /**
     * What the user is told about an exception.
     *
     * @param lines the message as printed on stderr, one line each ({@link PylockTrustException#messageLines})
     * @param cause what {@code -v} shows (the whole chain), or {@code null}
     */
    record Failure(int exitCode, String message, List<String> lines, List<String> hints, Throwable cause) {
        Failure(int exitCode, String message, List<String> hints, Throwable cause) {
            this(exitCode, message, List.of(message), hints, cause);
        }

        static Failure of(Throwable ex) {
            if (ex instanceof PylockTrustException e) {
                return new Failure(e.exitCode(), e.getMessage(), e.messageLines(), e.hints(), e.getCause());
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
            PrintWriter err = SafePrintWriter.of(cmd.getErr(), false);
            String message = message(ex);
            err.println("error: " + Printable.of(message));
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
