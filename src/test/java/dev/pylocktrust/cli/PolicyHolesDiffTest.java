package dev.pylocktrust.cli;

import static dev.pylocktrust.cli.PolicyRuns.diff;
import static dev.pylocktrust.cli.PolicyRuns.finding;
import static dev.pylocktrust.cli.PolicyRuns.identityTable;
import static dev.pylocktrust.cli.PolicyRuns.json;
import static dev.pylocktrust.cli.PolicyRuns.lineOf;
import static dev.pylocktrust.cli.PolicyRuns.read;
import static dev.pylocktrust.cli.PolicyRuns.replaceOnce;
import static dev.pylocktrust.cli.PolicyRuns.withoutApprovals;
import static dev.pylocktrust.cli.PolicyRuns.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.testkit.TestIdentity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The holes of issue 13 through {@code diff}, end to end: BASE is written by the real {@code lock}, HEAD by the real
 * {@code lock} on top of it (as a pull request would change it), then edited by hand where the hole is an edit (an
 * approval or exception removed, identities removed, a hash changed or added). Each change has the rule's code, its
 * rank, and fails the command at the documented {@code --fail-on} levels.
 */
@ExtendWith(SharedLockScenario.class)
class PolicyHolesDiffTest {
    private static final String WIDGET_WHEEL = "widget-1.0.0-py3-none-any.whl";
    private static final String HALFWAY_WHEEL = "halfway-1.1-py3-none-any.whl";
    private static final String ALLOW_HALFWAY = "allow-unattested = [\n    \"halfway\",\n]";

    private final LockScenario s;
    private final Path dir;
    private final PolicyRuns runs;

    PolicyHolesDiffTest(LockScenario s, @TempDir Path dir) {
        this.s = s;
        this.dir = dir;
        this.runs = PolicyRuns.of(s, dir);
    }

    /** {@code diff --format json <extra> BASE HEAD}, with the exit code it must have: its report. */
    private static JsonNode diffed(Path base, Path head, int exit, String... extra) {
        CliRunner.Result r = diff(base, head, extra);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        JsonNode report = json(r);
        assertThat(report.path("failed").asBoolean()).isEqualTo(exit == 1);
        return report;
    }

    /** The finding, which must have this rank and severity. */
    private static JsonNode ranked(JsonNode report, String code, String pkg, int rank, String severity) {
        JsonNode f = finding(report, code, pkg);
        assertThat(f.path("rank").asInt()).as(code).isEqualTo(rank);
        assertThat(f.path("severity").asText()).as(code).isEqualTo(severity);
        return f;
    }

