package dev.pylocktrust.cli;

import static dev.pylocktrust.cli.PolicyRuns.bytes;
import static dev.pylocktrust.cli.PolicyRuns.finding;
import static dev.pylocktrust.cli.PolicyRuns.identityTable;
import static dev.pylocktrust.cli.PolicyRuns.json;
import static dev.pylocktrust.cli.PolicyRuns.lineOf;
import static dev.pylocktrust.cli.PolicyRuns.read;
import static dev.pylocktrust.cli.PolicyRuns.replaceOnce;
import static dev.pylocktrust.cli.PolicyRuns.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.testkit.TestIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The holes of issue 13 through {@code lock}, end to end (real test-Sigstore attestations on the loopback index): each
 * is refused with its finding code and message, and a refusal leaves the lock file byte for byte as it was.
 */
@ExtendWith(SharedLockScenario.class)
class PolicyHolesLockTest {
    private static final String PHOENIX_REPOSITORY_ID = TestIdentity.github("acme/phoenix", "x").repositoryId();
    private static final String PHOENIX_OWNER_ID = TestIdentity.github("acme/phoenix", "x").ownerId();
    private static final String WIDGET_WHEEL = "widget-1.0.0-py3-none-any.whl";

    private final LockScenario s;
    private final Path dir;
    private final PolicyRuns runs;

    PolicyHolesLockTest(LockScenario s, @TempDir Path dir) {
        this.s = s;
        this.dir = dir;
        this.runs = PolicyRuns.of(s, dir);
    }

