package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileWriter;
import dev.pylocktrust.lock.RawTable;
import dev.pylocktrust.lock.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real demo: {@code examples/pylock.toml} locks three real packages from the static mirror {@code examples/index}
 * (real PyPI files and real production-signed provenance), and {@code verify} passes against the embedded Sigstore
 * production root, without network. The lock file is golden: regenerate it with
 * {@code ./mvnw -B -o -q test -Dtest=VerifyExamplesTest -Dexamples.update=true}.
 */
class VerifyExamplesTest {
    static final Path LOCK = Path.of("examples/pylock.toml");
    static final Path INDEX = Path.of("examples/index");
    static final List<String> REGENERATE = List.of("./mvnw", "-B", "-o", "-q", "test", "-Dtest=VerifyExamplesTest",
            "-Dexamples.update=true");

    @TempDir
    Path tmp;

    static LockedFile file(String project, String filename) throws Exception {
        Path p = INDEX.resolve(project).resolve(filename);
        byte[] bytes = Files.readAllBytes(p);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new LockedFile(Optional.empty(), Optional.empty(), Optional.of("index/" + project + "/" + filename),
                OptionalLong.of(bytes.length), Optional.empty(), new TreeMap<>(Map.of("sha256", sha)), RawTable.EMPTY);
    }

    static AttestationIdentity github(String repository) {
        return AttestationIdentity.of(Map.of("kind", "GitHub", "repository", repository, "workflow", "release.yml"));
    }

    /** The demo lock as a model: two attested packages and one without provenance. */
    static Lockfile model(AttestationIdentity abi3infoIdentity) throws Exception {
        LockedPackage abi3info = LockedPackage.of("abi3info", "2024.10.3", Optional.empty(),
                List.of(file("abi3info", "abi3info-2024.10.3-py3-none-any.whl")))
                .withAttestations(List.of(abi3infoIdentity), List.of());
        LockedPackage attestations = LockedPackage.of("pypi-attestations", "0.0.19",
                Optional.of(file("pypi-attestations", "pypi_attestations-0.0.19.tar.gz")), List.of())
                .withAttestations(List.of(github("trailofbits/pypi-attestations")), List.of());
        LockedPackage rfc8785 = LockedPackage.of("rfc8785", "0.1.2", Optional.empty(),
                List.of(file("rfc8785", "rfc8785-0.1.2-py3-none-any.whl")));
        return Lockfile.of(Optional.of(">=3.9"), List.of(abi3info, attestations, rfc8785), TrustPolicy.EMPTY);
    }

    @Test
    void theCheckedInLockIsWhatTheWriterWrites() throws Exception {
        byte[] expected = new LockfileWriter(REGENERATE).toBytes(model(github("woodruffw/abi3info")));
        if (Boolean.getBoolean("examples.update")) {
            Files.write(LOCK, expected);
        }
        assertThat(Files.readString(LOCK)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoLockVerifiesAgainstTheStaticIndex() {
        var r = CliRunner.run("verify", LOCK.toString(), "--index-url", INDEX.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().replaceAll(" in \\d+\\.\\d s", "")).isEqualTo(
                "verified 3 files of 3 packages: 2 packages attested (identities match), 1 package unattested, 0 failures\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void anotherLockedIdentityFailsOnTheRightLine() throws Exception {
        Path lock = tmp.resolve("pylock.toml");
        new LockfileWriter(REGENERATE).writeAtomically(lock, model(github("someone-else/abi3info")));
        var r = CliRunner.run("verify", lock.toString(), "--index-url", INDEX.toString(), "--no-cache", "--format",
                "github");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> text = Files.readAllLines(lock);
        int line = text.indexOf("name = \"abi3info\"");
        assertThat(r.stdout()).startsWith("::error file=" + lock.toString().replace(":", "%3A") + ",line=" + line
                + ",title=pylock-trust verify%3A identity-changed (abi3info)::abi3info 2024.10.3: publisher identity "
                + "changed: locked GitHub someone-else/abi3info (release.yml), but abi3info-2024.10.3-py3-none-any.whl "
                + "is signed by GitHub woodruffw/abi3info (release.yml) (repository someone-else/abi3info -> "
                + "woodruffw/abi3info)%0Aexpected: GitHub someone-else/abi3info (release.yml)%0A"
                + "found:    GitHub woodruffw/abi3info (release.yml)%0A");
    }

    @Test
    void theRealFilesFormAVerifiedWheelhouseAndPipsRealReportIsLocked() throws Exception {
        Path house = Files.createDirectories(tmp.resolve("wheels"));
        for (String f : List.of("abi3info/abi3info-2024.10.3-py3-none-any.whl",
                "pypi-attestations/pypi_attestations-0.0.19.tar.gz", "rfc8785/rfc8785-0.1.2-py3-none-any.whl")) {
            Files.copy(INDEX.resolve(f), house.resolve(Path.of(f).getFileName()));
        }
        var r = CliRunner.run("verify", LOCK.toString(), "--index-url", INDEX.toString(), "--no-cache",
                "--wheelhouse", house.toString(), "--pip-report", "src/test/resources/verify/pip-23.2.1-report.json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // The real production root is embedded; a private root rejects these real attestations.
        var staging = CliRunner.run("verify", LOCK.toString(), "--index-url", INDEX.toString(), "--no-cache",
                "--trusted-root", "src/test/resources/fixtures/trust/staging.trusted_root.json");
        assertThat(staging.exitCode()).isEqualTo(1);
        assertThat(staging.stdout()).contains("error[attestation-invalid]: abi3info 2024.10.3:")
                .contains("error[attestation-invalid]: pypi-attestations 0.0.19:");
    }
}
