package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestIndexes;
import dev.pylocktrust.testkit.index.TestProject;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock --from-lock} on the real {@code uv export} fixture (41 packages, 447 files, normalized wheel names, a
 * directory source, markers): every package and file is kept exactly, files are matched to the index by sha256, and
 * provenance is looked up and verified under the index's own filename.
 */
class LockFromLockTest {
    private static final Path UV = Path.of("src/test/resources/fixtures/pylock/uv-export.pylock.toml");
    /** Packages with more files than this get no provenance on the test index (keeps minting and verifying fast). */
    private static final int ATTEST_AT_MOST = 2;

    @TempDir
    static Path shared;

    private static Lockfile input;
    private static TestIndexServer server;
    private static Path root;

    @TempDir
    Path dir;

    @BeforeAll
    static void serveTheFixturesFiles() throws IOException {
        input = new LockfileReader().read(UV).lockfile();
        TestSigstore sigstore = TestSigstore.create(5, LockScenario.CLOCK);
        SigstoreProvenanceMinter minter = new SigstoreProvenanceMinter(sigstore);
        List<TestProject> projects = new ArrayList<>();
        for (LockedPackage p : input.packages()) {
            if (p.isDirect()) {
                continue;
            }
            boolean attested = p.files().size() <= ATTEST_AT_MOST;
            IdentitySpec id = IdentitySpec.github("org-" + p.name() + "/" + p.name(), "release.yml", null);
            List<TestFile> files = new ArrayList<>();
            for (LockedFile f : p.files()) {
                String filename = indexName(f);
                String sha = f.sha256().orElseThrow();
                files.add(new TestFile(p.name(), p.version().orElseThrow(), filename, new byte[0], sha, null, null,
                        attested ? minter.provenanceFor(filename, sha, id) : null, Optional.empty(), Optional.empty(),
                        Instant.parse("2025-01-01T00:00:00Z")));
            }
            projects.add(new TestProject(p.name(), p.name(), List.of(p.version().orElseThrow()), files));
        }
        TestIndex index = TestIndexes.of(projects);
        server = TestIndexServer.start(index);
        root = sigstore.writeTrustedRoot(shared);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The name the index serves: the URL's (PyPI's spelling), not the lock's normalized {@code name}. */
    private static String indexName(LockedFile f) {
        String url = f.url().orElseThrow();
        return URLDecoder.decode(url.substring(url.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    private CliRunner.Result fromLock(Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("lock", "--from-lock", UV.toString(), "-o", output.toString(),
                "--index-url", server.simpleUrl(), "--trusted-host", server.host(), "--trusted-root", root.toString(),
                "--no-cache"));
        args.addAll(List.of(extra));
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new));
    }

    private static Map<String, String> files(Lockfile l) {
        Map<String, String> out = new LinkedHashMap<>();
        for (LockedPackage p : l.packages()) {
            for (LockedFile f : p.files()) {
                out.put(p.name() + " " + f.filename() + " " + f.url().orElse("") + " " + f.size() + " "
                        + f.uploadTime(), f.sha256().orElse(""));
            }
        }
        return out;
    }

    @Test
    void keepsEveryPackageAndFileAndAddsVerifiedIdentities() throws IOException {
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result r = fromLock(out);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEqualTo("warning: sigstore is a directory source: kept as it is, no provenance "
                + "checked\n");

        Lockfile lock = new LockfileReader().read(out).lockfile();
        assertThat(lock.requiresPython()).isEqualTo(input.requiresPython());
        assertThat(lock.packages()).hasSameSizeAs(input.packages());
        assertThat(files(lock)).hasSize(447).isEqualTo(files(input));
        for (LockedPackage in : input.packages()) {
            LockedPackage now = lock.packagesNamed(in.name()).get(0);
            assertThat(now.marker()).isEqualTo(in.marker());
            assertThat(now.index()).isEqualTo(in.index());
            assertThat(now.directory()).isEqualTo(in.directory());
            if (in.isDirect()) {
                assertThat(now.attestationIdentities()).isEmpty();
                continue;
            }
            boolean attested = in.files().size() <= ATTEST_AT_MOST;
            assertThat(now.attestationIdentities()).as(in.name()).hasSize(attested ? 1 : 0);
            assertThat(now.attestationRecords()).as(in.name()).hasSameSizeAs(in.files())
                    .extracting(FileAttestationRecord::status).containsOnly(attested
                            ? FileAttestationRecord.Status.VERIFIED : FileAttestationRecord.Status.NO_PROVENANCE);
        }
        // uv wrote the normalized name; the file was checked (and is recorded) under the index's name.
        LockedPackage pyjwt = lock.packagesNamed("pyjwt").get(0);
        assertThat(pyjwt.wheels()).extracting(f -> f.name().orElse("")).containsExactly("pyjwt-2.10.1-py3-none-any.whl");
        assertThat(pyjwt.attestationRecords()).extracting(FileAttestationRecord::filename)
                .contains("PyJWT-2.10.1-py3-none-any.whl");
        assertThat(pyjwt.attestationIdentities().get(0).get("repository")).contains("org-pyjwt/pyjwt");
        assertThat(Files.readString(out)).contains("#    pylock-trust lock --from-lock " + UV + " --index-url ");
        assertThat(r.stdout()).endsWith(": 41 packages, 34 with verified publisher identities\n");

    }

    @Test
    void aFileTheIndexDoesNotListIsRefused() throws IOException {
        // The fixture's first package, with one digest the index does not list.
        String uv = Files.readString(UV);
        String text = uv.substring(0, uv.indexOf("[[packages]]", uv.indexOf("[[packages]]") + 1)).replace(
                "1f02e8b43a8fbbc3f3e0d4f0f4bfc8131bcb4eebe8849b8e5c773f3a1c582a53", "0".repeat(64));
        Path changed = Files.writeString(dir.resolve("pylock.uv.toml"), text);
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result r = LockScenario.run(AtomicFileWriter.Ops.DEFAULT, Stream.concat(Stream.of("lock",
                        "--from-lock", changed.toString(), "-o", out.toString(), "--index-url", server.simpleUrl(),
                        "--trusted-host", server.host(), "--trusted-root", root.toString(), "--no-cache", "-q"),
                Stream.empty()).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: " + changed + ":7: annotated-types 0.7.0: "
                + "annotated_types-0.7.0-py3-none-any.whl is not on the index with sha256 " + "0".repeat(64)
                + "\n  found: no file with sha256 " + "0".repeat(64) + " is listed for annotated-types");
        assertThat(out).doesNotExist();
        assertThat(r.stderr().lines().filter(l -> l.startsWith("error:")).collect(Collectors.toList())).hasSize(2);
    }
}