    /** HEAD: a copy of BASE locked again with {@code args} (which must succeed). */
    private Path head(Path base, String name, String... args) {
        Path head = runs.copy(base, name);
        CliRunner.Result r = s.lock(head, args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return head;
    }

    // ---- hole 1: a repository deleted and re-created under the same name ----

    @Test
    void aRecreatedRepositoryIsRankOneAndFailsUnlessHeadApprovesIt() {
        Path base = runs.locked("pylock.base.toml", "phoenix==1.0");
        Path head = head(base, "pylock.head.toml", "phoenix==2.0", "--accept-identity-change", "phoenix", "--reason",
                "re-created by the maintainers");

        JsonNode approved = ranked(diffed(base, head, 0), "identity-change-approved", "phoenix", 1, "warning");
        assertThat(approved.at("/data/added/0/recreated").asBoolean()).isTrue();
        assertThat(approved.at("/data/added/0/to_ids/repository_id").asText()).isEqualTo("777000111");

        Path unapproved = runs.edited(head, "pylock.unapproved.toml", PolicyRuns::withoutApprovals);
        JsonNode f = ranked(diffed(base, unapproved, 1), "identity-recreated", "phoenix", 1, "error");
        assertThat(f.path("detail").asText()).contains("HEAD `repository id 777000111, owner id ",
                "the repository or its owner was deleted and re-created");
    }

    @Test
    void aRenamedRepositoryIsAnIdentityChangeExplainedByTheSignedIds() {
        Path base = runs.locked("pylock.base.toml", "phoenix==1.0");
        Path head = runs.edited(head(base, "pylock.head.toml", "phoenix==3.0", "--accept-identity-change", "phoenix",
                "--reason", "renamed"), "pylock.unapproved.toml", PolicyRuns::withoutApprovals);
        JsonNode f = ranked(diffed(base, head, 1), "identity-changed", "phoenix", 1, "error");
        assertThat(f.path("detail").asText()).startsWith("changed: repository `acme/phoenix` -> `acme/phoenix-ng`\n");
        // The same signed ids on both sides: the repository was renamed (the text does not say it yet; the data does).
        JsonNode added = f.at("/data/added/0");
        assertThat(added.path("recreated").asBoolean()).isFalse();
        assertThat(added.path("to_ids")).isEqualTo(added.path("from_ids"));
        assertThat(added.at("/to_ids/repository_id").asText())
                .isEqualTo(TestIdentity.github("acme/phoenix", "x").repositoryId());
    }

    // ---- hole 2: anchors dropped by a source that carries no attestations ----

    @Test
    void anAttestedPackageTurnedIntoAnArchiveLosesItsAttestationsUnlessAllowed() {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        Path input = write(dir.resolve("pylock.other.toml"), "lock-version = \"1.0\"\ncreated-by = \"uv\"\n\n"
                + "[[packages]]\nname = \"widget\"\nversion = \"1.0.0\"\n\n[packages.archive]\n"
                + "url = \"https://example.com/widget-1.0.0.tar.gz\"\nhashes = { sha256 = \"" + "1".repeat(64)
                + "\" }\n");
        Path allowed = head(base, "pylock.head.toml", "--from-lock", input.toString(), "--allow-unattested",
                "widget");
        JsonNode report = diffed(base, allowed, 0);
        ranked(report, "attestation-missing-allowed", "widget", 2, "warning");
        ranked(report, "source-changed", "widget", 3, "warning");

        Path head = runs.edited(allowed, "pylock.edited.toml", t -> replaceOnce(t,
                "allow-unattested = [\n    \"widget\",\n]", ""));
        ranked(diffed(base, head, 1), "unverifiable-source", "widget", 2, "error");
    }

    // ---- holes 3 and 4: files without attestations in an attested package ----

    @Test
    void aNoProvenanceRecordDoesNotSatisfyHeadsRequireAttestations() {
        String require = "\n[tool.pylock-trust]\nrequire-attestations = [\"halfway\"]\n";
        Path first = runs.locked("pylock.toml", "halfway==1.0");
        Path head = runs.edited(head(first, "pylock.head.toml", "halfway==1.1", "--allow-unattested", "halfway"),
                "pylock.required.toml", t -> replaceOnce(t, "\n[tool.pylock-trust]\n" + ALLOW_HALFWAY + "\n",
                        require));
        Path base = runs.edited(first, "pylock.base.toml", t -> t + require);
        JsonNode f = ranked(diffed(base, head, 1), "attestation-required", "halfway", 2, "error");
        assertThat(f.at("/data/files/0/filename").asText()).isEqualTo(HALFWAY_WHEEL);
    }

    @ParameterizedTest(name = "{0}: exit {1}")
    @CsvSource({"default, 1", "--fail-on attestation, 1", "--fail-on never, 0"})
    void aNewUnattestedFileInAnAttestedPackageIsALostAttestationUnlessHeadAllowsIt(String level, int exit) {
        Path base = runs.locked("pylock.base.toml", "halfway==1.0");
        Path allowed = head(base, "pylock.head.toml", "halfway==1.1", "--allow-unattested", "halfway");
        ranked(diffed(base, allowed, 0, failOn(level)), "attestation-missing-allowed", "halfway", 2, "warning");

        Path head = runs.edited(allowed, "pylock.edited.toml", t -> replaceOnce(t, ALLOW_HALFWAY, ""));
        JsonNode f = ranked(diffed(base, head, exit, failOn(level)), "attestation-missing", "halfway", 2,
                exit == 1 ? "error" : "warning");
        assertThat(f.at("/data/files/0/filename").asText()).isEqualTo(HALFWAY_WHEEL);
        assertThat(f.at("/data/files/0/head_status").asText()).isEqualTo("no-provenance");
    }

    /** The options for a {@code --fail-on} level ({@code default}: none). */
    private static String[] failOn(String level) {
        return level.equals("default") ? new String[0] : level.split(" ");
    }

    @Test
    void anUnattestedFileInANewEntryOfAnAttestedPackageIsALostAttestation() {
        Path base = runs.locked("pylock.base.toml", "halfway==1.0");
        Path head = runs.edited(base, "pylock.head.toml", t -> runs.withLinuxEntry(t, "halfway", "1.1",
                HALFWAY_WHEEL));
        JsonNode f = ranked(diffed(base, head, 1), "attestation-missing", "halfway", 2, "error");
        assertThat(f.path("message").asText()).startsWith("attestations lost: HEAD records no identity, BASE records "
                + "`GitHub acme/halfway (release.yml)`");
    }

    // ---- hole 5: identities removed by hand ----

    @Test
    void identitiesRemovedByHandWhileRecordsSayVerifiedAreAnInconsistentHead() {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        Path head = runs.edited(base, "pylock.head.toml", t -> replaceOnce(t,
                identityTable("acme/widget", "release.yml"), ""));
        JsonNode report = diffed(base, head, 1);
        assertThat(PolicyRuns.findings(report)).filteredOn(f -> f.path("code").asText().equals("lock-inconsistent"))
                .hasSize(2).allSatisfy(f -> {
                    assertThat(f.path("rank").asInt()).isEqualTo(2);
                    assertThat(f.path("severity").asText()).isEqualTo("error");
                });
        assertThat(PolicyRuns.findings(report)).extracting(f -> f.path("message").asText())
                .anySatisfy(m -> assertThat(m).contains(WIDGET_WHEEL + " is recorded as verified, but the package "
                        + "records no attestation-identities"));
    }

    // ---- hole 6: several identities at first use, and per kind of file ----

    @Test
    void twoRepositoriesAtFirstUseAreRankOneAndFailUnlessHeadApprovesThem() {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        Path head = head(base, "pylock.head.toml", "widget==1.0.0", "duo==1.0", "--accept-identity-change", "duo",
                "--reason", "the docs are built in other/duo");
        ranked(diffed(base, head, 0), "identity-ambiguous-approved", "duo", 1, "warning");

        Path unapproved = runs.edited(head, "pylock.unapproved.toml", PolicyRuns::withoutApprovals);
        JsonNode f = ranked(diffed(base, unapproved, 1), "identity-ambiguous", "duo", 1, "error");
        assertThat(f.path("message").asText()).contains("acme/duo", "other/duo");
    }

    @Test
    void whereBaseShowsTheSplitAWheelRecordedAsSignedByTheSdistWorkflowIsAnIdentityChange() {
        Path base = runs.locked("pylock.base.toml", "split==1.0");
        Path head = runs.edited(head(base, "pylock.head.toml", "split==1.1", "--accept-identity-change", "split",
                "--reason", "one workflow now"), "pylock.unapproved.toml", PolicyRuns::withoutApprovals);
        assertThat(read(head)).doesNotContain("wheels.yml");
        ranked(diffed(base, head, 1), "identity-changed", "split", 1, "error");
    }

    // ---- holes 7 and 9: hashes ----

    @ParameterizedTest(name = "{0}: exit {1}")
    @CsvSource({"default, 1", "--fail-on any, 1", "--fail-on never, 0"})
    void anAddedSha512IsAHashChangeAtRankOne(String level, int exit) {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        String sha = s.index.file("widget", WIDGET_WHEEL).sha256();
        Path head = runs.edited(base, "pylock.head.toml", t -> replaceOnce(t, "hashes = { sha256 = \"" + sha + "\" }",
                "hashes = { sha256 = \"" + sha + "\", sha512 = \"" + "ab".repeat(64) + "\" }"));
        JsonNode f = ranked(diffed(base, head, exit, failOn(level)), "hash-changed", "widget", 1,
                exit == 1 ? "error" : "warning");
        assertThat(f.path("file").asText()).isEqualTo(WIDGET_WHEEL);
        assertThat(f.path("detail").asText()).isEqualTo("`" + WIDGET_WHEEL + "`: sha512 (none) -> `"
                + "ab".repeat(64) + "`");
        assertThat(f.at("/location/line").asInt()).isEqualTo(lineOf(head, "sha512 = "));
    }

    @Test
    void aSha256EditedByHandIsAHashChangeAtRankOne() {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        String real = s.index.file("widget", WIDGET_WHEEL).sha256();
        String other = s.index.file("widget", "widget-3.0.0-py3-none-any.whl").sha256();
        Path head = runs.edited(base, "pylock.head.toml", t -> replaceOnce(t, "hashes = { sha256 = \"" + real,
                "hashes = { sha256 = \"" + other));
        JsonNode f = ranked(diffed(base, head, 1), "hash-changed", "widget", 1, "error");
        assertThat(f.path("file").asText()).isEqualTo(WIDGET_WHEEL);
        assertThat(f.path("detail").asText()).contains(real, other);
    }
}
