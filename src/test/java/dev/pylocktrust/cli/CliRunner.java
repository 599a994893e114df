package dev.pylocktrust.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the real, fully configured command line in-process and captures stdout, stderr and the exit code.
 *
 * <p>Hermetic by default: {@code --trust-root-source} defaults to {@code embedded} (as if
 * {@code PYLOCK_TRUST_ROOT_SOURCE=embedded} were set), so no test reaches for Sigstore's TUF repository or writes the
 * user's cache. Tests of the TUF path pass {@code --trust-root-source tuf} and a {@code --cache-dir} explicitly.
 */
public final class CliRunner {
    private CliRunner() {}

    /** What one run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Result run(String... args) {
        return run(PylockTrust.commandLine(), args);
    }

    /** Runs a command line configured by the caller (e.g. with a test factory), hermetic as {@link #run(String...)}. */
    public static Result run(CommandLine cl, String... args) {
        cl.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o
                && o.longestName().equals("--trust-root-source") ? "embedded" : null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
