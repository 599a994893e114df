package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.Progress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class IndexOptionsTest {
    @Command(name = "t")
    static final class Cmd {
        @Mixin
        IndexOptions index;
    }

    static IndexConfig parse(String... args) {
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs(args);
        return cmd.index.config(Progress.NONE, Clock.systemUTC());
    }

    @Test
    void defaultsArePyPIWithTheUserCache() {
        IndexConfig c = parse();
        assertThat(c.location()).isEqualTo(IndexLocation.PYPI);
        assertThat(c.trustedHosts()).isEmpty();
        assertThat(c.integrityUrl()).isEmpty();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.jobs()).isEqualTo(IndexConfig.defaultJobs());
        assertThat(c.cacheDir()).isPresent();
        assertThat(c.offline()).isFalse();
    }

    @Test
    void everyOptionReachesTheConfig(@TempDir Path tmp) {
        IndexConfig c = parse("--index-url", "http://mirror.local:3141/root/pypi/+simple/", "--trusted-host",
                "mirror.local:3141", "--trusted-host", "other", "--integrity-url", "https://pypi.org", "-j", "3",
                "--timeout", "5", "--cache-dir", tmp.toString(), "--offline", "--cert", tmp.resolve("ca.pem").toString());
        assertThat(c.location()).isEqualTo(new IndexLocation.Remote(URI.create("http://mirror.local:3141/root/pypi/+simple/")));
        assertThat(c.trustedHosts()).isEqualTo(Set.of("mirror.local:3141", "other"));
        assertThat(c.integrityUrl()).contains(URI.create("https://pypi.org"));
        assertThat(c.jobs()).isEqualTo(3);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cacheDir()).contains(tmp);
        assertThat(c.offline()).isTrue();
        assertThat(c.caCertificates()).contains(tmp.resolve("ca.pem"));
        assertThat(parse("--no-cache").cacheDir()).isEmpty();
        assertThat(parse("--index-url", tmp.toString()).location()).isEqualTo(new IndexLocation.Directory(tmp));
    }

    @Test
    void extraIndexUrlIsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--extra-index-url", "https://example.org/simple"))
                .isExactlyInstanceOf(UsageException.class)
                .hasMessage("--extra-index-url is not supported")
                .satisfies(e -> assertThat(((UsageException) e).hints().get(0)).startsWith(
                        "a second index lets anyone who registers the same project name there win (dependency confusion)"));
    }

    @Test
    void contradictionsAndRangesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--no-cache", "--cache-dir", "/tmp/x"))
                .hasMessage("--no-cache and --cache-dir contradict each other");
        assertThatThrownBy(() -> parse("--no-cache", "--offline"))
                .hasMessage("--offline needs the cache, but --no-cache turns it off");
        assertThatThrownBy(() -> parse("--jobs", "0")).hasMessage("--jobs must be between 1 and 256, not 0");
        assertThatThrownBy(() -> parse("--timeout", "0")).hasMessage("--timeout must be between 1 and 3600 seconds, not 0");
        assertThatThrownBy(() -> parse("--integrity-url", "pypi.org"))
                .hasMessage("--integrity-url must be an http(s) URL such as https://pypi.org");
        assertThatThrownBy(() -> parse("--index-url", "https://user:secret@/simple"))
                .isInstanceOf(UsageException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void configNeverPrintsSecrets() {
        IndexLocation secret = parse("--index-url", "https://alice:s3cret@pypi.internal/simple").location();
        IndexConfig c = IndexConfig.builder(secret)
                .environment(java.util.Map.of("https_proxy", "http://u:proxypass@proxy:3128")).build();
        assertThat(c.toString()).contains("https://pypi.internal/simple").doesNotContain("s3cret")
                .doesNotContain("proxypass").doesNotContain("alice");
    }

    @Test
    void offlineWithAMirrorDirectoryNeedsNoCache(@TempDir Path tmp) {
        assertThat(parse("--no-cache", "--offline", "--index-url", tmp.toString()).offline()).isTrue();
        assertThat(Optional.of(parse("--index-url", tmp.toUri().toString()).location()))
                .contains(new IndexLocation.Directory(Path.of(tmp.toUri())));
    }
}
