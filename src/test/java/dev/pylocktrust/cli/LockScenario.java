package dev.pylocktrust.cli;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.testkit.GitHubIdentity;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A loopback PyPI-shaped index whose files carry real test-Sigstore attestations, and an in-process runner for
 * {@code pylock-trust lock} with a fixed clock. Releases:
 * <ul>
 *   <li>{@code widget} 1.0.0 and 2.0.0 by GitHub acme/widget; 3.0.0 by evil/widget (another repository and owner);
 *       4.0.0 by acme/widget-ng, the same repository renamed (same signed repository and owner ids);
 *       5.0.0 by acme/widget with the environment {@code pypi}</li>
 *   <li>{@code plain} 1.0 without provenance; 2.0 by GitHub acme/plain (attestations gained)</li>
 *   <li>{@code gadget} 1.0 by GitLab acme/gadget</li>
 * </ul>
 */
public final class LockScenario implements AutoCloseable {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
    static final IdentitySpec ACME = IdentitySpec.github("acme/widget", "release.yml", null);
    static final IdentitySpec EVIL = IdentitySpec.github("evil/widget", "release.yml", null);
    static final IdentitySpec RENAMED = IdentitySpec.github("acme/widget-ng", "release.yml", null);
    static final IdentitySpec ACME_ENV = IdentitySpec.github("acme/widget", "release.yml", "pypi");
    static final IdentitySpec PLAIN = IdentitySpec.github("acme/plain", "release.yml", null);
    static final IdentitySpec GADGET = IdentitySpec.gitlab("acme/gadget", ".gitlab-ci.yml", null);

    final TestSigstore sigstore;
    final SigstoreProvenanceMinter minter;
    final TestIndex index;
    final TestIndexServer server;
    final Path trustedRoot;

    public LockScenario(Path dir) throws IOException {
        sigstore = TestSigstore.create(11, CLOCK);
        minter = new SigstoreProvenanceMinter(sigstore);
        GitHubIdentity original = TestIdentity.github("acme/widget", "release.yml");
        index = new TestIndexBuilder((filename, sha, spec) -> {
            if (spec.equals(RENAMED)) {
                // A rename keeps the forge's numeric repository and owner ids.
                GitHubIdentity renamed = TestIdentity.github(spec.repository(), spec.workflow())
                        .withRepositoryId(original.repositoryId()).withOwnerId(original.ownerId());
                return sigstore.mint(MintRequest.of(filename, sha, renamed)).provenanceJson();
            }
            return minter.provenanceFor(filename, sha, spec);
        })
                .add(TestRelease.of("widget", "1.0.0").withIdentity(ACME).withRequiresPython(">=3.9"))
                .add(TestRelease.of("widget", "2.0.0").withIdentity(ACME).withRequiresPython(">=3.9"))
                .add(TestRelease.of("widget", "3.0.0").withIdentity(EVIL))
                .add(TestRelease.of("widget", "4.0.0").withIdentity(RENAMED))
                .add(TestRelease.of("widget", "5.0.0").withIdentity(ACME_ENV))
                .add(TestRelease.of("plain", "1.0"))
                .add(TestRelease.of("plain", "2.0").withIdentity(PLAIN))
                .add(TestRelease.of("gadget", "1.0").withIdentity(GADGET))
                .build();
        server = TestIndexServer.start(index);
        trustedRoot = sigstore.writeTrustedRoot(dir);
    }

    /** The options every run needs: the test index (plain http on loopback), the test root, no cache. */
    public List<String> indexArgs() {
        return List.of("--index-url", server.simpleUrl(), "--trusted-host", server.host(), "--trusted-root",
                trustedRoot.toString(), "--no-cache");
    }

    /** {@code pylock-trust lock --no-deps <index args> -o output <args>}. */
    public CliRunner.Result lock(Path output, String... args) {
        return lockWith(AtomicFileWriter.Ops.DEFAULT, output, args);
    }

    CliRunner.Result lockWith(AtomicFileWriter.Ops ops, Path output, String... args) {
        List<String> all = new ArrayList<>(List.of("lock", "--no-deps"));
        all.addAll(indexArgs());
        all.addAll(List.of("-o", output.toString()));
        all.addAll(List.of(args));
        return run(ops, all.toArray(String[]::new));
    }

    /** Runs any command line in-process with the fixed clock and the given disk operations. */
    public static CliRunner.Result run(AtomicFileWriter.Ops ops, String... args) {
        CommandLine cl = PylockTrust.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == LockCommand.class) {
                    return cls.cast(new LockCommand(CLOCK, ops));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        return CliRunner.run(cl, args);
    }

    @Override
    public void close() {
        server.close();
    }
}
