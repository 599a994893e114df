package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.TestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pylock-trust verify} end to end, in-process, against the loopback index and the test Sigstore. */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WIDGET_WHEEL = "widget-1.0.0-py3-none-any.whl";

    @TempDir
    Path tmp;

    VerifyWorld world;

    @BeforeEach
    void setUp() throws Exception {
        world = VerifyWorld.start(tmp);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static String withoutTime(String s) {
        return s.replaceAll(" in \\d+\\.\\d s", " in T s");
    }

    @Test
    void allPassIsOneSummaryLine() {
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(withoutTime(r.stdout())).isEqualTo(
                "verified 9 files of 3 packages: 2 packages attested (identities match), 1 package unattested, 0 failures in T s\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void quietPrintsNothingWhenAllPass() {
        var r = world.verify("-q");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void lockFileWarningsAreShownButDoNotFailAndQuietHidesThem() throws Exception {
        Files.writeString(world.lock, Files.readString(world.lock).replace("lock-version = \"1.0\"",
                "lock-version = \"1.1\""));
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("warning[lockfile-warning]: " + world.lock + ":4: lock-version: "
                + "lock-version 1.1 is newer than 1.0; keys this version does not know are kept but not checked\n"
                + "  --> " + world.lock + ":4\n\nverified 9 files");
        assertThat(world.verify("-q").stdout()).isEmpty();
    }

    @Test
    void identityChangedOnTheIndexFailsWithAnAnnotationOnThePackageLine() {
        TestFile wheel = world.file("widget", WIDGET_WHEEL);
        // The same file, re-signed by another repository: its provenance verifies, but for the wrong publisher.
        world.change("widget", WIDGET_WHEEL, f -> f.withProvenance(world.provenanceBy(VerifyWorld.EVIL, wheel)));

        var text = world.verify();
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
        int line = world.lineOf("widget");
        assertThat(withoutTime(text.stdout())).startsWith(
                "error[identity-changed]: widget 1.0.0: publisher identity changed: locked GitHub acme/widget "
                        + "(release.yml), but " + WIDGET_WHEEL + " is signed by GitHub evil/widget (release.yml) "
                        + "(repository acme/widget -> evil/widget)\n"
                        + "  --> " + world.lock + ":" + line + "\n"
                        + "  expected: GitHub acme/widget (release.yml)\n"
                        + "  found:    GitHub evil/widget (release.yml)\n")
                .contains("  hint: if you trust the new publisher, run pylock-trust lock --accept-identity-change "
                        + "widget --reason \"<why>\"; the approval is recorded in the lock for review; otherwise do "
                        + "not install it\n")
                .endsWith("verification FAILED: checked 9 files of 3 packages: 1 package attested "
                        + "(identities match), 1 package unattested, 1 failure in T s\n");

        var github = world.verify("--format", "github");
        assertThat(github.exitCode()).isEqualTo(1);
        List<String> lines = github.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("::error file=" + world.lock.toString().replace(":", "%3A") + ",line="
                + line + ",title=pylock-trust verify%3A identity-changed (widget)::widget 1.0.0: publisher identity "
                + "changed: locked GitHub acme/widget (release.yml), but " + WIDGET_WHEEL + " is signed by GitHub "
                + "evil/widget (release.yml) (repository acme/widget -> evil/widget)%0A"
                + "expected: GitHub acme/widget (release.yml)%0Afound:    GitHub evil/widget");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("verification FAILED:");
    }

    @Test
    void theAnnotationLineIsThePackagesLineInTheFile() throws Exception {
        List<String> text = Files.readAllLines(world.lock);
        int line = world.lineOf("widget");
        assertThat(text.get(line - 1)).isEqualTo("[[packages]]");
        assertThat(text.get(line)).isEqualTo("name = \"widget\"");
    }

    @Test
    void provenanceRemovedFails() {
        world.change("widget", WIDGET_WHEEL, f -> f.withProvenance(null));
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[attestation-missing]: widget 1.0.0: " + WIDGET_WHEEL + " has no "
                + "attestation, but widget is locked to GitHub acme/widget (release.yml)\n")
                .contains("  expected: attested by GitHub acme/widget (release.yml)\n  found:    no provenance "
                        + "published (");
    }

    @Test
    void aNoProvenanceRecordDoesNotExcuseAMissingAttestation() {
        TestFile wheel = world.file("widget", WIDGET_WHEEL);
        world.change("widget", WIDGET_WHEEL, f -> f.withProvenance(null));
        var model = world.lockModel(TrustPolicy.EMPTY);
        var packages = new ArrayList<>(model.packages());
        for (int i = 0; i < packages.size(); i++) {
            var p = packages.get(i);
            if (p.name().equals("widget")) {
                // As a hand edit would write it: the wheel recorded as never attested, the sdist as verified.
                TestFile sdist = world.file("widget", "widget-1.0.0.tar.gz");
                packages.set(i, p.withAttestations(p.attestationIdentities(), List.of(
                        dev.pylocktrust.lock.FileAttestationRecord.noProvenance(WIDGET_WHEEL, wheel.sha256()),
                        new dev.pylocktrust.lock.FileAttestationRecord(sdist.filename(), sdist.sha256(),
                                dev.pylocktrust.lock.FileAttestationRecord.Status.VERIFIED, java.util.OptionalLong.of(1),
                                Optional.empty(), Optional.empty(), Optional.empty(), java.util.OptionalInt.of(1)))));
            }
        }
        world.writeLock(model.withPackages(packages));
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[attestation-missing]: widget 1.0.0: " + WIDGET_WHEEL + " has no "
                + "attestation, but widget is locked to GitHub acme/widget (release.yml)\n");
        // Only the lock's reviewed policy allows it, with a warning.
        world.writeLock(model.withPackages(packages).withPolicy(new TrustPolicy(new TreeSet<>(),
                new TreeSet<>(List.of("widget")), List.of())));
        var allowed = world.verify();
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.stdout()).contains("warning[attestation-missing-allowed]: widget 1.0.0: " + WIDGET_WHEEL
                + " has no attestation although widget is locked to GitHub acme/widget (release.yml)\n");
    }

    @Test
    void provenanceOfAnotherFileFails() {
        TestFile sdist = world.file("widget", "widget-1.0.0.tar.gz");
        world.change("widget", WIDGET_WHEEL, f -> f.withProvenance(sdist.provenance()));
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[attestation-invalid]: widget 1.0.0: " + WIDGET_WHEEL
                + " has provenance that does not verify\n");
    }

    @Test
    void aFileNoLongerOnTheIndexFails() {
        var model = world.lockModel(TrustPolicy.EMPTY);
        // Lock a different sha256 for the wheel: the index lists no such file.
        var packages = new ArrayList<>(model.packages());
        for (int i = 0; i < packages.size(); i++) {
            var p = packages.get(i);
            if (p.name().equals("widget")) {
                var w = p.wheels().get(0);
                var hashes = new java.util.TreeMap<>(w.hashes());
                hashes.put("sha256", "0".repeat(64));
                packages.set(i, new dev.pylocktrust.lock.LockedPackage(p.name(), p.version(), p.marker(),
                        p.requiresPython(), p.index(), p.dependencies(), p.sdist(), List.of(new dev.pylocktrust.lock
                        .LockedFile(w.name(), w.url(), w.path(), w.size(), w.uploadTime(), hashes, w.extra())),
                        p.vcs(), p.directory(), p.archive(), p.attestationIdentities(), p.tool(),
                        p.attestationRecords(), p.extra()));
            }
        }
        world.writeLock(model.withPackages(packages));
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[not-on-index]: widget 1.0.0: " + WIDGET_WHEEL + " is not on the index "
                + "with sha256 " + "0".repeat(64) + "\n");
    }

    @Test
    void indexDownIsExit3() {
        world.server.faults().status("/simple/", 503, Faults.FOREVER);
        var r = world.verify("--format", "github");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).startsWith("error: ");
        assertThat(r.stdout()).startsWith("::error title=pylock-trust verify::");
    }

    @Test
    void offlineWithAWarmCachePassesWithoutAnyRequest() {
        assertThat(world.verify().exitCode()).isZero();
        world.server.clearRequests();
        var r = world.verify("--offline", "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(world.server.requests()).isEmpty();
        assertThat(r.stdout()).contains("\"requests\" : 0").contains("\"offline\" : true");
    }

    @Test
    void offlineWithAColdCacheFailsWithNotInCache() {
        var r = world.verify("--offline");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).contains("is not in the cache").contains("hint: run once online");
        assertThat(world.server.requests()).isEmpty();
    }

    @Test
    void offlineWithProvenanceMissingFromTheCacheNamesEachFile() {
        // Warm the pages and one file per package, then ask offline for all files.
        assertThat(world.verify("--environment", "current", "--python-version", "3.12", "--platform",
                "manylinux_2_28_x86_64").exitCode()).isZero();
        world.server.clearRequests();
        var r = world.verify("--offline");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).contains("error[not-in-cache]: widget 1.0.0: widget-1.0.0.tar.gz is not in cache: "
                + "nothing was checked\n").contains("verification INCOMPLETE: checked 9 files of 3 packages");
        assertThat(world.server.requests()).isEmpty();
    }

    @Test
    void environmentCurrentPicksTheWheelAnInstallerWould() throws Exception {
        record Case(String platform, String expected) {}
        for (Case c : List.of(
                new Case("manylinux_2_28_x86_64", "gadget-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
                new Case("macosx_14_0_arm64", "gadget-2.0-cp312-cp312-macosx_11_0_arm64.whl"),
                new Case("win_amd64", "gadget-2.0-cp312-cp312-win_amd64.whl"),
                new Case("musllinux_1_2_aarch64", "gadget-2.0-py3-none-any.whl"),
                new Case("macosx_10_9_x86_64", "gadget-2.0-py3-none-any.whl"))) {
            var r = world.verify("--environment", "current", "--python-version", "3.12", "--platform", c.platform,
                    "--format", "json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode gadget = packageNamed(JSON.readTree(r.stdout()), "gadget");
            assertThat(gadget.path("files")).as(c.platform).hasSize(1);
            assertThat(gadget.path("files").get(0).path("filename").asText()).as(c.platform).isEqualTo(c.expected);
            assertThat(gadget.path("files").get(0).path("status").asText()).isEqualTo("attested");
        }
    }

    @Test
    void environmentCurrentNeedsATarget() {
        var r = world.verify("--environment", "current", "--python-version", "3.12");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --environment current needs --python-version and --platform\n");
        var r2 = world.verify("--platform", "win_amd64");
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.stderr()).startsWith("error: --python-version, --platform, --extra and --group select files "
                + "only with --environment current\n");
        var r3 = world.verify("--environment", "current", "--python-version", "2.7", "--platform", "win_amd64");
        assertThat(r3.exitCode()).isEqualTo(2);
        assertThat(r3.stderr()).startsWith("error: invalid --python-version or --platform: ");
    }

    @Test
    void requireAttestationsTurnsUnattestedIntoFailures() {
        var r = world.verify("--require-attestations");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[attestation-required]: plain 3.1: attestations are required, but "
                + "plain-3.1-py3-none-any.whl has none\n")
                .contains("  required by: --require-attestations\n");

        // allow-unattested in the lock's policy exempts it explicitly.
        world.writeLock(new TrustPolicy(new TreeSet<>(), new TreeSet<>(List.of("plain")), List.of()));
        assertThat(world.verify("--require-attestations").exitCode()).isZero();

        // require-attestations in the lock's policy needs no flag.
        world.writeLock(new TrustPolicy(new TreeSet<>(List.of("plain")), new TreeSet<>(), List.of()));
        var r3 = world.verify();
        assertThat(r3.exitCode()).isEqualTo(1);
        assertThat(r3.stdout()).contains("  required by: [tool.pylock-trust] require-attestations in "
                + world.lock + "\n");
    }

    @Test
    void wheelhouseWithTheSelectedFilesPassesAndATamperedOrExtraFileFails() throws Exception {
        Path house = Files.createDirectories(tmp.resolve("wheels"));
        String[] current = {"--environment", "current", "--python-version", "3.12", "--platform",
                "macosx_14_0_arm64", "--wheelhouse", house.toString()};
        for (String[] f : new String[][] {{"widget", WIDGET_WHEEL}, {"plain", "plain-3.1-py3-none-any.whl"},
                {"gadget", "gadget-2.0-cp312-cp312-macosx_11_0_arm64.whl"}}) {
            Files.write(house.resolve(f[1]), world.file(f[0], f[1]).content());
        }
        Files.writeString(house.resolve("README.txt"), "not a distribution");
        var ok = world.verify(current);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();

        Path extra = house.resolve("evil-6.6.6-py3-none-any.whl");
        Files.writeString(extra, "surprise");
        var withExtra = world.verify(current);
        assertThat(withExtra.exitCode()).as(withExtra.toString()).isEqualTo(1);
        assertThat(withExtra.stdout()).contains("error[wheelhouse-unexpected-file]: " + house
                + "/evil-6.6.6-py3-none-any.whl is in the wheelhouse but is not a file selected from the lock file\n");
        Files.delete(extra);

        Files.write(house.resolve(WIDGET_WHEEL), "tampered".getBytes(StandardCharsets.UTF_8));
        var tampered = world.verify(current);
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.stdout()).contains("error[wheelhouse-hash-mismatch]: widget 1.0.0: " + house + "/"
                + WIDGET_WHEEL + " is not the locked file: its content differs\n")
                .contains("  expected: sha256 " + world.file("widget", WIDGET_WHEEL).sha256());
        Files.delete(house.resolve(WIDGET_WHEEL));

        var missing = world.verify(current);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stdout()).contains("error[wheelhouse-missing]: widget 1.0.0: " + WIDGET_WHEEL
                + " is not in the wheelhouse " + house + "\n");
    }

    @Test
    void pipReportWithAPackageMissingFromTheLockFails() throws Exception {
        TestFile widget = world.file("widget", WIDGET_WHEEL);
        Path report = tmp.resolve("report.json");
        Files.writeString(report, """
                {"version": "1", "pip_version": "25.1", "install": [
                  {"download_info": {"url": "https://files.example/widget/%s",
                     "archive_info": {"hash": "sha256=%s", "hashes": {"sha256": "%s"}}},
                   "is_direct": false, "requested": true, "metadata": {"name": "Widget", "version": "1.0"}},
                  {"download_info": {"url": "https://files.example/left-pad/left_pad-1.3.0-py3-none-any.whl",
                     "archive_info": {"hashes": {"sha256": "%s"}}},
                   "is_direct": false, "requested": false, "metadata": {"name": "left_pad", "version": "1.3.0"}}
                ], "environment": {}}
                """.formatted(WIDGET_WHEEL, widget.sha256(), widget.sha256(), "e".repeat(64)));
        var r = world.verify("--pip-report", report.toString(), "--environment", "current", "--python-version",
                "3.12", "--platform", "win_amd64");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[pip-report-not-locked]: pip would install left_pad 1.3.0, which the "
                + "lock file does not contain\n");
        assertThat(r.stdout()).doesNotContain("error[pip-report-hash-mismatch]");
    }

    @Test
    void pipReportFilesAreCheckedLikeSelectedFiles() throws Exception {
        // pip picks the sdist, which --environment current would not select; it is checked all the same.
        TestFile sdist = world.file("widget", "widget-1.0.0.tar.gz");
        world.change("widget", sdist.filename(), f -> f.withProvenance(world.provenanceBy(VerifyWorld.EVIL, sdist)));
        Path report = tmp.resolve("report.json");
        Files.writeString(report, """
                {"version": "1", "install": [{"download_info": {"url": "https://files.example/x/%s",
                   "archive_info": {"hashes": {"sha256": "%s"}}}, "metadata": {"name": "widget", "version": "1.0.0"}}]}
                """.formatted(sdist.filename(), sdist.sha256()));
        var r = world.verify("--pip-report", report.toString(), "--environment", "current", "--python-version",
                "3.12", "--platform", "win_amd64");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("error[identity-changed]: widget 1.0.0: publisher identity changed: locked "
                + "GitHub acme/widget (release.yml), but widget-1.0.0.tar.gz is signed by GitHub evil/widget");
    }

    @Test
    void githubFormatAppendsAStepSummary() throws Exception {
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        world.change("widget", WIDGET_WHEEL, f -> f.withProvenance(null));
        var r = world.verify("--format", "github", "--step-summary", summary.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n### pylock-trust verify: :x: failed\n")
                .contains("| attestation-missing | widget ");
    }

    @Test
    void aMissingLockFileIsAUsageError() {
        var r = CliRunner.run("verify", tmp.resolve("nope/pylock.toml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + tmp.resolve("nope/pylock.toml") + ": no such file\n");
    }

    @Test
    void aMalformedLockedIdentityIsAUsageErrorWithItsLine() throws Exception {
        String text = Files.readString(world.lock).replace("workflow = \"release.yml\"\n", "");
        Files.writeString(world.lock, text);
        var r = world.verify();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).containsPattern("error: .*pylock\\.toml:\\d+: packages\\[\\d\\]"
                + "\\.attestation-identities\\[0\\]: package widget: not a usable publisher identity: missing");
    }

    static JsonNode packageNamed(JsonNode report, String name) {
        for (JsonNode p : report.path("packages")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no package " + name + " in " + report);
    }
}
