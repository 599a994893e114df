package dev.pylocktrust.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs {@code bin/pylock-trust} as a separate process, as a user would (for {@code *IT} tests). */
final class LauncherRunner {
    private LauncherRunner() {}

    static Path launcher() {
        String p = System.getProperty("pylocktrust.launcher");
        if (p == null) {
            throw new IllegalStateException("system property pylocktrust.launcher is not set (run with failsafe)");
        }
        return Path.of(p);
    }

    /**
     * Runs the launcher with {@code env} added to this process's environment. Hermetic by default:
     * {@code PYLOCK_TRUST_ROOT_SOURCE=embedded} (no TUF request, no write to the user's cache) and
     * {@code PYLOCK_TRUST_CDS=off} (no class-data archive in the user's cache) unless {@code env} or the arguments say
     * otherwise.
     */
    static CliRunner.Result run(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        return runProcess(cmd, environment -> {
            environment.put("PYLOCK_TRUST_ROOT_SOURCE", "embedded");
            environment.put("PYLOCK_TRUST_CDS", "off");
            environment.putAll(env);
        });
    }

    /** Runs {@code cmd} with this process's environment as {@code environment} changes it. */
    static CliRunner.Result runProcess(List<String> cmd, Consumer<Map<String, String>> environment) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        environment.accept(pb.environment());
        try {
            Path out = Files.createTempFile("pylock-trust-it", ".out");
            Path err = Files.createTempFile("pylock-trust-it", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = pb.start();
            // A safety net against a hung process, not a performance assertion.
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish: " + cmd);
            }
            var result = new CliRunner.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static CliRunner.Result run(String... args) {
        return run(Map.of(), args);
    }
}
