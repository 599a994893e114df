package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON a command with {@code --format json} prints on stdout when it stops before its report: the command's
 * report schema with an {@code error} object instead of the report, so that a CI parser never reads empty output:
 *
 * <pre>{"schema": "pylock-trust.verify/1", "error": {"exit_code": 2, "message": "...", "hints": ["..."]}}</pre>
 */
public final class ErrorReportJson {
    private ErrorReportJson() {}

    public static String render(String schema, int exitCode, String message, List<String> hints) {
        ObjectNode root = JsonOutput.MAPPER.createObjectNode();
        root.put("schema", schema);
        ObjectNode error = root.putObject("error");
        error.put("exit_code", exitCode);
        error.put("message", message);
        hints.forEach(error.putArray("hints")::add);
        return JsonOutput.write(root);
    }
}
