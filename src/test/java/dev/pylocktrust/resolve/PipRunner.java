package dev.pylocktrust.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.testkit.python.JsonLinesProcess;
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

    /**
     * One long-lived Python process that runs pip's command-line entry point once per request, so each graph pays
     * for pip's resolution only, not for starting an interpreter and importing pip (most of a short run). Each call
     * is the same {@code pip install --dry-run} a user would type; pip sets its logging up afresh on every call.
     * One session per worker thread.
     */
    static final class Session implements AutoCloseable {
        private static final String DRIVER = String.join("\n",
                "import contextlib, io, json, sys",
                "from pip._internal.cli.main import main as pip_main",
                "for line in sys.stdin:",
                "    args = json.loads(line)",
                "    buf = io.StringIO()",
                "    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):",
                "        try:",
                "            code = pip_main(args)",
                "        except SystemExit as e:",
                "            code = e.code if isinstance(e.code, int) else 1",
                "        except BaseException as e:",
                "            code, _ = 99, buf.write('driver: %r' % (e,))",
                "    sys.__stdout__.write(json.dumps({'code': code, 'output': buf.getvalue()}) + '\\n')",
                "    sys.__stdout__.flush()",
                "");

        private final JsonLinesProcess driver;

        Session() throws IOException {
            if (python == null && !available()) {
                throw new IllegalStateException("python3 -m pip is not available");
            }
            ProcessBuilder pb = new ProcessBuilder(python, "-c", DRIVER)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PIP_NO_INPUT", "1");
            pb.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            pb.environment().put("PIP_CONFIG_FILE", "/dev/null");
            pb.environment().remove("PIP_INDEX_URL");
            pb.environment().remove("PIP_EXTRA_INDEX_URL");
            pb.environment().remove("PIP_FIND_LINKS");
            driver = new JsonLinesProcess("pip driver", pb);
        }

        /** pip's resolution of {@code requirements} (with {@code constraints}) on the index at {@code indexUrl}. */
        Outcome resolve(String indexUrl, List<String> requirements, List<String> constraints, Path work)
                throws IOException {
            Files.createDirectories(work);
            Path report = work.resolve("report.json");
            Files.deleteIfExists(report);
            List<String> args = new ArrayList<>(List.of("install", "--dry-run", "--ignore-installed", "--quiet",
                    "--no-cache-dir", "--report", report.toString(), "--index-url", indexUrl));
            if (!constraints.isEmpty()) {
                Path c = work.resolve("constraints.txt");
                Files.writeString(c, String.join("\n", constraints) + "\n");
                args.add("-c");
                args.add(c.toString());
            }
            args.addAll(requirements);
            JsonNode answer = driver.ask(args);
            int code = answer.path("code").asInt();
            String output = answer.path("output").asText();
            if (code != 0 || !Files.exists(report)) {
                return new Outcome(null, output.isBlank() ? "pip exited with " + code : output);
            }
            JsonNode root = JSON.readTree(report.toFile());
            Map<String, String> versions = new TreeMap<>();
            for (JsonNode item : root.path("install")) {
                versions.put(item.path("metadata").path("name").asText().toLowerCase(java.util.Locale.ROOT),
                        item.path("metadata").path("version").asText());
            }
            return new Outcome(versions, null);
        }

        @Override
        public void close() throws IOException {
            driver.close();
        }
    }
}
