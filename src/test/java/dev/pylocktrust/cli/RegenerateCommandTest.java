package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** The regenerate command in a lock file's header, derived from the parsed {@code lock} command line. */
class RegenerateCommandTest {

    private static List<String> regenerate(String... args) {
        ParseResult lock = PylockTrust.commandLine().parseArgs(args).subcommand();
        return RegenerateCommand.of(lock, lock.commandSpec().findOption("--output"));
    }

    private static String line(String... args) {
        return String.join(" ", regenerate(args));
    }

    @Test
    void requirementsFirstThenOptionsInDeclaredOrderAndTheOutputLast() {
        assertThat(line("lock", "--no-deps", "--index-url", "https://mirror.example/simple", "--trusted-host",
                "mirror.example", "-o", "pylock.ci.toml", "--trusted-root", "root.json", "a==1", "b==2"))
                .isEqualTo("pylock-trust lock a==1 b==2 --no-deps --index-url https://mirror.example/simple "
                        + "--trusted-host mirror.example --trusted-root root.json -o pylock.ci.toml");
    }

    @Test
    void neitherTheOrderNorTheSpellingOfTheArgumentsChangesTheLine() {
        List<String> one = regenerate("lock", "-r", "requirements.in", "--extra", "test", "--extra", "docs",
                "--python-version", "3.12", "-i", "https://mirror.example/simple", "--output", "pylock.ci.toml");
        List<String> other = regenerate("lock", "--output=pylock.ci.toml", "--python-version=3.12",
                "--index-url=https://mirror.example/simple", "--extra=test", "--requirement", "requirements.in",
                "--extra", "docs");
        assertThat(other).isEqualTo(one).containsExactly("pylock-trust", "lock", "-r", "requirements.in",
                "--extra", "test", "--extra", "docs", "--python-version", "3.12", "--index-url",
                "https://mirror.example/simple", "-o", "pylock.ci.toml");
    }

    @Test
    void oneOffOptionsAndDefaultValuesAreLeftOut() {
        assertThat(line("lock", "-r", "requirements.in", "--upgrade", "--upgrade-package", "django", "--previous",
                "old.toml", "--accept-identity-change", "django", "--reason", "moved", "--approved-by", "alice",
                "--allow-unattested", "six", "--jobs", "4", "--timeout", "60", "--no-cache", "--offline", "--cert",
                "ca.pem", "--trust-root-source", "embedded", "--trust-root-timeout", "5", "--trust-root-max-age", "1",
                "--format", "json", "-q", "-v", "--index-url", "https://pypi.org/simple", "-o", "pylock.toml"))
                .isEqualTo("pylock-trust lock -r requirements.in");
    }

    /** The hand-written list this replaces forgot them: a lock verified against a private Sigstore needs them. */
    @Test
    void anotherSigstoreTufRepositoryIsRepeated() {
        assertThat(line("lock", "app", "--tuf-url", "https://tuf.sigstore.example/", "--tuf-root", "1.root.json"))
                .isEqualTo("pylock-trust lock app --tuf-url https://tuf.sigstore.example/ --tuf-root 1.root.json");
    }

    @Test
    void everyContentOptionOfTheResolverAndTheMirrorIsRepeated() {
        assertThat(line("lock", "-r", "pyproject.toml", "-c", "constraints.txt", "--all-extras", "--group", "dev",
                "--platform", "win_amd64", "--pre", "--allow-empty", "--mirror-of", "https://mirror.example/simple",
                "--index-url", "index", "--integrity-url", "https://integrity.example"))
                .isEqualTo("pylock-trust lock -r pyproject.toml -c constraints.txt --all-extras --group dev "
                        + "--allow-empty --platform win_amd64 --pre --mirror-of https://mirror.example/simple "
                        + "--index-url index --integrity-url https://integrity.example");
    }
}
