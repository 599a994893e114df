package dev.pylocktrust.cli;

import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.testkit.GitHubIdentity;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.Minted;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
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
 * For the trust rules' end-to-end tests ({@code PolicyHoles*Test}):
 * <ul>
 *   <li>{@code phoenix} 1.0 by GitHub acme/phoenix; 2.0 by acme/phoenix deleted and re-created (same names, another
 *       signed repository id); 3.0 by acme/phoenix-ng, the same repository renamed (same signed ids)</li>
 *   <li>{@code halfway} 1.0 by GitHub acme/halfway; 1.1 with its sdist by acme/halfway and its wheel without
 *       provenance</li>
 *   <li>{@code duo} 1.0: wheel by GitHub acme/duo, sdist by other/duo (two repositories at first use)</li>
 *   <li>{@code twice} 1.0: wheel attested by two workflows of acme/twice (release.yml and wheels.yml), sdist by
 *       release.yml</li>
 *   <li>{@code split} 1.0: sdist by GitHub acme/split release.yml, wheel by its wheels.yml; 1.1 both by
 *       release.yml</li>
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
    static final IdentitySpec PHOENIX = IdentitySpec.github("acme/phoenix", "release.yml", null);
    static final IdentitySpec HALFWAY = IdentitySpec.github("acme/halfway", "release.yml", null);
    static final IdentitySpec DUO = IdentitySpec.github("acme/duo", "release.yml", null);
    static final IdentitySpec DUO_OTHER = IdentitySpec.github("other/duo", "release.yml", null);
    static final IdentitySpec TWICE = IdentitySpec.github("acme/twice", "release.yml", null);
    static final IdentitySpec TWICE_WHEELS = IdentitySpec.github("acme/twice", "wheels.yml", null);
    static final IdentitySpec SPLIT = IdentitySpec.github("acme/split", "release.yml", null);
    static final IdentitySpec SPLIT_WHEELS = IdentitySpec.github("acme/split", "wheels.yml", null);
    /** acme/phoenix deleted and re-created by someone else: the same names, another signed repository id. */
    static final GitHubIdentity PHOENIX_RECREATED = TestIdentity.github("acme/phoenix", "release.yml")
            .withRepositoryId("777000111");
    /** acme/phoenix renamed to acme/phoenix-ng: the forge keeps the signed repository and owner ids. */
    static final GitHubIdentity PHOENIX_RENAMED = TestIdentity.github("acme/phoenix-ng", "release.yml")
            .withRepositoryId(TestIdentity.github("acme/phoenix", "release.yml").repositoryId())
            .withOwnerId(TestIdentity.github("acme/phoenix", "release.yml").ownerId());

    final TestSigstore sigstore;
    final SigstoreProvenanceMinter minter;
    final TestIndex index;
    final TestIndexServer server;
    final Path trustedRoot;

    public LockScenario(Path dir) throws IOException {
        sigstore = TestSigstore.create(11, CLOCK);
        minter = new SigstoreProvenanceMinter(sigstore);
        GitHubIdentity original = TestIdentity.github("acme/widget", "release.yml");
        TestIndex built = new TestIndexBuilder((filename, sha, spec) -> {
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
                .add(TestRelease.of("phoenix", "1.0").withIdentity(PHOENIX))
                .add(TestRelease.of("phoenix", "2.0").withIdentity(PHOENIX))
                .add(TestRelease.of("phoenix", "3.0").withIdentity(PHOENIX))
                .add(TestRelease.of("halfway", "1.0").withIdentity(HALFWAY))
                .add(TestRelease.of("halfway", "1.1").withIdentity(HALFWAY))
                .add(TestRelease.of("duo", "1.0").withIdentity(DUO))
                .add(TestRelease.of("twice", "1.0").withIdentity(TWICE))
                .add(TestRelease.of("split", "1.0").withIdentity(SPLIT))
                .add(TestRelease.of("split", "1.1").withIdentity(SPLIT))
                .build();
        // Releases whose files are not all signed alike: their provenance replaced, file by file.
        built = resigned(built, "phoenix", "phoenix-2.0-py3-none-any.whl", PHOENIX_RECREATED);
        built = resigned(built, "phoenix", "phoenix-2.0.tar.gz", PHOENIX_RECREATED);
        built = resigned(built, "phoenix", "phoenix-3.0-py3-none-any.whl", PHOENIX_RENAMED);
        built = resigned(built, "phoenix", "phoenix-3.0.tar.gz", PHOENIX_RENAMED);
        built = resigned(built, "halfway", "halfway-1.1-py3-none-any.whl");
        built = resigned(built, "duo", "duo-1.0.tar.gz", signer(DUO_OTHER));
        built = resigned(built, "twice", "twice-1.0-py3-none-any.whl", signer(TWICE), signer(TWICE_WHEELS));
        index = resigned(built, "split", "split-1.0-py3-none-any.whl", signer(SPLIT_WHEELS));
        server = TestIndexServer.start(index);
        trustedRoot = sigstore.writeTrustedRoot(dir);
    }

    /** The test-Sigstore identity that signs as {@code spec}. */
    static TestIdentity signer(IdentitySpec spec) {
        return SigstoreProvenanceMinter.toTestIdentity(spec);
    }

    /**
     * Real test-Sigstore provenance for {@code f}: one attestation bundle per signer (several: a file attested by
     * several publishers).
     */
    byte[] provenance(TestFile f, TestIdentity... signers) {
        Minted[] minted = new Minted[signers.length];
        for (int i = 0; i < signers.length; i++) {
            minted[i] = sigstore.mint(MintRequest.of(f.filename(), f.sha256(), signers[i]));
        }
        return signers.length == 1 ? minted[0].provenanceJson() : TestSigstore.provenanceOfEach(minted);
    }

    /** {@code index} with one file's provenance made by {@code signers} (none: the file has no provenance). */
    private TestIndex resigned(TestIndex index, String project, String filename, TestIdentity... signers) {
        return index.withFile(project, filename, f -> f.withProvenance(signers.length == 0 ? null
                : provenance(f, signers)));
    }

    /**
     * Back to the scenario as built, for a test that follows others on the same scenario: the index as minted, no
     * faults, no requests seen.
     */
    void reset() {
        server.serve(index);
        server.faults().clear();
        server.clearRequests();
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
                return new CommandFactory(CLOCK).create(cls);
            }
        });
        return CliRunner.run(cl, args);
    }

    @Override
    public void close() {
        server.close();
    }
}
