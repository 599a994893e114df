package dev.pylocktrust.testkit.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code python3} on the PATH, which the interop tests need at version 3.11 or newer ({@code tomllib}). Without
 * one the tests FAIL with a message saying so: CI has one, and a skipped interop test would prove nothing.
 *
 * @param executable the interpreter itself ({@code sys.executable}), not a pyenv shim: shims are slow and race when
 *     several run at once
 */
public record Python3(Path executable) {

    /** Where the interop wheels (pip 26.2.1, packaging 26.3) live, with their licence notes. */
    public static final Path WHEELS = Path.of("src/test/resources/interop");
    public static final Path PACKAGING_WHEEL = WHEELS.resolve("packaging-26.3-py3-none-any.whl");

    private static final String PROBE = "import sys; print(sys.executable); print(sys.version_info >= (3, 11)); "
            + "print(sys.version.split()[0])";

    /** Finds {@code python3} 3.11+, or throws an {@link AssertionError} that says what is missing. */
    public static Python3 require() {
        List<String> lines;
        try {
            Process p = new ProcessBuilder("python3", "-c", PROBE).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python3 did not answer within 60 s");
            }
            lines = out.strip().lines().toList();
            if (p.exitValue() != 0 || lines.size() < 3) {
                throw new AssertionError("python3 (3.11 or newer) is needed by the interop tests; `python3` failed:\n"
                        + out);
            }
        } catch (IOException e) {
            throw new AssertionError("python3 (3.11 or newer) must be on the PATH to run the interop tests (CI has "
                    + "one): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while looking for python3", e);
        }
        int n = lines.size();
        if (!lines.get(n - 2).equals("True")) {
            throw new AssertionError("python3 3.11 or newer is needed by the interop tests (tomllib, pip 26.2); the "
                    + "PATH has Python " + lines.get(n - 1));
        }
        return new Python3(Path.of(lines.get(n - 3)));
    }
}
