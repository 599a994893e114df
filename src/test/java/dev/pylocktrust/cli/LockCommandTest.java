package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.testkit.GitHubIdentity;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pylock-trust lock} end to end, in-process, against a loopback index whose files carry real test-Sigstore
 * attestations: the scenarios, each asserting the exit code, what the user reads, and the bytes on disk.
 */
class LockCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static LockScenario s;
    private Path out;

    @BeforeAll
    static void start() throws IOException {
        s = new LockScenario(shared);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @BeforeEach
    void reset() {
        s.server.serve(s.index);
        s.server.faults().clear();
        s.server.clearRequests();
        out = dir.resolve("pylock.toml");
    }

    private static Lockfile read(Path p) {
        return new LockfileReader().read(p).lockfile();
    }

    private static LockedPackage pkg(Lockfile l, String name) {
        return l.packagesNamed(name).get(0);
    }

    private static Map<String, Object> identity(LockedPackage p) {
        assertThat(p.attestationIdentities()).hasSize(1);
        return p.attestationIdentities().get(0).fields().toMap();
    }

    private static void assertSuccess(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).doesNotContain("error:");
    }

    private void assertOnlyTheLockIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    @Test
    void firstLockRecordsFilesAndVerifiedIdentities() throws IOException {
        CliRunner.Result r = s.lock(out, "widget==1.0.0", "plain==1.0", "gadget==1.0");
        assertSuccess(r);
        Lockfile lock = read(out);
        assertThat(lock.packages()).extracting(LockedPackage::name).containsExactly("gadget", "plain", "widget");
        LockedPackage widget = pkg(lock, "widget");
        assertThat(identity(widget)).isEqualTo(Map.of("kind", "GitHub", "repository", "acme/widget",
                "workflow", "release.yml"));
        assertThat(widget.requiresPython()).contains(">=3.9");
        assertThat(widget.index()).contains(s.server.simpleUrl());
        assertThat(widget.sdist().orElseThrow().filename()).isEqualTo("widget-1.0.0.tar.gz");
        assertThat(widget.wheels()).singleElement().satisfies(w -> {
            TestFile f = s.index.file("widget", "widget-1.0.0-py3-none-any.whl");
            assertThat(w.name()).contains(f.filename());
            assertThat(w.sha256()).contains(f.sha256());
            assertThat(w.size()).hasValue(f.content().length);
            assertThat(w.uploadTime()).contains(f.uploadTime());
            assertThat(w.url().orElseThrow()).startsWith("http://" + s.server.host());
        });
        assertThat(widget.attestationRecords()).hasSize(2).allSatisfy(rec -> {
            assertThat(rec.status()).isEqualTo(FileAttestationRecord.Status.VERIFIED);
            assertThat(rec.logIndex()).isPresent();
            assertThat(rec.integratedTime()).isPresent();
            assertThat(rec.repositoryId()).contains(TestIdentity.github("acme/widget", "release.yml").repositoryId());
            assertThat(rec.repositoryOwnerId()).contains(TestIdentity.github("acme/widget", "x").ownerId());
        });
        assertThat(pkg(lock, "plain").attestationIdentities()).isEmpty();
        assertThat(pkg(lock, "plain").attestationRecords()).extracting(FileAttestationRecord::status)
                .containsOnly(FileAttestationRecord.Status.NO_PROVENANCE);
        assertThat(identity(pkg(lock, "gadget"))).containsEntry("kind", "GitLab")
                .containsEntry("workflow_filepath", ".gitlab-ci.yml");
        assertThat(lock.policy().isEmpty()).isTrue();

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# This file was generated by pylock-trust; do not edit it by hand.\n"
                + "# To regenerate it, run:\n#    pylock-trust lock widget==1.0.0 plain==1.0 gadget==1.0 --no-deps "
                + "--index-url " + s.server.simpleUrl() + " --trusted-host " + s.server.host() + " --trusted-root "
                + s.trustedRoot + " -o " + out + "\n");
        assertThat(r.stdout()).contains("widget 1.0.0  (new)\n  files:     2 (2 attested)\n"
                        + "  identity:  GitHub acme/widget (release.yml)  [first use: recorded]\n")
                .contains("plain 1.0  (new)\n  files:     2 (2 without provenance)\n  identity:  none  [not attested]\n")
                .endsWith("wrote " + out + ": 3 packages, 2 with verified publisher identities\n");
    }

    @Test
    void relockingUnchangedGivesTheSameBytes() throws IOException {
        assertSuccess(s.lock(out, "widget==1.0.0", "plain==1.0", "gadget==1.0"));
        byte[] first = Files.readAllBytes(out);
        CliRunner.Result again = s.lock(out, "widget==1.0.0", "plain==1.0", "gadget==1.0");
        assertSuccess(again);
        assertThat(Files.readAllBytes(out)).isEqualTo(first);
        assertThat(again.stdout()).contains("widget 1.0.0  (unchanged)\n").contains("[unchanged]");
    }

    @Test
    void anUpgradeSignedByTheSameIdentityIsAccepted() {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        CliRunner.Result r = s.lock(out, "widget==2.0.0");
        assertSuccess(r);
        assertThat(r.stdout()).contains("widget 2.0.0  (upgraded from 1.0.0)\n  files:     2 (2 attested)\n"
                + "  identity:  GitHub acme/widget (release.yml)  [unchanged]\n");
        assertThat(pkg(read(out), "widget").version()).contains("2.0.0");
        assertThat(identity(pkg(read(out), "widget"))).containsEntry("repository", "acme/widget");
    }

    @Test
    void anUpgradeSignedByAnotherRepositoryIsRefusedAndTheLockIsUntouched() throws IOException {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        byte[] before = Files.readAllBytes(out);
        int line = Files.readAllLines(out).indexOf("[[packages]]") + 1;
        GitHubIdentity acme = TestIdentity.github("acme/widget", "release.yml");
        GitHubIdentity evil = TestIdentity.github("evil/widget", "release.yml");

        CliRunner.Result r = s.lock(out, "widget==3.0.0");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: " + out + ":" + line + ": widget 3.0.0: publisher identity changed: "
                + "locked GitHub acme/widget (release.yml), but widget-3.0.0.tar.gz, widget-3.0.0-py3-none-any.whl are "
                + "signed by GitHub evil/widget (release.yml) (repository acme/widget -> evil/widget)\n"
                + "  expected: GitHub acme/widget (release.yml)\n"
                + "  found:    GitHub evil/widget (release.yml)\n"
                + "  signed claims: different signed repository id " + evil.repositoryId() + " (locked: "
                + acme.repositoryId() + ") and owner id " + evil.ownerId() + " (locked: " + acme.ownerId() + "): a "
                + "different repository in another account\n"
                + "hint: if you trust the new publisher, run pylock-trust lock --accept-identity-change widget "
                + "--reason \"<why>\"; the approval is recorded in the lock for review; otherwise do not install it\n"
                + "error: lock refused: 1 trust failure; " + out + " was left unchanged\n");
        assertThat(r.stdout()).contains("widget 3.0.0  (upgraded from 1.0.0)\n  files:     2 (2 attested)\n"
                + "  identity:  GitHub evil/widget (release.yml)  [REFUSED]\n")
                .endsWith("refused: 1 trust failure; nothing was written\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        assertOnlyTheLockIn(dir);
    }

    @Test
    void aRenamedRepositoryIsExplainedByTheSignedRepositoryId() {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        GitHubIdentity acme = TestIdentity.github("acme/widget", "release.yml");
        CliRunner.Result r = s.lock(out, "widget==4.0.0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("are signed by GitHub acme/widget-ng (release.yml) (repository acme/widget -> "
                + "acme/widget-ng)\n  expected: GitHub acme/widget (release.yml)\n  found:    GitHub acme/widget-ng "
                + "(release.yml)\n  signed claims: same signed repository id " + acme.repositoryId() + " and owner id "
                + acme.ownerId() + ": the repository was renamed\n");
    }

    @Test
    void aNewEnvironmentIsAnIdentityChange() {
        assertSuccess(s.lock(out, "widget==2.0.0"));
        CliRunner.Result r = s.lock(out, "widget==5.0.0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("signed by GitHub acme/widget (release.yml, environment pypi) (environment "
                + "(none) -> pypi)");
    }

    @Test
    void anAcceptedIdentityChangeReplacesTheIdentityAndIsRecordedForReview() throws IOException {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        CliRunner.Result r = s.lock(out, "widget==3.0.0", "--accept-identity-change", "Widget", "--reason",
                "moved to the evil org, confirmed in issue #7");
        assertSuccess(r);
        assertThat(r.stderr()).startsWith("warning: identity change accepted for widget: GitHub acme/widget "
                + "(release.yml) -> GitHub evil/widget (release.yml)\n  signed claims: different signed repository id");
        Lockfile lock = read(out);
        assertThat(identity(pkg(lock, "widget"))).containsEntry("repository", "evil/widget");
        assertThat(lock.policy().approvedIdentityChanges()).singleElement().satisfies(a -> {
            assertThat(a.packageName()).isEqualTo("widget");
            assertThat(a.from().get("repository")).contains("acme/widget");
            assertThat(a.to().get("repository")).contains("evil/widget");
            assertThat(a.reason()).isEqualTo("moved to the evil org, confirmed in issue #7");
            assertThat(a.date()).isEqualTo(java.time.LocalDate.of(2026, 11, 1));
        });
        assertThat(Files.readString(out)).contains("\n[[tool.pylock-trust.approved-identity-changes]]\n"
                + "package = \"widget\"\n"
                + "from = { kind = \"GitHub\", repository = \"acme/widget\", workflow = \"release.yml\" }\n"
                + "to = { kind = \"GitHub\", repository = \"evil/widget\", workflow = \"release.yml\" }\n"
                + "reason = \"moved to the evil org, confirmed in issue #7\"\n"
                + "date = 2026-11-01\n");
        assertThat(r.stdout()).contains("[CHANGED: approved and recorded]");

        // The new identity is now the anchor, and the approval stays in the file.
        byte[] accepted = Files.readAllBytes(out);
        CliRunner.Result again = s.lock(out, "widget==3.0.0");
        assertSuccess(again);
        assertThat(again.stderr()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(new String(accepted, StandardCharsets.UTF_8)
                .replace(" --accept-identity-change Widget --reason 'moved to the evil org, confirmed in issue #7'",
                        ""));
        assertThat(s.lock(out, "widget==2.0.0").exitCode()).as("going back to the old identity is a change too")
                .isEqualTo(1);
    }

    @Test
    void attestationsThatDisappearAreRefused() throws IOException {
        assertSuccess(s.lock(out, "widget==2.0.0"));
        byte[] before = Files.readAllBytes(out);
        TestIndex stripped = s.index
                .withFile("widget", "widget-2.0.0-py3-none-any.whl", f -> f.withProvenance(null))
                .withFile("widget", "widget-2.0.0.tar.gz", f -> f.withProvenance(null));
        s.server.serve(stripped);
        CliRunner.Result r = s.lock(out, "widget==2.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains(": widget 2.0.0: widget-2.0.0.tar.gz, widget-2.0.0-py3-none-any.whl have no "
                        + "attestation, but widget is locked to GitHub acme/widget (release.yml)\n")
                .contains("if the publisher really does not attest it, add \"widget\" to allow-unattested");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }

    @Test
    void theSameFileWithAnotherHashIsRefused() throws Exception {
        assertSuccess(s.lock(out, "widget==2.0.0"));
        byte[] before = Files.readAllBytes(out);
        String wheel = "widget-2.0.0-py3-none-any.whl";
        TestFile old = s.index.file("widget", wheel);
        byte[] content = "other bytes under the same name\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        // Genuinely attested by the locked identity: only the changed bytes are wrong.
        byte[] provenance = s.minter.provenanceFor(wheel, sha, LockScenario.ACME);
        s.server.serve(s.index.withFile("widget", wheel, f -> new TestFile(f.project(), f.version(), wheel, content,
                sha, f.metadata(), f.metadataSha256(), provenance, f.requiresPython(), f.yanked(), f.uploadTime())));

        CliRunner.Result r = s.lock(out, "widget==2.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains(": " + wheel + " has sha256 " + sha + " on the index, but the lock has "
                + old.sha256() + " for the same file\n  the index served different bytes");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }

    @Test
    void provenanceThatDoesNotVerifyIsRefused() {
        String wheel = "widget-1.0.0-py3-none-any.whl";
        TestFile sdist = s.index.file("widget", "widget-1.0.0.tar.gz");
        s.server.serve(s.index.withFile("widget", wheel, f -> f.withProvenance(sdist.provenance())));
        CliRunner.Result r = s.lock(out, "widget==1.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: widget 1.0.0: " + wheel + " has provenance that does not verify\n"
                + "  expected: valid attestations (no identity is locked)\n"
                + "  found:    subject is another distribution: the statement's subject is widget-1.0.0.tar.gz, but "
                + "the distribution is " + wheel);
        assertThat(out).doesNotExist();
    }

    @Test
    void aPublisherTheCertificateDoesNotCertifyIsRefused() {
        String wheel = "widget-1.0.0-py3-none-any.whl";
        TestFile f = s.index.file("widget", wheel);
        var minted = s.sigstore.mint(MintRequest.of(wheel, f.sha256(), TestIdentity.github("evil/widget",
                "release.yml")));
        byte[] lying = TestSigstore.provenanceAsserting(Map.of("kind", "GitHub", "repository", "acme/widget",
                "workflow", "release.yml"), minted);
        s.server.serve(s.index.withFile("widget", wheel, x -> x.withProvenance(lying)));
        CliRunner.Result r = s.lock(out, "widget==1.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("does not verify\n  expected: valid attestations (no identity is locked)\n"
                + "  found:    signer is not the asserted publisher");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPackageGainingAttestationsIsRecordedAndReported() {
        assertSuccess(s.lock(out, "plain==1.0"));
        CliRunner.Result r = s.lock(out, "plain==2.0");
        assertSuccess(r);
        assertThat(r.stdout()).contains("plain 2.0  (upgraded from 1.0)\n  files:     2 (2 attested)\n"
                + "  identity:  GitHub acme/plain (release.yml)  [attestations gained: recorded]\n");
        assertThat(identity(pkg(read(out), "plain"))).containsEntry("repository", "acme/plain");
    }

    @Test
    void hashOptionsRestrictTheFilesAndMustMatchTheIndex() throws IOException {
        TestFile wheel = s.index.file("widget", "widget-1.0.0-py3-none-any.whl");
        Path req = Files.writeString(dir.resolve("requirements.txt"), "# pinned\nwidget==1.0.0 \\\n    --hash=sha256:"
                + wheel.sha256() + "\n");
        assertSuccess(s.lock(out, "-r", req.toString()));
        assertThat(pkg(read(out), "widget").files()).extracting(f -> f.filename())
                .containsExactly(wheel.filename());

        String wrong = "0".repeat(64);
        Files.writeString(req, "# pinned\nwidget==1.0.0 \\\n    --hash=sha256:" + wrong + "\n");
        byte[] before = Files.readAllBytes(out);
        CliRunner.Result r = s.lock(out, "-r", req.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: " + req + ":2: --hash=sha256:" + wrong + " matches no file of "
                + "widget 1.0.0 on the index (" + s.server.simpleUrl() + ")\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }

    @Test
    void malformedRequirementsAreUsageErrorsWithFileAndLine() throws IOException {
        Path req = Files.writeString(dir.resolve("requirements.txt"), "widget==1.0.0\n\n-e ./src\n");
        CliRunner.Result r = s.lock(out, "-r", req.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + req + ":3: editable requirements (-e) cannot be locked\n");
        Files.writeString(req, "widget==1.0.0\nplain>=1.0\n");
        CliRunner.Result notPinned = s.lock(out, "-r", req.toString());
        assertThat(notPinned.exitCode()).isEqualTo(2);
        assertThat(notPinned.stderr()).startsWith("error: " + req + ":2: plain has '>=1.0', not an exact pin "
                + "(plain==VERSION)\n");
        assertThat(out).doesNotExist();
        assertThat(s.server.requests()).as("input errors are found before any request").isEmpty();
    }

    @Test
    void anUnknownVersionNamesTheRequirement() {
        CliRunner.Result r = s.lock(out, "widget==9.9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: command-line requirement 1: the index has no files of widget 9.9 ("
                + s.server.simpleUrl() + ")\nhint: versions on the index include: 1.0.0, 2.0.0, 3.0.0, 4.0.0, 5.0.0\n");
    }

    @Test
    void malformedTomlInTheExistingLockIsAUsageErrorWithFileAndLine() throws IOException {
        String broken = "lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = [\n  { name = \n";
        Files.writeString(out, broken);
        CliRunner.Result r = s.lock(out, "widget==1.0.0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: " + out + ":4: invalid TOML")
                .contains("\nhint: " + out + " exists, so it was read as the earlier lock (its identities are the "
                        + "anchor)\n")
                .contains("\nhint: if it is the earlier lock, restore it (e.g. git checkout " + out + ") or name a "
                        + "good copy with --previous FILE; if it is not a lock file, remove it or write elsewhere "
                        + "with -o FILE\n");
        assertThat(Files.readString(out)).isEqualTo(broken);

        Path input = Files.writeString(dir.resolve("pylock.uv.toml"), "lock-version = \"1.0\"\ncreated-by = \"uv\"\n"
                + "[[packages]]\nname = \"Widget\"\nversion = \"1.0.0\"\n");
        CliRunner.Result from = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, Stream.concat(Stream.of("lock",
                "--from-lock", input.toString(), "-o", dir.resolve("pylock.new.toml").toString()),
                s.indexArgs().stream()).toArray(String[]::new));
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.stderr()).startsWith("error: " + input + ":4: packages[0].name: package name 'Widget' is not "
                + "normalized");
    }

    @Test
    void withoutNoDepsAnExactPinResolvesToTheSamePackageEntry() {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        LockedPackage pinned = pkg(read(out), "widget");
        Path resolvedOut = dir.resolve("pylock.resolved.toml");
        List<String> args = new ArrayList<>(List.of("lock", "widget==1.0.0", "-o", resolvedOut.toString()));
        args.addAll(s.indexArgs());
        assertSuccess(LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new)));
        Lockfile resolved = read(resolvedOut);
        assertThat(pkg(resolved, "widget")).isEqualTo(pinned);
        assertThat(resolved.environments()).isPresent();
        assertThat(read(out).environments()).isEmpty();
    }

    @Test
    void argumentErrorsAreUsageErrors() {
        assertThat(s.lock(dir.resolve("lock.toml"), "widget==1.0.0").stderr())
                .startsWith("error: cannot write '" + dir.resolve("lock.toml") + "': a PEP 751 lock file must be named");
        CliRunner.Result unknown = s.lock(out, "widget==1.0.0", "--accept-identity-change", "gadget", "--reason", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("error: --accept-identity-change gadget: gadget is not among the "
                + "packages being locked\n");
        CliRunner.Result noReason = s.lock(out, "widget==1.0.0", "--accept-identity-change", "widget");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.stderr()).contains("--reason");
        CliRunner.Result both = s.lock(out, "widget==1.0.0", "--from-lock", out.toString());
        assertThat(both.stderr()).startsWith("error: --from-lock cannot be combined with requirements\n");
        assertThat(LockScenario.run(AtomicFileWriter.Ops.DEFAULT, "lock", "--no-deps").stderr())
                .startsWith("error: nothing to lock: give requirements, -r FILE (a requirements file or a pyproject.toml), "
                        + "or --from-lock FILE\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownProjectIsAnInputErrorAndNothingIsWritten() {
        CliRunner.Result r = s.lock(out, "widget==1.0.0", "nosuchproject==1.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("error: project 'nosuchproject' was not found on the index (")
                .contains("hint: check the spelling and --index-url");
        assertThat(out).doesNotExist();
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldLockIntact() throws IOException {
        assertSuccess(s.lock(out, "widget==1.0.0"));
        byte[] before = Files.readAllBytes(out);
        AtomicFileWriter.Ops dying = new AtomicFileWriter.Ops() {
            @Override
            public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
                channel.write(bytes.slice(0, bytes.remaining() / 2));
                throw new IOException("No space left on device (simulated)");
            }

            @Override
            public void force(FileChannel channel) throws IOException {
                AtomicFileWriter.Ops.DEFAULT.force(channel);
            }

            @Override
            public void move(Path temp, Path target) throws IOException {
                AtomicFileWriter.Ops.DEFAULT.move(temp, target);
            }
        };
        CliRunner.Result r = s.lockWith(dying, out, "widget==2.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: cannot write '" + out + "': no space left on device "
                + "(simulated); '" + out + "' was left unchanged\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        assertOnlyTheLockIn(dir);
    }

    @Test
    void previousNamesTheAnchorWhenWritingAnotherFile() throws IOException {
        Path main = dir.resolve("pylock.main.toml");
        assertSuccess(s.lock(main, "widget==1.0.0"));
        Path next = dir.resolve("pylock.next.toml");
        CliRunner.Result r = s.lock(next, "widget==3.0.0", "--previous", main.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: " + main + ":7: widget 3.0.0: publisher identity changed");
        assertThat(next).doesNotExist();
        assertThat(s.lock(next, "widget==1.0.0", "--previous", dir.resolve("pylock.none.toml").toString()).stderr())
                .startsWith("error: --previous " + dir.resolve("pylock.none.toml") + ": no such file\n");
    }

    @Test
    void fromLockOverTheSameFileKeepsItsIdentitiesAsTheAnchor() throws IOException {
        assertSuccess(s.lock(out, "widget==1.0.0", "plain==1.0"));
        Lockfile before = read(out);
        CliRunner.Result r = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, Stream.concat(Stream.of("lock",
                "--from-lock", out.toString(), "-o", out.toString()), s.indexArgs().stream()).toArray(String[]::new));
        assertSuccess(r);
        assertThat(r.stdout()).contains("widget 1.0.0  (unchanged)").contains("[unchanged]");
        Lockfile after = read(out);
        assertThat(after.packages()).isEqualTo(before.packages());
        assertThat(Files.readString(out)).contains("#    pylock-trust lock --from-lock " + out + " --index-url ");
    }

    @Test
    void anIndexWithoutProvenanceSupportIsReportedAndRefusedForLockedPackages() {
        s.server.apiVersion("1.0").provenanceKey(false);
        try {
            CliRunner.Result first = s.lock(out, "plain==1.0");
            assertSuccess(first);
            assertThat(first.stderr()).startsWith("warning: plain 1.0: the index does not serve provenance; nothing is "
                    + "known about its publisher\n");
            assertThat(pkg(read(out), "plain").attestationRecords()).extracting(FileAttestationRecord::status)
                    .containsOnly(FileAttestationRecord.Status.PROVENANCE_UNKNOWN);
            assertThat(first.stdout()).contains("  files:     2 (2 provenance unknown)\n");

            s.server.apiVersion("1.4").provenanceKey(true);
            assertSuccess(s.lock(out, "widget==1.0.0"));
            s.server.apiVersion("1.0").provenanceKey(false);
            CliRunner.Result locked = s.lock(out, "widget==1.0.0");
            assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
            assertThat(locked.stderr()).contains(": widget 1.0.0: widget-1.0.0.tar.gz, widget-1.0.0-py3-none-any.whl "
                    + "cannot be checked: the index serves no provenance, but widget is locked to GitHub acme/widget "
                    + "(release.yml)\n");
        } finally {
            s.server.apiVersion("1.4").provenanceKey(true);
        }
    }

    @Test
    void quietPrintsNothingOnSuccess() {
        CliRunner.Result r = s.lock(out, "widget==1.0.0", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        assertThat(List.of(out)).allMatch(Files::exists);
    }
}
