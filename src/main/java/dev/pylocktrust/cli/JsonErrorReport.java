package dev.pylocktrust.cli;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.report.ErrorReportJson;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * When a command with {@code --format json} stops before its report, for every exit code: whether JSON was asked
 * for, and printing {@link ErrorReportJson} with the command's report schema.
 */
final class JsonErrorReport {
    /** A command whose {@code --format json} report has a published schema (in {@code schema/}). */
    interface Schema {
        /** The report's {@code schema} value, e.g. {@code pylock-trust.lock/1}. */
        String jsonSchema();
    }

    private JsonErrorReport() {}

    /** Whether the innermost command of a parsed command line was given {@code --format json}. */
    static boolean requested(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        while (leaf != null && leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        Object format = leaf == null ? null : leaf.matchedOptionValue("--format", null);
        return format != null && Ascii.equalsIgnoreCase(format.toString(), "json");
    }

    /** Whether raw arguments ask for {@code --format json} (when they did not parse, there is no parse result). */
    static boolean requested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (Ascii.equalsIgnoreCase(args[i], "--format=json")
                    || args[i].equals("--format") && i + 1 < args.length && Ascii.equalsIgnoreCase(args[i + 1], "json")) {
                return true;
            }
        }
        return false;
    }

    /** Prints the error object on {@code cmd}'s stdout if JSON was requested and the command has a schema. */
    static void print(CommandLine cmd, boolean requested, int exitCode, String message, List<String> hints) {
        if (requested && cmd.getCommand() instanceof Schema s) {
            PrintWriter out = cmd.getOut();
            out.println(ErrorReportJson.render(s.jsonSchema(), exitCode, message, hints));
            out.flush();
        }
    }
}
