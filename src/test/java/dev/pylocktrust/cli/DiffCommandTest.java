package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pylock-trust diff} as a user runs it: exit codes, errors naming the file, options. */
class DiffCommandTest {
    private static final String G = "src/test/resources/golden/diff/";

    @TempDir
    Path tmp;

    private static CliRunner.Result diff(String... args) {
        List<String> all = new ArrayList<>(List.of("diff", "--step-summary", ""));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static String base(String c) {
        return G + c + "/pylock.base.toml";
    }

    private static String head(String c) {
        return G + c + "/pylock.head.toml";
    }

    @ParameterizedTest(name = "{0} --fail-on {1}: exit {2}")
    @CsvSource({
        "takeover, never, 0", "takeover, identity, 1", "takeover, attestation, 1", "takeover, any, 1",
        "approved-move, never, 0", "approved-move, identity, 0", "approved-move, attestation, 0",
        "approved-move, any, 1",
        "ours-to-uv, identity, 1",
        "multiple-entries, identity, 0", "multiple-entries, attestation, 1",
        "hostile, identity, 1",
        "reordered, any, 0",
    })
    void failOnDecidesTheExitCode(String c, String level, int exit) {
        CliRunner.Result r = diff("--format", "json", "--fail-on", level, base(c), head(c));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.stdout()).contains("\"fail_on\" : \"" + level + "\"", "\"failed\" : " + (exit == 1));
        assertThat(r.stderr().isEmpty()).isEqualTo(exit == 0);
    }

    @Test
    void aFailureSaysWhatFailedAndHowToProceed() {
        CliRunner.Result r = diff("-q", base("takeover"), head("takeover"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).as("quiet text prints nothing").isEmpty();
        assertThat(r.stderr()).isEqualTo("error: the lockfile change needs review: 1 identity change (1 unapproved) "
                + "(--fail-on identity)\n"
                + "hint: if a new publisher is legitimate, record the approval in HEAD with 'pylock-trust lock "
                + "--accept-identity-change NAME --reason TEXT' and review it in this change\n"
                + "hint: to report without failing, use --fail-on never\n");
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        CliRunner.Result r = diff(base("takeover"), tmp.resolve("nope.toml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("error: " + tmp.resolve("nope.toml") + ": no such file\n"
                + "hint: check the path, or run 'pylock-trust lock' to create it\n");
    }

    @Test
    void malformedInputIsAUsageErrorNamingTheFileAndLine() throws IOException {
        Path broken = tmp.resolve("pylock.toml");
        Files.writeString(broken, "lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = [\n", StandardCharsets.UTF_8);
        CliRunner.Result r = diff(broken.toString(), head("takeover"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + broken + ":4: invalid TOML: ");

        Files.writeString(broken, "created-by = \"x\"\npackages = []\n", StandardCharsets.UTF_8);
        r = diff(base("takeover"), broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("error: " + broken + ":1: lock-version: required string missing\n"
                + "hint: PEP 751 files start with lock-version = \"1.0\"\n");

        Files.writeString(broken, "lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"A_B\"\n",
                StandardCharsets.UTF_8);
        r = diff(base("takeover"), broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + broken + ":4: packages[0].name: package name 'A_B' is not "
                + "normalized\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--format=yaml", "--fail-on=sometimes"})
    void badOptionsAreUsageErrors(String option) {
        CliRunner.Result r = diff(option, base("takeover"), head("takeover"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: Invalid value for option");
    }

    @Test
    void bothLockfilesAreRequired() {
        CliRunner.Result r = diff(base("takeover"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: Missing required parameter: 'HEAD'");
    }

    @Test
    void theJobSummaryIsAppendedAndAFailureToWriteItIsOnlyAWarning() throws IOException {
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        CliRunner.Result r = CliRunner.run("diff", "--format", "github", "--step-summary", summary.toString(),
                base("approved-move"), head("approved-move"));
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(summary)).startsWith("earlier step\n<!-- pylock-trust.diff/2 -->\n");

        CliRunner.Result unwritable = CliRunner.run("diff", "--format", "github", "--step-summary", tmp.toString(),
                base("takeover"), head("takeover"));
        assertThat(unwritable.exitCode()).as("the verdict does not change").isEqualTo(1);
        assertThat(unwritable.stderr()).startsWith("warning: cannot append the job summary to " + tmp + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "markdown", "github", "json"})
    void hostileStringsAreNeutralisedInEveryFormat(String format) {
        CliRunner.Result r = diff("--format", format, base("hostile"), head("hostile"));
        String all = r.stdout() + r.stderr();
        assertThat(all).doesNotContain("s3cret").doesNotContain("\u001b");
        if (!format.equals("json")) {
            // JSON carries the exact strings (a consumer gets data, escaped by JSON's own rules)
            assertThat(all).doesNotContain("\u202e");
        }
        if (format.equals("github")) {
            assertThat(r.stdout().lines().filter(l -> l.startsWith("::"))).hasSize(3)
                    .allSatisfy(l -> assertThat(l).doesNotContain("\n::error::injected"));
            assertThat(r.stdout().lines().filter(l -> l.startsWith("::error::injected"))).isEmpty();
        }
        if (format.equals("markdown")) {
            assertThat(r.stdout()).contains("`GitHub (not a valid GitHub identity: "
                    + "repository=good/evilpkg\\u202E\\|<img src=x onerror=alert(1)>\\u0060@org/security-team,");
            // outside code spans, nothing of the input can be markup, HTML or a mention
            String outsideCode = r.stdout().replaceAll("`[^`\n]*`", "");
            assertThat(outsideCode).doesNotContain("<img", "@org", "@everyone", "](javascript");
        }
    }

    @Test
    void helpListsFormatsFailOnLevelsAndExitCodes() {
        CliRunner.Result r = CliRunner.run("diff", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("git:REV:PATH", "--fail-on=LEVEL", "markdown", "github", "Exit codes:",
                "--step-summary=FILE");
    }
}
