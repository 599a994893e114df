package dev.pylocktrust.cli;

import static dev.pylocktrust.cli.PolicyRuns.finding;
import static dev.pylocktrust.cli.PolicyRuns.identityTable;
import static dev.pylocktrust.cli.PolicyRuns.json;
import static dev.pylocktrust.cli.PolicyRuns.lineOf;
import static dev.pylocktrust.cli.PolicyRuns.read;
import static dev.pylocktrust.cli.PolicyRuns.replaceOnce;
import static dev.pylocktrust.cli.PolicyRuns.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.index.TestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The holes of issue 13 through {@code verify}, end to end: the lock is written by the real {@code lock}, then the
 * index changes or the lock is edited by hand, and {@code verify} must fail with the rule's code (exit 1), or stop
 * with an input error (exit 2) where nothing can check what the lock says.
 */
@ExtendWith(SharedLockScenario.class)
class PolicyHolesVerifyTest {
    private static final String WIDGET_WHEEL = "widget-1.0.0-py3-none-any.whl";
    private static final String HALFWAY_WHEEL = "halfway-1.1-py3-none-any.whl";
    /** {@code --environment current} for a CPython 3.12 on manylinux: the py3-none-any wheels are selected. */
    private static final List<String> CURRENT = List.of("--environment", "current", "--python-version", "3.12",
            "--platform", "manylinux_2_28_x86_64");

    private final LockScenario s;
    private final Path dir;
    private final PolicyRuns runs;

    PolicyHolesVerifyTest(LockScenario s, @TempDir Path dir) {
        this.s = s;
        this.dir = dir;
        this.runs = PolicyRuns.of(s, dir);
    }

