package dev.pylocktrust.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs pip's resolver ({@code python3 -m pip install --dry-run --ignore-installed --report}) against a local index
 * and reads the versions it would install.
 */
final class PipRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** pip's answer: the versions (name to version), or the failure output. */
    record Outcome(Map<String, String> versions, String failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private PipRunner() {}

    /** The interpreter binary behind {@code python3} (not a pyenv shim: shims race when run in parallel). */
    private static volatile String python;

    /** Whether {@code python3 -m pip} runs here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys, pip; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return false;
            }
            python = out.lines().reduce((a, b) -> b).orElseThrow();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether pip's output is its own verdict that no solution exists (not a crash of the harness). */
    static boolean isResolutionFailure(String output) {
        return output.contains("ERROR: Cannot install") || output.contains("ResolutionImpossible")
                || output.contains("ERROR: No matching distribution found")
                || output.contains("ERROR: Could not find a version that satisfies");
    }

    static Outcome resolve(String indexUrl, List<String> requirements, List<String> constraints, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path report = work.resolve("report.json");
        Files.deleteIfExists(report);
        if (python == null && !available()) {
            throw new IllegalStateException("python3 -m pip is not available");
        }
        List<String> cmd = new ArrayList<>(List.of(python, "-m", "pip", "install", "--dry-run",
                "--ignore-installed", "--quiet", "--no-cache-dir", "--report", report.toString(), "--index-url",
                indexUrl));
        if (!constraints.isEmpty()) {
            Path c = work.resolve("constraints.txt");
            Files.writeString(c, String.join("\n", constraints) + "\n");
            cmd.add("-c");
            cmd.add(c.toString());
        }
        cmd.addAll(requirements);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PIP_NO_INPUT", "1");
        pb.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        pb.environment().put("PIP_CONFIG_FILE", "/dev/null");
        pb.environment().remove("PIP_INDEX_URL");
        pb.environment().remove("PIP_EXTRA_INDEX_URL");
        pb.environment().remove("PIP_FIND_LINKS");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(null, "pip timed out");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !Files.exists(report)) {
            return new Outcome(null, output.isBlank() ? "pip exited with " + p.exitValue() : output);
        }
        JsonNode root = JSON.readTree(report.toFile());
        Map<String, String> versions = new TreeMap<>();
        for (JsonNode item : root.path("install")) {
            versions.put(item.path("metadata").path("name").asText().toLowerCase(java.util.Locale.ROOT),
                    item.path("metadata").path("version").asText());
        }
        return new Outcome(versions, null);
    }
}