    /** Runs {@code lock} on {@code out} with {@code --format json}: refused with exit 1, {@code out} untouched. */
    private JsonNode refused(Path out, String... args) {
        byte[] before = bytes(out);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json"));
        CliRunner.Result r = s.lock(out, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(bytes(out)).as("the lock is left byte for byte as it was").isEqualTo(before);
        JsonNode report = json(r);
        int failures = failures(report).size();
        assertThat(r.stderr()).endsWith("error: lock refused: " + failures + (failures == 1 ? " trust failure"
                : " trust failures") + "; " + out + " was left unchanged\n");
        assertThat(report.path("refused").asBoolean()).isTrue();
        assertThat(report.path("written").asBoolean()).isFalse();
        return report;
    }

    /** Runs a first {@code lock} of {@code pin} with {@code --format json}: refused with exit 1, nothing written. */
    private JsonNode refusedAtFirstUse(Path out, String pin) {
        CliRunner.Result r = s.lock(out, pin, "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).endsWith("; " + out + " was not written\n");
        assertThat(out).doesNotExist();
        return json(r);
    }

    private static List<JsonNode> failures(JsonNode report) {
        return PolicyRuns.findings(report).stream().filter(f -> f.path("severity").asText().equals("error")).toList();
    }

    // ---- hole 1: a repository deleted and re-created under the same name ----

    @Test
    void aRecreatedRepositoryIsRefusedAndAnAcceptanceRecordsTheOldAndNewIds() {
        Path out = runs.locked("pylock.toml", "phoenix==1.0");

        JsonNode f = finding(refused(out, "phoenix==2.0"), "identity-recreated", "phoenix");
        assertThat(f.path("severity").asText()).isEqualTo("error");
        assertThat(f.path("message").asText()).startsWith("phoenix 2.0: ").endsWith(" signed by GitHub acme/phoenix "
                + "(release.yml) with other signed ids than the lock records: the repository or its owner was "
                + "deleted and re-created");
        assertThat(f.path("detail").asText()).isEqualTo("expected: GitHub acme/phoenix (release.yml) with repository "
                + "id " + PHOENIX_REPOSITORY_ID + ", owner id " + PHOENIX_OWNER_ID + "\nfound:    GitHub acme/phoenix "
                + "(release.yml) with repository id 777000111, owner id " + PHOENIX_OWNER_ID);
        assertThat(f.path("hint").asText()).contains("--accept-identity-change phoenix --reason");

        CliRunner.Result accepted = s.lock(out, "phoenix==2.0", "--accept-identity-change", "phoenix", "--reason",
                "the maintainers re-created it, see issue 7");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.stderr()).startsWith("warning: re-created identity accepted for phoenix: GitHub "
                + "acme/phoenix (release.yml) -> GitHub acme/phoenix (release.yml)\n");
        assertThat(read(out)).contains("\n[[tool.pylock-trust.approved-identity-changes]]\npackage = \"phoenix\"\n"
                + "from = { kind = \"GitHub\", repository = \"acme/phoenix\", workflow = \"release.yml\" }\n"
                + "to = { kind = \"GitHub\", repository = \"acme/phoenix\", workflow = \"release.yml\" }\n"
                + "reason = \"the maintainers re-created it, see issue 7\"\ndate = 2026-11-01\n"
                + "from-ids = { repository-id = \"" + PHOENIX_REPOSITORY_ID + "\", repository-owner-id = \""
                + PHOENIX_OWNER_ID + "\" }\n"
                + "to-ids = { repository-id = \"777000111\", repository-owner-id = \"" + PHOENIX_OWNER_ID + "\" }\n");
        assertAgreesWithItself(out, "phoenix==2.0");
    }

    /** What {@code lock} wrote passes {@code verify}, and locking it again changes no byte. */
    private void assertAgreesWithItself(Path out, String... pins) {
        CliRunner.Result verified = runs.verify(out);
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        byte[] written = bytes(out);
        CliRunner.Result again = s.lock(out, pins);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(bytes(out)).isEqualTo(written);
    }

    @Test
    void aCertificateWithoutTheIdsTheLockRecordsIsARecreatedIdentity() {
        Path out = runs.locked("pylock.toml", "phoenix==1.0");
        runs.resign("phoenix", "phoenix-1.0-py3-none-any.whl", TestIdentity.github("acme/phoenix", "release.yml")
                .withoutIds());
        JsonNode f = finding(refused(out, "phoenix==1.0"), "identity-recreated", "phoenix");
        assertThat(f.path("message").asText()).isEqualTo("phoenix 1.0: phoenix-1.0-py3-none-any.whl is signed by "
                + "GitHub acme/phoenix (release.yml) with other signed ids than the lock records: the repository or "
                + "its owner was deleted and re-created");
        assertThat(f.path("detail").asText()).endsWith("\nfound:    GitHub acme/phoenix (release.yml) with no "
                + "repository or owner id");
    }

    @Test
    void aRenamedRepositoryIsAnIdentityChangeThatTheSignedIdsExplain() {
        Path out = runs.locked("pylock.toml", "phoenix==1.0");
        JsonNode f = finding(refused(out, "phoenix==3.0"), "identity-changed", "phoenix");
        assertThat(f.path("message").asText()).startsWith("phoenix 3.0: publisher identity changed: locked GitHub "
                + "acme/phoenix (release.yml), but ").endsWith(" signed by GitHub acme/phoenix-ng (release.yml) "
                + "(repository acme/phoenix -> acme/phoenix-ng)");
        assertThat(f.path("detail").asText()).endsWith("signed claims: same signed repository id "
                + PHOENIX_REPOSITORY_ID + " and owner id " + PHOENIX_OWNER_ID + ": the repository was renamed");
    }

    // ---- hole 2: anchors dropped by a source that carries no attestations ----

    /** Another tool's lock, with widget 1.0.0 from a vcs, directory or archive source. */
    private Path directSource(String kind) {
        String source = switch (kind) {
            case "vcs" -> "[packages.vcs]\ntype = \"git\"\nurl = \"https://example.com/widget.git\"\n"
                    + "commit-id = \"" + "a".repeat(40) + "\"\n";
            case "directory" -> "[packages.directory]\npath = \"vendor/widget\"\n";
            default -> "[packages.archive]\nurl = \"https://example.com/widget-1.0.0.tar.gz\"\n"
                    + "hashes = { sha256 = \"" + "1".repeat(64) + "\" }\n";
        };
        return write(dir.resolve("pylock.other.toml"), "lock-version = \"1.0\"\ncreated-by = \"uv\"\n\n"
                + "[[packages]]\nname = \"widget\"\nversion = \"1.0.0\"\n\n" + source);
    }

    @ParameterizedTest
    @CsvSource({"archive, an archive", "vcs, a vcs", "directory, a directory"})
    void anAnchoredPackageFromADirectSourceIsRefused(String kind, String described) {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        JsonNode f = finding(refused(out, "--from-lock", directSource(kind).toString()), "unverifiable-source",
                "widget");
        assertThat(f.path("message").asText()).isEqualTo("widget 1.0.0: " + described + " source cannot carry index "
                + "attestations, but widget is locked to GitHub acme/widget (release.yml)");
        assertThat(f.path("location").path("line").asInt()).isEqualTo(lineOf(out, "name = \"widget\"") - 1);
    }

    @Test
    void requireAttestationsDoesNotLetADirectSourceDropTheAnchor() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        write(out, read(out) + "\n[tool.pylock-trust]\nrequire-attestations = [\"widget\"]\n");
        JsonNode report = refused(out, "--from-lock", directSource("archive").toString());
        assertThat(PolicyRuns.codes(report)).containsExactly("unverifiable-source");
    }

