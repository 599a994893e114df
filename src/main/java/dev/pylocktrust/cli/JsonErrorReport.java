package dev.pylocktrust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.Ascii;
import dev.pylocktrust.report.JsonOutput;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The JSON a command with {@code --format json} prints on stdout when it stops before its report: the command's
 * report schema with an {@code error} object instead of the report, for every exit code, so that a CI parser never
 * reads empty output:
 *
 * <pre>{"schema": "pylock-trust.verify/1", "error": {"exit_code": 2, "message": "...", "hints": ["..."]}}</pre>
 */
final class JsonErrorReport {
    private static final ObjectMapper JSON = JsonOutput.MAPPER;

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
            out.println(render(s.jsonSchema(), exitCode, message, hints));
            out.flush();
        }
    }

    static String render(String schema, int exitCode, String message, List<String> hints) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", schema);
        ObjectNode error = root.putObject("error");
        error.put("exit_code", exitCode);
        error.put("message", message);
        hints.forEach(error.putArray("hints")::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
