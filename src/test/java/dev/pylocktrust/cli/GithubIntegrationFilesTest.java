package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pylocktrust.diff.DiffReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The composite action ({@code action.yml}) and the example workflow ({@code examples/github/pylock-review.yml})
 * agree with the command: the action's script builds the command lines docs/github-actions.md documents (run here in
 * bash with a stand-in for pylock-trust), inputs cannot inject shell code, and the workflow's diff options and comment
 * marker are the ones the command accepts and prints. And every workflow (the action, this repository's, the
 * examples) pins the actions it uses by commit SHA; the release workflow builds the tag's version, checks the jar
 * against the action's record and publishes with provenance, each job with least privilege. The action's release
 * logic itself runs in {@code dist.ActionIT}.
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
        env.put("PYLOCK_TRUST_HOME", tmp.resolve("action").toString());
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
        assertThat(action).contains("\n  command:\n", "\n  lockfile:\n", "\n  args:\n", "\n  version:\n",
                "using: composite");
    }

    /** The action, this repository's workflows and the example workflows: every file that uses other actions. */
    private static List<Path> workflowFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ACTION));
        for (String dir : List.of(".github/workflows", "examples/github")) {
            try (Stream<Path> listing = Files.list(Path.of(dir))) {
                listing.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyActionIsPinnedToAFullCommitShaWithItsVersionTheSameEverywhere() throws IOException {
        Pattern uses = Pattern.compile("^\\s*(?:- )?uses:\\s*(.*)$");
        Pattern pinned = Pattern.compile("([\\w<>.-]+/[\\w.-]+)@([0-9a-f]{40}) # (v\\d+(?:\\.\\d+)*)");
        Map<String, Set<String>> pins = new TreeMap<>();
        for (Path file : workflowFiles()) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = uses.matcher(line);
                if (m.matches()) {
                    Matcher pin = pinned.matcher(m.group(1));
                    assertThat(pin.matches()).as("%s: %s is not pinned as owner/repo@<40 hex> # vN.N.N", file,
                            m.group(1)).isTrue();
                    pins.computeIfAbsent(pin.group(1), k -> new TreeSet<>()).add(pin.group(2) + " # " + pin.group(3));
                }
            }
        }
        assertThat(pins).containsKeys("actions/checkout", "actions/setup-java", "actions/attest-build-provenance",
                "pypa/gh-action-pypi-publish", "<org>/pylock-trust");
        pins.forEach((action, versions) -> assertThat(versions).as(action).hasSize(1));
    }

    @Test
    void noScriptExpandsAnExpressionIntoItsSource() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : workflowFiles()) {
            List<JsonNode> steps = new ArrayList<>();
            yaml.readTree(file.toFile()).path("runs").path("steps").forEach(steps::add);
            yaml.readTree(file.toFile()).path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
            assertThat(steps).as(file.toString()).isNotEmpty();
            for (JsonNode step : steps) {
                assertThat(step.path("run").asText("")).as("%s: step %s", file, step.path("name"))
                        .doesNotContain("${{");
            }
        }
    }

    private static JsonNode step(JsonNode job, String usesPrefix) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText("").startsWith(usesPrefix + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix + " in " + job);
    }

    private static String runs(JsonNode job) {
        StringBuilder sb = new StringBuilder();
        job.path("steps").forEach(s -> sb.append(s.path("run").asText("")).append('\n'));
        return sb.toString();
    }

    @Test
    void theReleaseWorkflowBuildsTheTagsVersionAndPublishesWithProvenanceAndLeastPrivilege() throws IOException {
        JsonNode release = new YAMLMapper().readTree(Path.of(".github/workflows/release.yml").toFile());
        assertThat(release.path("on").path("push").path("tags").toString()).isEqualTo("[\"v*\"]");
        assertThat(release.path("permissions").isEmpty()).as("no permissions by default").isTrue();

        JsonNode build = release.path("jobs").path("build");
        assertThat(build.path("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
        assertThat(runs(build)).contains("version=${TAG#v}", "./mvnw -B -Drevision=\"$VERSION\" verify",
                "grep -qxF -f \"pylock-trust-$VERSION.jar.sha256\" ../../action/releases.sha256",
                "java -jar \"pylock-trust-$VERSION.jar\" --version");
        assertThat(step(build, "actions/checkout").path("with").path("persist-credentials").asBoolean(true)).isFalse();

        JsonNode github = release.path("jobs").path("github-release");
        assertThat(github.path("permissions").toString())
                .isEqualTo("{\"contents\":\"write\",\"id-token\":\"write\",\"attestations\":\"write\"}");
        assertThat(step(github, "actions/attest-build-provenance").path("with").path("subject-path").asText())
                .isEqualTo("dist/*.jar\ndist/*.whl\n");
        assertThat(runs(github)).contains("gh release create \"$TAG\" dist/*");

        JsonNode pypi = release.path("jobs").path("pypi");
        assertThat(pypi.path("permissions").toString()).isEqualTo("{\"id-token\":\"write\"}");
        assertThat(pypi.path("environment").path("name").asText()).isEqualTo("pypi");
        assertThat(pypi.path("needs").toString()).contains("\"github-release\"");
        assertThat(step(pypi, "pypa/gh-action-pypi-publish").path("with").path("attestations").asText())
                .isEqualTo("true");
        // scripts/prepare-release builds with the release's Java, which it reads from the one java-version line.
        assertThat(Files.readAllLines(Path.of(".github/workflows/release.yml")))
                .filteredOn(l -> l.strip().startsWith("java-version:")).containsExactly("          java-version: '17'");
    }

    @Test
    void ciChecksThatTwoBuildsAreIdentical() throws IOException {
        JsonNode ci = new YAMLMapper().readTree(Path.of(".github/workflows/ci.yml").toFile());
        assertThat(runs(ci.path("jobs").path("reproducible"))).contains("scripts/check-reproducible");
    }

    @Test
    void theActionsRecordsAreOneSha256LinePerReleaseVersion() throws IOException {
        List<String> versions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("action/releases.sha256"))) {
            Matcher m = Pattern.compile("[0-9a-f]{64}  pylock-trust-(\\d+\\.\\d+\\.\\d+)\\.jar").matcher(line);
            assertThat(m.matches()).as("action/releases.sha256: " + line).isTrue();
            versions.add(m.group(1));
        }
        assertThat(versions).doesNotHaveDuplicates();
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