    @Test
    void allowUnattestedIsTheOneWayToDropTheAnchorAndItDropsTheIdentities() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        CliRunner.Result r = s.lock(out, "--from-lock", directSource("archive").toString(), "--allow-unattested",
                "widget");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).startsWith("warning: widget 1.0.0: an archive source carries no attestations, "
                + "although widget is locked to GitHub acme/widget (release.yml)\n");
        LockedPackage widget = new LockfileReader().read(out).lockfile().packagesNamed("widget").get(0);
        assertThat(widget.sourceKind()).isEqualTo("archive");
        assertThat(widget.attestationIdentities()).isEmpty();
        assertThat(read(out)).endsWith("[tool.pylock-trust]\nallow-unattested = [\n    \"widget\",\n]\n");
    }

    @Test
    void resolvingCannotTurnAnAnchoredPackageIntoADirectSource() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        byte[] before = bytes(out);
        List<String> args = new ArrayList<>(List.of("lock", "widget @ https://example.com/widget-1.0.0.tar.gz",
                "-o", out.toString()));
        args.addAll(s.indexArgs());
        CliRunner.Result r = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: command-line requirement 1: 'widget @ https://example.com/"
                + "widget-1.0.0.tar.gz' is a URL or a path, not a requirement from the index\n");
        assertThat(bytes(out)).isEqualTo(before);
    }

    // ---- holes 3 and 4: files without attestations in an attested package ----

    @Test
    void aNoProvenanceRecordDoesNotSatisfyRequireAttestations() {
        Path out = runs.locked("pylock.toml", "halfway==1.1", "--allow-unattested", "halfway");
        assertThat(read(out)).contains("{ filename = \"halfway-1.1-py3-none-any.whl\", sha256 = \"",
                "status = \"no-provenance\" }");
        write(out, replaceOnce(read(out), "allow-unattested = [\n    \"halfway\",\n]",
                "require-attestations = [\"halfway\"]"));
        JsonNode f = finding(refused(out, "halfway==1.1"), "attestation-required", "halfway");
        assertThat(f.path("file").asText()).isEqualTo("halfway-1.1-py3-none-any.whl");
        assertThat(f.path("message").asText()).isEqualTo("halfway 1.1: attestations are required, but "
                + "halfway-1.1-py3-none-any.whl is not attested");
        assertThat(f.path("detail").asText()).startsWith("required by: [tool.pylock-trust] require-attestations in "
                + out + "\nfound:    no provenance published");
    }

    @Test
    void aNewUnattestedFileInAnAttestedPackageIsRefusedUnlessAllowed() {
        Path out = runs.locked("pylock.toml", "halfway==1.0");
        JsonNode f = finding(refused(out, "halfway==1.1"), "attestation-missing", "halfway");
        assertThat(f.path("file").asText()).isEqualTo("halfway-1.1-py3-none-any.whl");
        assertThat(f.path("message").asText()).isEqualTo("halfway 1.1: halfway-1.1-py3-none-any.whl has no "
                + "attestation, but halfway is locked to GitHub acme/halfway (release.yml)");

        CliRunner.Result allowed = s.lock(out, "halfway==1.1", "--allow-unattested", "halfway");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.stderr()).startsWith("warning: halfway 1.1: halfway-1.1-py3-none-any.whl has no "
                + "attestation although halfway is locked to GitHub acme/halfway (release.yml)\n");
    }

    @Test
    void anUnattestedFileAddedAsASecondEntryOfAnAttestedPackageIsRefused() {
        Path out = runs.locked("pylock.toml", "halfway==1.0");
        write(out, runs.withLinuxEntry(read(out), "halfway", "1.1", "halfway-1.1-py3-none-any.whl"));
        JsonNode f = finding(refused(out, "halfway==1.1"), "attestation-missing", "halfway");
        assertThat(f.path("file").asText()).isEqualTo("halfway-1.1-py3-none-any.whl");
    }

    // ---- hole 5: identities removed by hand ----

    @Test
    void anEarlierLockWhoseIdentitiesWereRemovedByHandIsRefused() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        write(out, replaceOnce(read(out), identityTable("acme/widget", "release.yml"), ""));
        JsonNode report = refused(out, "widget==1.0.0");
        assertThat(failures(report)).extracting(f -> f.path("code").asText() + " " + f.path("file").asText() + " "
                + f.path("location").path("line").asInt()).containsExactly(
                "lock-inconsistent " + WIDGET_WHEEL + " " + lineOf(out, "{ filename = \"" + WIDGET_WHEEL),
                "lock-inconsistent widget-1.0.0.tar.gz " + lineOf(out, "{ filename = \"widget-1.0.0.tar.gz"));
        assertThat(failures(report).get(0).path("message").asText()).isEqualTo("widget 1.0.0: " + WIDGET_WHEEL
                + " is recorded as verified, but the package records no attestation-identities");
        // Not a first use: the earlier entry lost its identities, it never lacked them.
        assertThat(PolicyRuns.codes(report)).contains("lock-inconsistent").doesNotContain("first-use");
    }

    // ---- hole 6: several identities at first use ----

    @Test
    void aReleaseAttestedByTwoRepositoriesNeedsAnApprovalAtFirstUse() {
        Path out = dir.resolve("pylock.toml");
        JsonNode f = finding(refusedAtFirstUse(out, "duo==1.0"), "identity-ambiguous", "duo");
        assertThat(f.path("message").asText()).isEqualTo("duo 1.0: at first use, duo-1.0-py3-none-any.whl is "
                + "attested by GitHub acme/duo (release.yml), the release's other files by GitHub other/duo "
                + "(release.yml), another repository");

        CliRunner.Result accepted = s.lock(out, "duo==1.0", "--accept-identity-change", "duo", "--reason",
                "the docs are built in other/duo", "--format", "json");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(finding(json(accepted), "identity-ambiguous-approved", "duo").path("message").asText())
                .startsWith("duo 1.0: several identities accepted at first use: ");
        String text = read(out);
        assertThat(text).contains(identityTable("other/duo", "release.yml"), identityTable("acme/duo", "release.yml"),
                "\n[[tool.pylock-trust.approved-identity-changes]]\npackage = \"duo\"\n",
                "reason = \"the docs are built in other/duo\"\n");
        assertAgreesWithItself(out, "duo==1.0");
    }

    @Test
    void aFileAttestedByTwoIdentitiesNeedsAnApprovalAtFirstUse() {
        Path out = dir.resolve("pylock.toml");
        JsonNode f = finding(refusedAtFirstUse(out, "twice==1.0"), "identity-ambiguous", "twice");
        assertThat(f.path("file").asText()).isEqualTo("twice-1.0-py3-none-any.whl");
        assertThat(f.path("message").asText()).isEqualTo("twice 1.0: at first use, twice-1.0-py3-none-any.whl is "
                + "attested by more than one identity: GitHub acme/twice (release.yml) and GitHub acme/twice "
                + "(wheels.yml)");

        // Accepted, the lock records who signed each file (a record names one identity), and agrees with itself.
        CliRunner.Result accepted = s.lock(out, "twice==1.0", "--accept-identity-change", "twice", "--reason",
                "wheels are built by a second workflow", "--format", "json");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        JsonNode report = json(accepted);
        finding(report, "identity-ambiguous-approved", "twice");
        assertThat(finding(report, "extra-identity", "twice").path("message").asText()).isEqualTo("twice 1.0: "
                + "twice-1.0-py3-none-any.whl is also signed by GitHub acme/twice (wheels.yml), which is not locked; "
                + "it is not recorded");
        assertThat(read(out)).contains(identityTable("acme/twice", "release.yml")).doesNotContain("workflow = "
                + "\"wheels.yml\"\n");
        assertAgreesWithItself(out, "twice==1.0");
    }

    @Test
    void twoWorkflowsOfOneRepositoryAreFineAndEachKindOfFileIsHeldToItsOwn() {
        Path out = runs.locked("pylock.toml", "split==1.0");
        String text = read(out);
        assertThat(text).contains(identityTable("acme/split", "release.yml") + identityTable("acme/split",
                "wheels.yml"));
        assertThat(text.lines().filter(l -> l.contains("filename = \"split-1.0-py3-none-any.whl\""))).singleElement()
                .asString().contains("identity = 2,");
        assertThat(text.lines().filter(l -> l.contains("filename = \"split-1.0.tar.gz\""))).singleElement()
                .asString().contains("identity = 1,");

        assertAgreesWithItself(out, "split==1.0");

        JsonNode f = finding(refused(out, "split==1.1"), "identity-changed", "split");
        assertThat(f.path("file").asText()).isEqualTo("split-1.1-py3-none-any.whl");
        assertThat(f.path("detail").asText()).startsWith("expected: wheels signed by GitHub acme/split (wheels.yml) "
                + "(the lock shows sdists and wheels signed by different identities)\nfound:    GitHub acme/split "
                + "(release.yml)\n");
    }

    // ---- holes 7 and 9: every hash, and hashes edited by hand ----

    @Test
    void aHashTheIndexCannotConfirmStopsTheLockWithAnInputError() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        byte[] before = bytes(out);
        Path input = runs.edited(out, "pylock.other.toml", t -> t.replace("hashes = { sha256 = \""
                + s.index.file("widget", WIDGET_WHEEL).sha256(), "hashes = { sha512 = \"" + "ab".repeat(64)
                + "\", sha256 = \"" + s.index.file("widget", WIDGET_WHEEL).sha256()));
        CliRunner.Result r = s.lock(out, "--from-lock", input.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: the lock records hashes that cannot be checked:\n  widget: "
                + WIDGET_WHEEL + ": sha512\n");
        assertThat(bytes(out)).isEqualTo(before);
    }

    @Test
    void aSha256EditedByHandInTheEarlierLockIsAChangedHash() {
        Path out = runs.locked("pylock.toml", "widget==1.0.0");
        String real = s.index.file("widget", WIDGET_WHEEL).sha256();
        String other = s.index.file("widget", "widget-3.0.0-py3-none-any.whl").sha256();
        write(out, replaceOnce(read(out), "hashes = { sha256 = \"" + real + "\" }",
                "hashes = { sha256 = \"" + other + "\" }"));
        JsonNode report = refused(out, "widget==1.0.0");
        // Against its own record (at the edited hashes line), and against the index (at the file).
        assertThat(failures(report)).extracting(f -> f.path("code").asText() + " " + f.path("file").asText() + " "
                + f.path("location").path("line").asInt()).containsExactlyInAnyOrder(
                "hash-changed " + WIDGET_WHEEL + " " + lineOf(out, other),
                "hash-changed " + WIDGET_WHEEL + " " + lineOf(out, "[[packages.wheels]]"));
        assertThat(failures(report)).extracting(f -> f.path("message").asText()).contains("widget 1.0.0: the lock "
                + "has sha256 " + other + " for " + WIDGET_WHEEL + ", but it was checked with sha256 " + real
                + " when it was locked");
    }
}