    /** {@code verify LOCK <args> --format json}, which must fail (exit 1): its report. */
    private JsonNode failed(Path lock, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--format", "json"));
        CliRunner.Result r = runs.verify(lock, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode report = json(r);
        assertThat(report.path("result").asText()).isEqualTo("failed");
        return report;
    }

    private JsonNode failed(Path lock, String... args) {
        return failed(lock, List.of(args));
    }

    private void assertPasses(Path lock, String... args) {
        CliRunner.Result r = runs.verify(lock, args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    // ---- hole 1: a repository deleted and re-created under the same name ----

    @Test
    void aFileSignedByARecreatedRepositoryFails() {
        Path lock = runs.locked("pylock.toml", "phoenix==1.0");
        assertPasses(lock);
        runs.resign("phoenix", "phoenix-1.0-py3-none-any.whl", LockScenario.PHOENIX_RECREATED);
        JsonNode f = finding(failed(lock), "identity-recreated", "phoenix");
        assertThat(f.path("file").asText()).isEqualTo("phoenix-1.0-py3-none-any.whl");
        assertThat(f.path("message").asText()).isEqualTo("phoenix 1.0: phoenix-1.0-py3-none-any.whl is signed by "
                + "GitHub acme/phoenix (release.yml) with other signed ids than the lock records: the repository or "
                + "its owner was deleted and re-created");
        String owner = TestIdentity.github("acme/phoenix", "x").ownerId();
        assertThat(f.path("detail").asText()).isEqualTo("expected: GitHub acme/phoenix (release.yml) with repository "
                + "id " + TestIdentity.github("acme/phoenix", "x").repositoryId() + ", owner id " + owner
                + "\nfound:    GitHub acme/phoenix (release.yml) with repository id 777000111, owner id " + owner);
    }

    @Test
    void aCertificateWithoutTheIdsTheLockRecordsIsARecreatedIdentity() {
        Path lock = runs.locked("pylock.toml", "phoenix==1.0");
        runs.resign("phoenix", "phoenix-1.0.tar.gz", TestIdentity.github("acme/phoenix", "release.yml").withoutIds());
        JsonNode f = finding(failed(lock), "identity-recreated", "phoenix");
        assertThat(f.path("file").asText()).isEqualTo("phoenix-1.0.tar.gz");
        assertThat(f.path("detail").asText()).endsWith("\nfound:    GitHub acme/phoenix (release.yml) with no "
                + "repository or owner id");
    }

    @Test
    void aFileSignedByTheRenamedRepositoryIsAnIdentityChangeExplainedAsARename() {
        Path lock = runs.locked("pylock.toml", "phoenix==1.0");
        runs.resign("phoenix", "phoenix-1.0-py3-none-any.whl", LockScenario.PHOENIX_RENAMED);
        JsonNode f = finding(failed(lock), "identity-changed", "phoenix");
        assertThat(f.path("message").asText()).endsWith("phoenix-1.0-py3-none-any.whl is signed by GitHub "
                + "acme/phoenix-ng (release.yml) (repository acme/phoenix -> acme/phoenix-ng)");
        assertThat(f.path("detail").asText()).endsWith(": the repository was renamed");
    }

    // ---- hole 2: anchors dropped by a source that carries no attestations ----

    @Test
    void anAttestedPackageTurnedIntoAnArchiveFailsUnlessAllowedUnattested() {
        String entry = "lock-version = \"1.0\"\ncreated-by = \"pylock-trust\"\n\n[[packages]]\nname = \"widget\"\n"
                + "version = \"1.0.0\"\n\n[packages.archive]\nurl = \"https://example.com/widget-1.0.0.tar.gz\"\n"
                + "hashes = { sha256 = \"" + "1".repeat(64) + "\" }\n" + identityTable("acme/widget", "release.yml");
        Path lock = write(dir.resolve("pylock.toml"), entry);
        JsonNode report = failed(lock);
        assertThat(PolicyRuns.codes(report)).containsExactly("unverifiable-source");
        assertThat(finding(report, "unverifiable-source", "widget").path("message").asText()).isEqualTo("widget "
                + "1.0.0: an archive source cannot carry index attestations, but widget is locked to GitHub "
                + "acme/widget (release.yml)");

        write(lock, entry + "\n[tool.pylock-trust]\nallow-unattested = [\"widget\"]\n");
        CliRunner.Result allowed = runs.verify(lock, "--format", "json");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(PolicyRuns.codes(json(allowed))).containsExactly("attestation-missing-allowed");
    }

    // ---- holes 3 and 4: files without attestations in an attested package ----

    /** halfway 1.1 as locked with --allow-unattested, the exception then removed by hand (records unchanged). */
    private Path halfwayWithoutTheException() {
        Path lock = runs.locked("pylock.toml", "halfway==1.1", "--allow-unattested", "halfway");
        assertThat(read(lock)).contains("{ filename = \"" + HALFWAY_WHEEL + "\", sha256 = \"",
                "status = \"no-provenance\" }");
        return write(lock, replaceOnce(read(lock), "\n[tool.pylock-trust]\nallow-unattested = [\n    \"halfway\",\n]\n",
                ""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--require-attestations", "require-attestations in the lock"})
    void aNoProvenanceRecordDoesNotSatisfyRequiredAttestations(String how) {
        Path lock = halfwayWithoutTheException();
        List<String> args = new ArrayList<>(CURRENT);
        if (how.startsWith("--")) {
            args.add(how);
        } else {
            write(lock, read(lock) + "\n[tool.pylock-trust]\nrequire-attestations = [\"halfway\"]\n");
        }
        JsonNode report = failed(lock, args);
        assertThat(report.at("/packages/0/files")).singleElement()
                .satisfies(file -> assertThat(file.path("filename").asText()).isEqualTo(HALFWAY_WHEEL));
        assertThat(PolicyRuns.codes(report)).containsExactly("attestation-required");
        JsonNode f = finding(report, "attestation-required", "halfway");
        assertThat(f.path("message").asText()).isEqualTo("halfway 1.1: attestations are required, but "
                + HALFWAY_WHEEL + " is not attested");
        assertThat(f.path("detail").asText()).startsWith("required by: " + (how.startsWith("--") ? how
                : "[tool.pylock-trust] require-attestations in " + lock) + "\nfound:    no provenance published");
    }

    @Test
    void aNoProvenanceRecordDoesNotExcuseAnUnattestedFileInAnAttestedPackage() {
        Path lock = halfwayWithoutTheException();
        JsonNode report = failed(lock);
        assertThat(PolicyRuns.codes(report)).containsExactly("attestation-missing");
        JsonNode f = finding(report, "attestation-missing", "halfway");
        assertThat(f.path("file").asText()).isEqualTo(HALFWAY_WHEEL);
        assertThat(f.path("message").asText()).isEqualTo("halfway 1.1: " + HALFWAY_WHEEL + " has no attestation, "
                + "but halfway is locked to GitHub acme/halfway (release.yml)");
    }

    @Test
    void aFileAddedWithoutARecordIsInconsistent() {
        Path lock = halfwayWithoutTheException();
        String record = read(lock).lines().filter(l -> l.contains("{ filename = \"" + HALFWAY_WHEEL)).findFirst()
                .orElseThrow();
        write(lock, replaceOnce(read(lock), record + "\n", ""));
        JsonNode report = failed(lock);
        JsonNode f = finding(report, "lock-inconsistent", "halfway");
        assertThat(f.path("message").asText()).isEqualTo("halfway 1.1: " + HALFWAY_WHEEL + " has no record, while "
                + "the package's other files do");
        assertThat(f.path("location").path("line").asInt())
                .isEqualTo(lineOf(lock, s.index.file("halfway", HALFWAY_WHEEL).sha256()));
        assertThat(PolicyRuns.codes(report)).contains("attestation-missing");
    }

    // ---- hole 5: identities removed by hand ----

    @Test
    void identitiesRemovedByHandWhileRecordsSayVerifiedFail() {
        Path lock = runs.locked("pylock.toml", "widget==1.0.0");
        write(lock, replaceOnce(read(lock), identityTable("acme/widget", "release.yml"), ""));
        JsonNode report = failed(lock);
        assertThat(PolicyRuns.codes(report)).containsExactly("lock-inconsistent", "lock-inconsistent");
        JsonNode first = report.path("findings").get(0);
        assertThat(first.path("message").asText()).isEqualTo("widget 1.0.0: " + WIDGET_WHEEL + " is recorded as "
                + "verified, but the package records no attestation-identities");
        assertThat(first.path("location").path("line").asInt()).isEqualTo(lineOf(lock, "{ filename = \""
                + WIDGET_WHEEL));
        assertThat(report.at("/packages/0/status").asText()).isEqualTo("failed");
    }

    // ---- hole 6: sdists and wheels signed by different workflows ----

    @Test
    void whereTheLockShowsTheSplitAWheelSignedByTheSdistWorkflowFails() {
        Path lock = runs.locked("pylock.toml", "split==1.0");
        assertPasses(lock);
        runs.resign("split", "split-1.0-py3-none-any.whl", LockScenario.signer(LockScenario.SPLIT));
        JsonNode f = finding(failed(lock), "identity-changed", "split");
        assertThat(f.path("file").asText()).isEqualTo("split-1.0-py3-none-any.whl");
        assertThat(f.path("message").asText()).endsWith("split-1.0-py3-none-any.whl is signed by GitHub acme/split "
                + "(release.yml) (the same identity, for the other kind of file)");
        assertThat(f.path("detail").asText()).startsWith("expected: wheels signed by GitHub acme/split (wheels.yml) "
                + "(the lock shows sdists and wheels signed by different identities)\n");
    }

    // ---- hole 7: every hash is checked ----

    @Test
    void anAddedSha512IsAnInputErrorAgainstTheIndexAndChecksTheBytesInAWheelhouse() throws Exception {
        TestFile wheel = s.index.file("widget", WIDGET_WHEEL);
        Path lock = runs.locked("pylock.toml", "widget==1.0.0");
        String locked = read(lock);
        write(lock, replaceOnce(locked, "hashes = { sha256 = \"" + wheel.sha256() + "\" }",
                "hashes = { sha256 = \"" + wheel.sha256() + "\", sha512 = \"" + "ab".repeat(64) + "\" }"));

        CliRunner.Result r = runs.verify(lock);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("error: the lock records hashes that cannot be checked:\n  " + lock + ":"
                + lineOf(lock, "[[packages.wheels]]") + ": widget: " + WIDGET_WHEEL + ": sha512\n");

        Path house = Files.createDirectories(dir.resolve("wheelhouse"));
        Files.write(house.resolve(WIDGET_WHEEL), wheel.content());
        List<String> args = new ArrayList<>(CURRENT);
        args.addAll(List.of("--wheelhouse", house.toString()));
        JsonNode report = failed(lock, args);
        assertThat(PolicyRuns.codes(report)).containsExactly("hash-changed");
        String sha512 = sha512(wheel.content());
        assertThat(finding(report, "hash-changed", "widget").path("message").asText()).isEqualTo("widget 1.0.0: the "
                + "lock has sha512 " + "ab".repeat(64) + " for " + WIDGET_WHEEL + ", but " + house + "/"
                + WIDGET_WHEEL + " has " + sha512);

        write(lock, replaceOnce(locked, "hashes = { sha256 = \"" + wheel.sha256() + "\" }",
                "hashes = { sha256 = \"" + wheel.sha256() + "\", sha512 = \"" + sha512 + "\" }"));
        assertPasses(lock, args.toArray(String[]::new));
    }

    private static String sha512(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content));
    }

    // ---- hole 8: markers the target cannot decide select the package ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "platform_release >= \"5\"",
        "platform_version == \"#1 SMP PREEMPT_DYNAMIC\"",
        "python_full_version >= \"3.12.1\"",
    })
    void anUndecidableMarkerSelectsThePackageSoABadAttestationFails(String marker) {
        Path lock = runs.locked("pylock.toml", "widget==1.0.0", "gadget==1.0");
        String text = replaceOnce(read(lock), "name = \"widget\"\nversion = \"1.0.0\"\n",
                "name = \"widget\"\nversion = \"1.0.0\"\nmarker = '" + marker + "'\n");
        write(lock, replaceOnce(text, "name = \"gadget\"\nversion = \"1.0\"\n",
                "name = \"gadget\"\nversion = \"1.0\"\nmarker = 'python_version < \"3\"'\n"));
        runs.resign("widget", WIDGET_WHEEL, LockScenario.signer(LockScenario.EVIL));

        JsonNode report = failed(lock, CURRENT);
        assertThat(PolicyRuns.codes(report)).containsExactly("identity-changed", "marker-undecided");
        JsonNode undecided = finding(report, "marker-undecided", "widget");
        assertThat(undecided.path("severity").asText()).isEqualTo("notice");
        assertThat(undecided.path("message").asText()).isEqualTo("widget 1.0.0: its marker cannot be decided for this "
                + "target, so it was checked");
        assertThat(undecided.path("detail").asText()).startsWith("marker: " + marker + "\n");
        assertThat(report.path("packages")).extracting(p -> p.path("name").asText()).containsExactly("widget");
        assertThat(report.path("skipped")).singleElement().satisfies(p -> {
            assertThat(p.path("name").asText()).isEqualTo("gadget");
            assertThat(p.path("version").asText()).isEqualTo("1.0");
            assertThat(p.path("marker").asText()).isEqualTo("python_version < \"3\"");
        });
    }

    // ---- hole 9: a sha256 edited by hand ----

    @Test
    void aSha256EditedByHandIsAChangedHashAtItsLineNotAnInputError() {
        Path lock = runs.locked("pylock.toml", "widget==1.0.0");
        String real = s.index.file("widget", WIDGET_WHEEL).sha256();
        String other = s.index.file("widget", "widget-3.0.0-py3-none-any.whl").sha256();
        write(lock, replaceOnce(read(lock), "hashes = { sha256 = \"" + real + "\" }",
                "hashes = { sha256 = \"" + other + "\" }"));
        JsonNode report = failed(lock);
        JsonNode f = finding(report, "hash-changed", "widget");
        assertThat(f.path("file").asText()).isEqualTo(WIDGET_WHEEL);
        assertThat(f.path("message").asText()).isEqualTo("widget 1.0.0: the lock has sha256 " + other + " for "
                + WIDGET_WHEEL + ", but it was checked with sha256 " + real + " when it was locked");
        assertThat(f.path("location").path("line").asInt()).isEqualTo(lineOf(lock, "hashes = { sha256 = \"" + other));
    }

    @Test
    void anotherReleasesBytesUnderThisReleasesFilenameAreNotOnTheIndex() {
        // A downgrade hidden in a lock edit: the entry still says widget 1.0.0, but its hash (and record) and url now
        // name the bytes of widget 2.0.0, which the same publisher signed. The attestation is about that filename.
        Path lock = runs.locked("pylock.toml", "widget==1.0.0");
        String real = s.index.file("widget", WIDGET_WHEEL).sha256();
        String other = s.index.file("widget", "widget-2.0.0-py3-none-any.whl").sha256();
        String text = read(lock).replace(real, other);
        text = text.replace("/" + WIDGET_WHEEL + "\"", "/widget-2.0.0-py3-none-any.whl\"");
        write(lock, text);
        JsonNode f = finding(failed(lock), "not-on-index", "widget");
        assertThat(f.path("file").asText()).isEqualTo(WIDGET_WHEEL);
        assertThat(f.path("detail").asText()).contains("lists sha256 " + other + " as widget-2.0.0-py3-none-any.whl, "
                + "but the lockfile names it " + WIDGET_WHEEL);
    }
}
