package dev.pylocktrust.testkit.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A fresh virtual environment ({@code python3 -m venv}) brought to pip 26.2.1 by the documented
 * {@link PipCommands#UPGRADE_PIP}, taken from the wheel in the test resources with the index off. Commands run
 * through {@code sh -c} with the environment's {@code bin} first on the PATH (so {@code pip} and {@code python} are
 * its own), no user or site pip configuration, no pip cache, and no index unless the caller names one. Creating one
 * takes a few seconds: share it across a test class.
 */
public final class PipEnvironment {
    /** What one command printed and returned. */
    public record Run(String command, int exitCode, String output) {
        @Override
        public String toString() {
            return "$ " + command + "\nexit " + exitCode + "\n" + output;
        }
    }

    private final Python3 python;
    private final Path venv;

    private PipEnvironment(Python3 python, Path venv) {
        this.python = python;
        this.venv = venv;
    }

    /** Creates the environment under {@code dir} and upgrades its pip from the local wheel. */
    public static PipEnvironment create(Path dir) throws IOException {
        Python3 python = Python3.require();
        Path venv = dir.resolve("venv");
        PipEnvironment env = new PipEnvironment(python, venv);
        Run made = env.exec(dir, List.of(python.executable().toString(), "-m", "venv", venv.toString()), Map.of());
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Run upgraded = env.sh(dir, PipCommands.UPGRADE_PIP, Map.of("PIP_NO_INDEX", "1",
                "PIP_FIND_LINKS", Python3.WHEELS.toAbsolutePath().toString()));
        assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();
        Run version = env.sh(dir, "pip --version", Map.of());
        assertThat(version.output()).as(version.toString()).startsWith("pip 26.2.1 ");
        return env;
    }

    /** Runs {@code command} with {@code sh -c} in {@code cwd}; {@code extra} adds environment variables. */
    public Run sh(Path cwd, String command, Map<String, String> extra) throws IOException {
        return exec(cwd, List.of("sh", "-c", command), extra);
    }

    /** The distributions installed in the environment (normalized name to version), pip itself excluded. */
    public Map<String, String> installed() throws IOException {
        Run r = exec(venv, List.of(venv.resolve("bin/python").toString(), "-c",
                "import importlib.metadata as m, re\n"
                        + "for d in m.distributions():\n"
                        + "    print(re.sub(r'[-_.]+', '-', d.metadata['Name']).lower(), d.version)"), Map.of());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, String> out = new TreeMap<>();
        r.output().lines().map(l -> l.split(" ")).forEach(p -> out.put(p[0], p[1]));
        out.remove("pip");
        return out;
    }

    /** Uninstalls everything but pip, so the next test starts from an empty environment. */
    public void clear() throws IOException {
        List<String> names = List.copyOf(installed().keySet());
        if (!names.isEmpty()) {
            Run r = sh(venv, "python -m pip uninstall --yes " + String.join(" ", names), Map.of());
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
    }

    /** The Python version of the environment, {@code X.Y}. */
    public String pythonVersion() throws IOException {
        Run r = exec(venv, List.of(venv.resolve("bin/python").toString(), "-c",
                "import sys; print('%d.%d' % sys.version_info[:2])"), Map.of());
        return r.output().strip();
    }

    private Run exec(Path cwd, List<String> command, Map<String, String> extra) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PIP_") || k.startsWith("PYTHON") || k.equals("VIRTUAL_ENV"));
        env.put("PATH", venv.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("PIP_CONFIG_FILE", "/dev/null");
        env.put("PIP_NO_CACHE_DIR", "1");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.putAll(extra);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Run(command.get(command.size() - 1), p.exitValue(), out);
    }

    /** Copies {@code source} into {@code dir} under {@code name} (for the files a documented command names). */
    public static Path place(Path source, Path dir, String name) throws IOException {
        return Files.copy(source, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
