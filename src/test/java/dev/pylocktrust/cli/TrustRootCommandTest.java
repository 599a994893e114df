package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.testkit.Minted;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.trust.TestTufRepository;
import dev.pylocktrust.trust.TufServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pylock-trust trust-root show|update}, and the trust root options as every command sees them (through
 * {@code inspect}), in-process against a TUF repository on loopback whose trusted root is the test Sigstore's.
 */
class TrustRootCommandTest {
    private static final String F = "src/test/resources/fixtures/";
    private static final String PROV = F + "provenance/pypi_attestations-0.0.19.tar.gz.provenance.json";
    private static final String DIST = F + "dists/pypi_attestations-0.0.19.tar.gz";
    private static final Instant SIGNED = Instant.now().minus(Duration.ofDays(1));

    @TempDir
    Path tmp;

    TestSigstore sigstore;
    TestTufRepository repo;
    TufServer server;
    Path bootstrap;
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        sigstore = TestSigstore.create(11, Clock.fixed(SIGNED, ZoneOffset.UTC));
        repo = TestTufRepository.create(sigstore.trustedRootJson(), Instant.now());
        server = TufServer.serving(repo);
        bootstrap = Files.write(tmp.resolve("1.root.json"), repo.bootstrapRoot());
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** The options that point a command at the loopback repository with its own bootstrap root. */
    private String[] tuf(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--trust-root-source", "tuf", "--tuf-url", server.url().toString(), "--tuf-root",
                bootstrap.toString(), "--cache-dir", cache.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void showTheEmbeddedRoot() {
        var r = CliRunner.run("trust-root", "show", "--trust-root-source", "embedded");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        Instant date = TrustRoot.embeddedProductionSnapshotDate().orElseThrow();
        assertThat(r.stdout()).startsWith("Trusted root: embedded Sigstore production root\n"
                + "  source:        embedded (the snapshot embedded in pylock-trust)\n"
                + "  location:      embedded\n"
                + "  snapshot:      " + Duration.between(date, Instant.now()).toDays() + " days ago (" + date + ")\n"
                + "  sha256:        " + TrustRoot.embeddedProduction().sha256() + "\n")
                .contains("\nCertificate authorities (Fulcio): 2\n  https://fulcio.sigstore.dev  CN=sigstore, "
                        + "O=sigstore.dev\n      valid 2021-03-07T03:20:29Z to 2022-12-31T23:59:59.999Z [expired]\n")
                .contains("\nTransparency logs (Rekor): 2\n")
                .contains("  https://log2025-1.rekor.sigstore.dev  PKIX_ED25519\n"
                        + "      log id zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=\n"
                        + "      valid 2025-09-23T00:00:00Z to (open) [active]\n")
                .contains("\nCertificate transparency logs: 2\n")
                .contains("\nTimestamp authorities (RFC 3161): 1\n  https://timestamp.sigstore.dev/api/v1/timestamp");
    }

    @Test
    void showAFileAsJson() throws IOException {
        var r = CliRunner.run("trust-root", "show", "--trusted-root", F + "trust/staging.trusted_root.json",
                "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(json.path("schema").asText()).isEqualTo("pylock-trust.trust-root/1");
        assertThat(json.path("source").asText()).isEqualTo("file");
        assertThat(json.path("location").asText()).isEqualTo(F + "trust/staging.trusted_root.json");
        assertThat(json.path("as_of").isNull()).isTrue();
        assertThat(json.path("tuf").isNull()).isTrue();
        assertThat(json.path("transparency_logs")).hasSize(5);
        assertThat(json.path("timestamp_authorities")).hasSize(2);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void showRefreshesThroughTufThenUsesTheCache() {
        var first = CliRunner.run(tuf("trust-root", "show"));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stderr()).isEmpty();
        assertThat(first.stdout()).startsWith("Trusted root: trusted root from the TUF repository " + server.url()
                        + "\n  source:        tuf (TUF, refreshed now)\n  location:      " + server.url() + "\n"
                        + "  refreshed:     less than a minute ago (")
                .contains("  TUF metadata:  targets version 1, root version 1, valid until ")
                .contains("\n  cache:         " + cache.resolve("sigstore-tuf") + "/" + server.url().getHost() + "_"
                        + server.url().getPort() + "-")
                .contains("  https://rekor.sigstore.test  PKIX_ECDSA_P256_SHA_256\n");
        int requests = server.requestCount();
        assertThat(requests).isEqualTo(5);

        var second = CliRunner.run(tuf("trust-root", "show"));

        assertThat(second.stdout()).contains("  source:        tuf-cache (TUF, from the cache)\n");
        assertThat(server.requestCount()).isEqualTo(requests);
    }

    @Test
    void offlineShowWithNothingCachedUsesTheEmbeddedRootSilently() {
        var r = CliRunner.run("trust-root", "show", "--offline", "--trust-root-source", "tuf", "--cache-dir",
                cache.toString(), "--tuf-url", server.url().toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).contains("  source:        embedded (the snapshot embedded in pylock-trust)\n");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void updateWritesTheVerifiedRoot() throws IOException {
        Path out = tmp.resolve("trusted_root.json");

        var r = CliRunner.run(tuf("trust-root", "update", "--output", out.toString()));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(sigstore.trustedRootJson());
        assertThat(r.stdout()).startsWith("Updated the Sigstore trusted root from " + server.url() + "\n"
                + "  sha256:       " + TrustRoot.fromBytes(sigstore.trustedRootJson(), "x",
                java.util.Optional.empty()).sha256() + "\n")
                .contains("  TUF metadata: targets version 1, root version 1, valid until ")
                .endsWith("  written to:   " + out + "\n");
    }

    @Test
    void updateIsForcedEvenWhenTheCacheIsFresh() {
        CliRunner.run(tuf("trust-root", "show"));
        int before = server.requestCount();

        var r = CliRunner.run(tuf("trust-root", "update", "-q"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(before + 2);
    }

    @Test
    void updateFailuresExitThree() throws IOException {
        server.close();

        var r = CliRunner.run(tuf("trust-root", "update"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stderr()).startsWith("error: cannot refresh the Sigstore trusted root from " + server.url()
                + ": cannot connect (").contains("\nhint: check the network");
    }

    @Test
    void aFailedRefreshIsNotRetriedByTheNextRunsUntilUpdateSucceeds() {
        assertThat(CliRunner.run(tuf("trust-root", "show")).exitCode()).isZero();
        server.takeRequested();
        server.failWith(503);

        var failed = CliRunner.run(tuf("trust-root", "show", "--trust-root-max-age", "0"));
        assertThat(failed.exitCode()).as(failed.toString()).isZero();
        assertThat(failed.stderr()).startsWith("warning: could not refresh the Sigstore trusted root from "
                + server.url() + " (2.root.json: HTTP 503 for 2.root.json); using the cached copy");
        assertThat(server.takeRequested()).containsExactly("2.root.json");

        var held = CliRunner.run(tuf("trust-root", "show", "--trust-root-max-age", "0"));
        assertThat(held.exitCode()).as(held.toString()).isZero();
        assertThat(held.stderr()).startsWith("warning: not refreshing the Sigstore trusted root from " + server.url()
                        + ": the last attempt failed at ")
                .contains(" (2.root.json: HTTP 503 for 2.root.json), the next is due after ")
                .contains(" (to try now, run 'pylock-trust trust-root update' with the same options); using the "
                        + "cached copy, refreshed less than a minute ago (");
        assertThat(held.stderr().lines()).hasSize(1);
        assertThat(held.stdout()).contains("  source:        tuf-cache (TUF, from the cache)\n");
        assertThat(server.takeRequested()).isEmpty();

        var updateFails = CliRunner.run(tuf("trust-root", "update"));
        assertThat(updateFails.exitCode()).as(updateFails.toString()).isEqualTo(3);
        assertThat(server.takeRequested()).containsExactly("2.root.json");

        server.failWith(0);
        var updated = CliRunner.run(tuf("trust-root", "update", "-q"));
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        server.takeRequested();

        var again = CliRunner.run(tuf("trust-root", "show", "--trust-root-max-age", "0"));
        assertThat(again.stderr()).isEmpty();
        assertThat(server.takeRequested()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void updateRefusesWhatCannotBeUpdated() {
        var offline = CliRunner.run(tuf("trust-root", "update", "--offline"));
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.stderr()).isEqualTo("error: 'trust-root update' needs the network, but --offline forbids "
                + "it\n");

        var embedded = CliRunner.run("trust-root", "update", "--trust-root-source", "embedded");
        assertThat(embedded.exitCode()).isEqualTo(2);
        assertThat(embedded.stderr()).startsWith("error: 'trust-root update' refreshes from TUF, but the trust root "
                + "source is embedded");

        var file = CliRunner.run("trust-root", "update", "--trusted-root", F + "trust/staging.trusted_root.json");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void trustRootAloneAsksForASubcommand() {
        var r = CliRunner.run("trust-root");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: Missing a subcommand (show, update).");
    }

    @Test
    void anAttestationFromTheTestSigstoreVerifiesOnlyOnceTufDeliversItsRoot() throws IOException {
        byte[] content = "demo wheel".getBytes(StandardCharsets.UTF_8);
        Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0.0-py3-none-any.whl", content,
                TestIdentity.github("octo-org/demo", "release.yml")));
        Path prov = Files.write(tmp.resolve("demo.provenance.json"), minted.provenanceJson());
        Path dist = Files.write(tmp.resolve("demo-1.0.0-py3-none-any.whl"), content);

        var embedded = CliRunner.run("inspect", prov.toString(), "--dist", dist.toString());
        assertThat(embedded.exitCode()).as(embedded.toString()).isEqualTo(1);
        assertThat(embedded.stderr()).contains("rejected (certificate not issued by the trusted Fulcio CA)");

        var viaTuf = CliRunner.run(tuf("inspect", prov.toString(), "--dist", dist.toString()));
        assertThat(viaTuf.exitCode()).as(viaTuf.toString()).isZero();
        assertThat(viaTuf.stderr()).isEmpty();
        assertThat(viaTuf.stdout()).contains("trusted root:  trusted root from the TUF repository " + server.url());
        int requests = server.requestCount();

        var offline = CliRunner.run(tuf("inspect", prov.toString(), "--dist", dist.toString(), "--offline"));
        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(server.requestCount()).isEqualTo(requests);
    }

    @Test
    void anUnreachableMirrorOfProductionFallsBackToTheEmbeddedRootWithOneWarning() throws IOException {
        String mirror = closedPortUrl();

        var r = CliRunner.run("inspect", PROV, "--dist", DIST, "--trust-root-source", "tuf", "--tuf-url", mirror,
                "--cache-dir", cache.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Instant date = TrustRoot.embeddedProductionSnapshotDate().orElseThrow();
        long days = Duration.between(date, Instant.now()).toDays();
        assertThat(r.stderr()).isEqualTo("warning: the Sigstore trusted root could not be refreshed; using the "
                + "snapshot embedded in pylock-trust from " + days + " days ago (" + date + ") (details: -v, or "
                + "'pylock-trust trust-root show')\n");

        var verbose = CliRunner.run("inspect", "-v", PROV, "--dist", DIST, "--trust-root-source", "tuf", "--tuf-url",
                mirror, "--cache-dir", cache.resolve("fresh").toString());
        assertThat(verbose.stderr()).startsWith("warning: could not refresh the Sigstore trusted root from " + mirror
                        + " (cannot connect (")
                .contains("); using the trusted root embedded in pylock-trust, a snapshot from " + days + " days ago ("
                        + date + ")\n");
        assertThat(verbose.stderr().lines().filter(l -> l.startsWith("warning:"))).hasSize(1);

        var quiet = CliRunner.run("inspect", "-q", PROV, "--dist", DIST, "--trust-root-source", "tuf", "--tuf-url",
                mirror, "--cache-dir", cache.toString());
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.stderr()).isEmpty();
    }

    @Test
    void aTrustedRootFileWinsOverTuf() {
        var r = CliRunner.run(tuf("inspect", F + "attestations/rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json",
                "--trusted-root", F + "trust/staging.trusted_root.json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.requestCount()).isZero();
        assertThat(cache).doesNotExist();
    }

    @Test
    void badTrustRootOptionsAreUsageErrors() throws IOException {
        record Case(List<String> args, String message) {}
        Path notRoot = Files.writeString(tmp.resolve("not-root.json"), "{\"signed\":{\"_type\":\"targets\"}}");
        for (Case c : List.of(
                new Case(List.of("--trust-root-timeout", "0"),
                        "error: --trust-root-timeout must be more than 0 and at most 600 seconds, not 0"),
                new Case(List.of("--trust-root-timeout", "601"),
                        "error: --trust-root-timeout must be more than 0 and at most 600 seconds, not 601"),
                new Case(List.of("--trust-root-max-age", "-1"),
                        "error: --trust-root-max-age must be between 0 and 8784 hours, not -1"),
                new Case(List.of("--tuf-url", "http://tuf.example/"),
                        "error: --tuf-url http://tuf.example/ must use https (plain http is only allowed on "
                                + "loopback)"),
                new Case(List.of("--tuf-url", server.url().toString(), "--tuf-root", tmp.resolve("nope").toString()),
                        "error: cannot read --tuf-root " + tmp.resolve("nope") + ": no such file"),
                new Case(List.of("--tuf-url", server.url().toString(), "--tuf-root", notRoot.toString()),
                        "error: --tuf-root " + notRoot + " is not TUF root metadata (no signed._type \"root\")"),
                new Case(List.of("--no-cache", "--cache-dir", cache.toString()),
                        "error: --no-cache and --cache-dir contradict each other"))) {
            List<String> args = new ArrayList<>(List.of("trust-root", "show", "--trust-root-source", "tuf"));
            args.addAll(c.args());
            var r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr()).as(c.args().toString()).startsWith(c.message() + "\n");
        }
        var source = CliRunner.run("trust-root", "show", "--trust-root-source", "bogus");
        assertThat(source.exitCode()).isEqualTo(2);
        assertThat(source.stderr()).startsWith("error: Invalid value for option '--trust-root-source': expected one "
                + "of [tuf, embedded]");
        assertThat(server.requestCount()).isZero();
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/";
        }
    }
}
