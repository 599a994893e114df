package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.diff.DiffReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The composite action ({@code action.yml}) and the example workflow ({@code examples/github/pylock-review.yml})
 * agree with the command: the action's script builds the command lines docs/github-actions.md documents (run here in
 * bash with a stand-in for pylock-trust), inputs cannot inject shell code, and the workflow's diff options and comment
 * marker are the ones the command accepts and prints.
 */
class GithubIntegrationFilesTest {
    private static final Path ACTION = Path.of("action.yml");
    private static final Path WORKFLOW = Path.of("examples/github/pylock-review.yml");

    @TempDir
    Path tmp;

    /** The {@code run: |} block of the action step with this name, de-indented. */
    static String script(String stepName) throws IOException {
        List<String> lines = Files.readAllLines(ACTION, StandardCharsets.UTF_8);
        int i = 0;
        while (!lines.get(i).strip().equals("- name: " + stepName)) {
            i++;
        }
        while (!lines.get(i).strip().equals("run: |")) {
            i++;
        }
        int indent = lines.get(i).indexOf("run:") + 2;
        StringBuilder sb = new StringBuilder();
        for (i++; i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith(" ".repeat(indent))); i++) {
            sb.append(lines.get(i).isBlank() ? "" : lines.get(i).substring(indent)).append('\n');
        }
        return sb.toString();
    }

    private List<String> runAction(String command, String lockfile, String args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("action/bin"));
        Path fake = bin.resolve("pylock-trust");
        Path log = tmp.resolve("argv.txt");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + log + "\"\n");
        fake.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("bash", "-eo", "pipefail", "-c", script("Run pylock-trust ${{ "
                + "inputs.command }}")).directory(tmp.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GITHUB_ACTION_PATH", tmp.resolve("action").toString());
        env.put("PYLOCK_TRUST_COMMAND", command);
        env.put("PYLOCK_TRUST_LOCKFILE", lockfile);
        env.put("PYLOCK_TRUST_ARGS", args);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            return List.of("exit " + p.exitValue(), out.strip());
        }
        return Files.readAllLines(log);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "diff|pylock.toml|--format github git:origin/main:pylock.toml|diff,--format,github,git:origin/main:pylock.toml,"
                + "pylock.toml",
        "verify|locks/pylock.toml|--format github|verify,--format,github,locks/pylock.toml",
        "verify|pylock.toml||verify,pylock.toml",
        "lock|pylock.toml|-r requirements.txt|lock,-r,requirements.txt,-o,pylock.toml",
        "inspect|pylock.toml|a.provenance.json --dist a.tar.gz|inspect,a.provenance.json,--dist,a.tar.gz",
    })
    void theActionBuildsTheDocumentedCommandLine(String command, String lockfile, String args, String expected)
            throws Exception {
        assertThat(runAction(command, lockfile, args == null ? "" : args)).containsExactly(expected.split(","));
    }

    @Test
    void inputsAreNeverShellCode() throws Exception {
        Files.writeString(tmp.resolve("x.toml"), "");
        List<String> argv = runAction("diff", "pylock.toml", "$(touch pwned) `touch pwned2` *.toml ;touch pwned3");
        assertThat(argv).containsExactly("diff", "$(touch", "pwned)", "`touch", "pwned2`", "*.toml", ";touch",
                "pwned3", "pylock.toml");
        assertThat(tmp.resolve("pwned")).doesNotExist();
        assertThat(tmp.resolve("pwned2")).doesNotExist();
        assertThat(tmp.resolve("pwned3")).doesNotExist();
        assertThat(runAction("uninstall", "pylock.toml", "")).first().isEqualTo("exit 2");
    }

    @Test
    void theActionHasTheDocumentedInputs() throws IOException {
        String action = Files.readString(ACTION);
        assertThat(action).contains("\n  command:\n", "\n  lockfile:\n", "\n  args:\n", "using: composite");
    }

    @Test
    void theWorkflowUsesOptionsTheCommandAcceptsAndItsCommentMarker() throws IOException {
        String workflow = Files.readString(WORKFLOW);
        String base = "src/test/resources/golden/diff/takeover/pylock.base.toml";
        String head = "src/test/resources/golden/diff/takeover/pylock.head.toml";
        Matcher m = Pattern.compile("pylock-trust diff ((?:--[a-z-]+ [a-z]+ )+)").matcher(workflow);
        List<String> options = new ArrayList<>();
        while (m.find()) {
            options.add(m.group(1).strip());
        }
        assertThat(options).containsExactly("--format markdown --fail-on never");
        List<String> args = new ArrayList<>(List.of("diff", "--step-summary", ""));
        args.addAll(List.of(options.get(0).split(" ")));
        args.addAll(List.of(base, head));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("--fail-on never: the comment step never fails").isZero();
        String marker = r.stdout().lines().findFirst().orElseThrow();
        assertThat(marker).isEqualTo("<!-- " + DiffReport.SCHEMA + " -->");
        assertThat(workflow).contains("const marker = '" + marker + "';");
        assertThat(workflow).contains("args: --format github git:origin/${{ github.base_ref }}:pylock.toml",
                "fetch-depth: 0", "pull-requests: write");
    }
}
