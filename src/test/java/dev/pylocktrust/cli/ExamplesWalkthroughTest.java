package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through of {@code examples/README.md}, in-process, on the real packages and real production-signed
 * attestations of {@code examples/index} with the embedded Sigstore root: first lock, an accepted upgrade, a refused
 * identity change, and its acceptance. Also the documented commands themselves, read from the README and the
 * walk-through: the README's demo still works after the whole walk-through, every time.
 */
class ExamplesWalkthroughTest {
    /** Where the README's demo and the walk-through write (git-ignored in the checkout). */
    private static final String OUT = "examples/out/";

    @TempDir
    Path dir;

    private CliRunner.Result lock(Path out, String requirements, String... extra) {
        List<String> args = new ArrayList<>(List.of("lock", "-r", "examples/" + requirements, "--no-deps",
                "--index-url", "examples/index", "--no-cache", "-o", out.toString()));
        args.addAll(List.of(extra));
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new));
    }

    private static String repository(Lockfile l, String name) {
        LockedPackage p = l.packagesNamed(name).get(0);
        return p.attestationIdentities().get(0).get("repository")
                .or(() -> p.attestationIdentities().get(0).get("email")).orElseThrow();
    }

    @Test
    void firstLockUpgradeRefusedChangeAndAcceptance() throws Exception {
        Path out = dir.resolve("pylock.toml");

        CliRunner.Result first = lock(out, "requirements.txt");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stderr()).isEmpty();
        Lockfile lock = new LockfileReader().read(out).lockfile();
        assertThat(lock.packages()).extracting(LockedPackage::name).containsExactly("abi3info", "gitlab-oidc-project",
                "pypi-attestation-models", "pypi-attestations", "sampleproject");
        assertThat(repository(lock, "abi3info")).isEqualTo("woodruffw/abi3info");
        assertThat(repository(lock, "gitlab-oidc-project")).isEqualTo("facutuesca/gitlab-oidc-project");
        assertThat(repository(lock, "pypi-attestation-models")).isEqualTo("trailofbits/pypi-attestation-models");
        assertThat(repository(lock, "pypi-attestations")).isEqualTo("trailofbits/pypi-attestations");
        assertThat(repository(lock, "sampleproject")).isEqualTo("919436158236-compute@developer.gserviceaccount.com");
        assertThat(lock.packagesNamed("pypi-attestations").get(0).sdist().orElseThrow().url()).contains(
                "https://files.pythonhosted.org/packages/source/p/pypi-attestations/pypi_attestations-0.0.16.tar.gz");
        assertThat(first.stdout()).endsWith(": 5 packages, 5 with verified publisher identities\n");

        CliRunner.Result upgrade = lock(out, "requirements-upgrade.txt");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.stdout()).contains("pypi-attestations 0.0.19  (upgraded from 0.0.16)\n  files:     1 (1 "
                + "attested)\n  identity:  GitHub trailofbits/pypi-attestations (release.yml)  [unchanged]\n");

        byte[] upgraded = Files.readAllBytes(out);
        CliRunner.Result refused = lock(out, "requirements-new-publisher.txt");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains(": sampleproject 4.0.0: publisher identity changed: locked Google "
                + "919436158236-compute@developer.gserviceaccount.com, but sampleproject-4.0.0.tar.gz, "
                + "sampleproject-4.0.0-py3-none-any.whl are signed by GitHub pypa/sampleproject (release.yml) "
                + "(another kind of publisher: Google -> GitHub)\n"
                + "  expected: Google 919436158236-compute@developer.gserviceaccount.com\n"
                + "  found:    GitHub pypa/sampleproject (release.yml)\n"
                + "  signed claims: the locked identity has no signed repository or owner id to compare (new: "
                + "repository id 14899596, owner id 647025)\n");
        assertThat(Files.readAllBytes(out)).isEqualTo(upgraded);

        CliRunner.Result accepted = lock(out, "requirements-new-publisher.txt", "--accept-identity-change",
                "sampleproject", "--reason", "sampleproject now publishes from GitHub Actions (checked upstream)");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        lock = new LockfileReader().read(out).lockfile();
        assertThat(repository(lock, "sampleproject")).isEqualTo("pypa/sampleproject");
        assertThat(lock.policy().approvedIdentityChanges()).singleElement().satisfies(a -> {
            assertThat(a.from().get("email")).contains("919436158236-compute@developer.gserviceaccount.com");
            assertThat(a.to().get("repository")).contains("pypa/sampleproject");
            assertThat(a.date()).isEqualTo(LocalDate.of(2026, 11, 1));
        });
    }

    /** The {@code bin/pylock-trust lock} commands of a Markdown file, in order, as argument lists. */
    static List<List<String>> documentedLockCommands(Path page) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        String text = String.join("\n", Files.readAllLines(page)).replace("\\\n", " ");
        Matcher m = Pattern.compile("bin/pylock-trust (lock [^\n]+)").matcher(text);
        while (m.find()) {
            commands.add(words(m.group(1)));
        }
        return commands;
    }

    /** Splits a command line into words as a POSIX shell would for these commands: spaces, double quotes. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line.strip());
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    private CliRunner.Result runDocumented(List<String> command) {
        List<String> args = new ArrayList<>();
        for (String word : command) {
            args.add(word.startsWith(OUT) ? dir.resolve(word.substring(OUT.length())).toString() : word);
        }
        args.add("--no-cache");
        return LockScenario.run(AtomicFileWriter.Ops.DEFAULT, args.toArray(String[]::new));
    }

    @Test
    void theReadmeDemoStillWorksAfterTheWholeWalkthrough() throws Exception {
        List<String> demo = documentedLockCommands(Path.of("README.md")).get(0);
        List<List<String>> walkthrough = documentedLockCommands(Path.of("examples/README.md"));
        assertThat(demo).containsSequence("-o", OUT + "pylock.toml");
        assertThat(walkthrough).hasSize(4).allSatisfy(c -> assertThat(c).contains("-o").doesNotContain(
                OUT + "pylock.toml"));

        CliRunner.Result first = runDocumented(demo);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        byte[] demoLock = Files.readAllBytes(dir.resolve("pylock.toml"));

        List<Integer> exits = new ArrayList<>();
        for (List<String> step : walkthrough) {
            exits.add(runDocumented(step).exitCode());
        }
        assertThat(exits).as("first lock, upgrade, refused publisher, accepted publisher").containsExactly(0, 0, 1, 0);

        CliRunner.Result again = runDocumented(demo);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("pylock.toml"))).isEqualTo(demoLock);
    }
}
