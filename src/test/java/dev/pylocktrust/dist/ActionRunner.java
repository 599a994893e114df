package dev.pylocktrust.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a composite action's steps as a GitHub runner would, as far as a machine without GitHub can: in order, each
 * {@code run} step in {@code bash --noprofile --norc -eo pipefail} with a fake {@code GITHUB_*} environment, its
 * {@code if:} and {@code ${{ }}} expressions evaluated over the inputs (with the action's defaults), earlier steps'
 * outputs and the {@code github} context; {@code GITHUB_OUTPUT} and {@code GITHUB_PATH} carried to later steps; and
 * a stop at the first step that fails. A step that {@code uses} another action cannot run here: it is recorded as
 * run. Expressions beyond the few the action needs are refused, so the harness never silently misreads one.
 */
final class ActionRunner {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern COMPARISON = Pattern.compile("(\\S+)\\s*(==|!=)\\s*(\\S+)");

    /** One step of {@code runs.steps}. */
    record Step(String name, String id, String condition, String uses, Map<String, String> env, String run) {}

    /**
     * What a run did: the steps that ran (by their names as written), the exit code of the last one (0 if all
     * passed), everything they printed, the outputs of steps with an id, and the directories added to PATH.
     */
    record Outcome(List<String> ran, int exitCode, String log, Map<String, Map<String, String>> outputs,
            List<String> pathAdditions) {
        @Override
        public String toString() {
            return "ran " + ran + ", exit " + exitCode + "\n" + log;
        }
    }

    private final Path actionDir;
    private final Path runnerDir;
    private final List<Step> steps;
    private final Map<String, String> inputDefaults;

    /** The action in {@code actionDir}; workspace and runner temp in {@code runnerDir}. */
    ActionRunner(Path actionDir, Path runnerDir) throws IOException {
        this.actionDir = actionDir;
        this.runnerDir = runnerDir;
        JsonNode action = new YAMLMapper().readTree(actionDir.resolve("action.yml").toFile());
        this.inputDefaults = new HashMap<>();
        action.path("inputs").fields().forEachRemaining(e -> inputDefaults.put(e.getKey(),
                e.getValue().path("default").asText("")));
        this.steps = new ArrayList<>();
        for (JsonNode s : action.path("runs").path("steps")) {
            Map<String, String> env = new LinkedHashMap<>();
            s.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            steps.add(new Step(s.path("name").asText(), s.path("id").asText(null), s.path("if").asText(null),
                    s.path("uses").asText(null), env, s.path("run").asText(null)));
        }
    }

    /**
     * Runs the steps with these inputs, {@code github} context values ({@code action_ref}, ...) and extra
     * environment variables (the runner's own {@code GITHUB_*} and {@code RUNNER_*} are never inherited).
     */
    Outcome run(Map<String, String> inputs, Map<String, String> github, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Map<String, String> allInputs = new HashMap<>(inputDefaults);
        allInputs.putAll(inputs);
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        List<String> pathAdditions = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        Path workspace = Files.createDirectories(runnerDir.resolve("workspace"));
        Path temp = Files.createDirectories(runnerDir.resolve("temp"));
        for (int n = 0; n < steps.size(); n++) {
            Step step = steps.get(n);
            Context context = new Context(allInputs, outputs, github);
            if (step.condition() != null && !context.test(step.condition())) {
                continue;
            }
            ran.add(step.name());
            if (step.uses() != null) {
                continue;
            }
            if (step.run().contains("${{")) {
                throw new AssertionError("step '" + step.name() + "' expands an expression into its script");
            }
            Path outputFile = runnerDir.resolve("output-" + n);
            Path pathFile = runnerDir.resolve("path-" + n);
            Path script = runnerDir.resolve("step-" + n + ".sh");
            Files.writeString(script, step.run());
            Files.writeString(outputFile, "");
            Files.writeString(pathFile, "");
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail",
                    script.toString()).directory(workspace.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("RUNNER_"));
            env.putAll(Map.of("GITHUB_ACTION_PATH", actionDir.toString(), "GITHUB_OUTPUT", outputFile.toString(),
                    "GITHUB_PATH", pathFile.toString(), "GITHUB_WORKSPACE", workspace.toString(), "RUNNER_TEMP",
                    temp.toString(), "RUNNER_OS", "Linux"));
            env.putAll(extraEnv);
            List<String> path = new ArrayList<>(pathAdditions);
            path.add(env.get("PATH"));
            env.put("PATH", String.join(":", path));
            step.env().forEach((k, v) -> env.put(k, context.interpolate(v)));
            Process p = pb.start();
            log.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            // A safety net against a hung step, not a performance assertion.
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("step '" + step.name() + "' did not finish");
            }
            if (step.id() != null) {
                outputs.put(step.id(), readOutputs(outputFile));
            }
            for (String dir : Files.readAllLines(pathFile)) {
                if (!dir.isBlank()) {
                    pathAdditions.add(0, dir.strip());
                }
            }
            if (p.exitValue() != 0) {
                return new Outcome(ran, p.exitValue(), log.toString(), outputs, pathAdditions);
            }
        }
        return new Outcome(ran, 0, log.toString(), outputs, pathAdditions);
    }

    /** {@code name=value} lines and {@code name<<DELIMITER} blocks, as the runner reads GITHUB_OUTPUT. */
    private static Map<String, String> readOutputs(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                for (i++; !lines.get(i).equals(delimiter); i++) {
                    value.append(value.length() > 0 ? "\n" : "").append(lines.get(i));
                }
                values.put(line.substring(0, heredoc), value.toString());
            } else if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** The expression contexts a step sees. */
    private record Context(Map<String, String> inputs, Map<String, Map<String, String>> outputs,
            Map<String, String> github) {
        String interpolate(String text) {
            Matcher m = EXPRESSION.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1))));
            }
            return m.appendTail(sb).toString();
        }

        /** An {@code if:}: one operand (non-empty is true) or {@code a == b} / {@code a != b}. */
        boolean test(String condition) {
            Matcher m = COMPARISON.matcher(condition.strip());
            if (m.matches()) {
                // GitHub compares strings ignoring case.
                boolean equal = value(m.group(1)).equalsIgnoreCase(value(m.group(3)));
                return m.group(2).equals("==") == equal;
            }
            return !value(condition.strip()).isEmpty();
        }

        private String value(String operand) {
            if (operand.length() >= 2 && operand.startsWith("'") && operand.endsWith("'")) {
                return operand.substring(1, operand.length() - 1);
            }
            String[] path = operand.split("\\.");
            if (path.length == 2 && path[0].equals("inputs") && inputs.containsKey(path[1])) {
                return inputs.get(path[1]);
            }
            if (path.length == 2 && path[0].equals("github")) {
                return github.getOrDefault(path[1], "");
            }
            if (path.length == 2 && path[0].equals("runner") && path[1].equals("os")) {
                return "Linux";
            }
            if (path.length == 4 && path[0].equals("steps") && path[2].equals("outputs")) {
                return outputs.getOrDefault(path[1], Map.of()).getOrDefault(path[3], "");
            }
            throw new IllegalArgumentException("the test harness does not understand the expression '" + operand + "'");
        }
    }
}
