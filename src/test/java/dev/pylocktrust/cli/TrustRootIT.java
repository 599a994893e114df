package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.trust.TestTufRepository;
import dev.pylocktrust.trust.TufServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF path in the packaged jar ({@code bin/pylock-trust}): sigstore-java's TUF client and okhttp survive
 * shading, the time bound holds against a mirror that never answers, {@code PYLOCK_TRUST_ROOT_SOURCE} and
 * {@code --offline} are honoured, and {@code scripts/update-trust-root} refreshes the embedded root.
 */
class TrustRootIT {
    private static final String F = "src/test/resources/fixtures/";
    private static final String PROV = F + "provenance/pypi_attestations-0.0.19.tar.gz.provenance.json";
    private static final String DIST = F + "dists/pypi_attestations-0.0.19.tar.gz";

    @TempDir
    Path tmp;

    byte[] testRoot;
    TestTufRepository repo;
    TufServer server;
    Path bootstrap;

    @BeforeEach
    void serve() throws IOException {
        testRoot = TestSigstore.create(21, Clock.fixed(Instant.now(), ZoneOffset.UTC)).trustedRootJson();
        repo = TestTufRepository.create(testRoot, Instant.now());
        server = TufServer.serving(repo);
        bootstrap = Files.write(tmp.resolve("1.root.json"), repo.bootstrapRoot());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void updateThroughTheShadedJarVerifiesAndWritesTheRoot() throws IOException {
        Path out = tmp.resolve("trusted_root.json");

        var r = LauncherRunner.run("trust-root", "update", "--trust-root-source", "tuf", "--tuf-url",
                server.url().toString(), "--tuf-root", bootstrap.toString(), "--cache-dir",
                tmp.resolve("cache").toString(), "--output", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.readAllBytes(out)).isEqualTo(testRoot);
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json", "1.snapshot.json",
                "1.targets.json", repo.targetPath());

        var cached = LauncherRunner.run(Map.of("PYLOCK_TRUST_ROOT_SOURCE", "tuf",
                        "PYLOCK_TRUST_CACHE_DIR", tmp.resolve("cache").toString()),
                "trust-root", "show", "--tuf-url", server.url().toString(), "--tuf-root", bootstrap.toString());
        assertThat(cached.exitCode()).as(cached.toString()).isZero();
        assertThat(cached.stdout()).contains("  source:        tuf-cache (TUF, from the cache)\n");
        assertThat(server.takeRequested()).isEmpty();
    }

    @Test
    @Timeout(120) // a hang guard for the whole JVM run, not a measurement
    void aMirrorThatAcceptsAndNeverAnswersCostsNoMoreThanTheBound() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String mirror = "http://127.0.0.1:" + blackHole.getLocalPort() + "/";

            long start = System.nanoTime();
            var r = LauncherRunner.run(Map.of("PYLOCK_TRUST_ROOT_SOURCE", "tuf"), "inspect", PROV, "--dist", DIST,
                    "--tuf-url", mirror, "--trust-root-timeout", "1", "--cache-dir", tmp.resolve("cache").toString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).contains("result: VERIFIED");
            assertThat(r.stderr()).startsWith("warning: the Sigstore trusted root could not be refreshed; using "
                    + "the snapshot embedded in pylock-trust from ");
            assertThat(r.stderr().lines()).hasSize(1);
            System.out.println("inspect with a black-holed TUF mirror and a 1 s bound: " + millis + " ms wall");
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void offlineMakesNoRequestEvenWithTufSelectedByTheEnvironment() {
        var r = LauncherRunner.run(Map.of("PYLOCK_TRUST_ROOT_SOURCE", "tuf",
                        "PYLOCK_TRUST_CACHE_DIR", tmp.resolve("cache").toString()),
                "inspect", PROV, "--dist", DIST, "--offline", "--tuf-url", server.url().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void theUpdateScriptReplacesTheEmbeddedRootAndItsProperties() throws Exception {
        Path dest = Files.createDirectory(tmp.resolve("resources"));
        Files.writeString(dest.resolve("production.trusted_root.properties"), "sha256=00\n");
        Path jar = Path.of(System.getProperty("pylocktrust.jar"));

        List<String> cmd = List.of("sh", "scripts/update-trust-root", "--tuf-url", server.url().toString(),
                "--tuf-root", bootstrap.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYLOCK_TRUST_JAR", jar.toString());
        pb.environment().put("PYLOCK_TRUST_RESOURCE_DIR", dest.toString());
        pb.environment().remove("PYLOCK_TRUST_ROOT_SOURCE");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(Files.readAllBytes(dest.resolve("production.trusted_root.json"))).isEqualTo(testRoot);
        Properties props = new Properties();
        try (var in = Files.newInputStream(dest.resolve("production.trusted_root.properties"))) {
            props.load(in);
        }
        String sha = dev.pylocktrust.attest.TrustRoot.fromBytes(testRoot, "x", java.util.Optional.empty()).sha256();
        assertThat(props.getProperty("sha256")).isEqualTo(sha);
        assertThat(props.getProperty("source")).isEqualTo("TUF repository " + server.url()
                + " targets/trusted_root.json (TUF targets v1), verified by scripts/update-trust-root");
        assertThat(Instant.parse(props.getProperty("snapshot-date"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(props.getProperty("content-last-changed")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(output).contains("Updated the embedded trusted root: sha256 " + sha + " (TUF targets v1 from "
                + server.url() + ").");
    }

    @Test
    void theUpdateScriptChangesNothingWhenTheRefreshFails() throws Exception {
        Path dest = Files.createDirectory(tmp.resolve("resources"));
        Files.writeString(dest.resolve("production.trusted_root.properties"), "sha256=00\n");
        repo.tamperWithTarget("{}".getBytes());

        ProcessBuilder pb = new ProcessBuilder("sh", "scripts/update-trust-root", "--tuf-url",
                server.url().toString(), "--tuf-root", bootstrap.toString()).redirectErrorStream(true);
        pb.environment().put("PYLOCK_TRUST_JAR", System.getProperty("pylocktrust.jar"));
        pb.environment().put("PYLOCK_TRUST_RESOURCE_DIR", dest.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains(".trusted_root.json: has 2 bytes, 1.targets.json says "
                        + repo.trustedRoot().length + " (tampered or corrupted)")
                .contains("error: the TUF refresh failed; nothing was changed");
        assertThat(Files.readString(dest.resolve("production.trusted_root.properties"))).isEqualTo("sha256=00\n");
        assertThat(dest.resolve("production.trusted_root.json")).doesNotExist();
    }
}
