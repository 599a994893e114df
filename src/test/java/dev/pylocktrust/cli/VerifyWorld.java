package dev.pylocktrust.cli;

import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import dev.pylocktrust.verify.TestLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An end-to-end world for {@code verify}: a test Sigstore, a loopback index serving real test-Sigstore provenance,
 * its trusted root on disk, a cache directory, and a lock file written by the production writer.
 *
 * <ul>
 *   <li>{@code widget 1.0.0}: wheel and sdist, published by GitHub {@code acme/widget} ({@code release.yml});</li>
 *   <li>{@code gadget 2.0}: wheels for manylinux x86_64, macOS arm64, Windows and a pure-Python wheel, plus an sdist,
 *       published by GitLab {@code group/gadget} ({@code .gitlab-ci.yml});</li>
 *   <li>{@code plain 3.1}: wheel and sdist, no provenance, no locked identity.</li>
 * </ul>
 */
final class VerifyWorld implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
    static final IdentitySpec WIDGET = IdentitySpec.github("acme/widget", "release.yml", null);
    static final IdentitySpec GADGET = IdentitySpec.gitlab("group/gadget", ".gitlab-ci.yml", null);
    static final IdentitySpec EVIL = IdentitySpec.github("evil/widget", "release.yml", null);
    static final List<String> GADGET_FILES = List.of(
            "gadget-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
            "gadget-2.0-cp312-cp312-macosx_11_0_arm64.whl",
            "gadget-2.0-cp312-cp312-win_amd64.whl",
            "gadget-2.0-py3-none-any.whl",
            "gadget-2.0.tar.gz");

    final Path dir;
    final TestSigstore sigstore;
    final TestIndex index;
    final TestIndexServer server;
    final Path trustedRoot;
    final Path cache;
    final Path lock;

    private VerifyWorld(Path dir) throws IOException {
        this.dir = dir;
        this.sigstore = TestSigstore.create(11, CLOCK);
        this.index = new TestIndexBuilder(new SigstoreProvenanceMinter(sigstore))
                .add(TestRelease.of("widget", "1.0.0").withIdentity(WIDGET))
                .add(TestRelease.of("gadget", "2.0").withFiles(GADGET_FILES.toArray(String[]::new))
                        .withIdentity(GADGET))
                .add(TestRelease.of("plain", "3.1"))
                .build();
        this.server = TestIndexServer.start(index);
        this.trustedRoot = sigstore.writeTrustedRoot(Files.createDirectories(dir.resolve("root")));
        this.cache = dir.resolve("cache");
        this.lock = dir.resolve("pylock.toml");
        writeLock(TrustPolicy.EMPTY);
    }

    static VerifyWorld start(Path dir) throws IOException {
        return new VerifyWorld(dir);
    }

    /** The lock for this index: widget and gadget with their identities, plain without. */
    Lockfile lockModel(TrustPolicy policy) {
        return TestLocks.lock(index, "https://files.example/", Map.of("widget", List.of(WIDGET),
                "gadget", List.of(GADGET)), policy);
    }

    void writeLock(TrustPolicy policy) {
        TestLocks.write(lock, lockModel(policy));
    }

    void writeLock(Lockfile model) {
        TestLocks.write(lock, model);
    }

    /** {@code verify LOCK --index-url ... --trusted-host ... --trusted-root ... --cache-dir ...} plus {@code extra}. */
    String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("verify", lock.toString(), "--index-url", server.simpleUrl(),
                "--trusted-host", server.host(), "--trusted-root", trustedRoot.toString(),
                "--cache-dir", cache.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    CliRunner.Result verify(String... extra) {
        return CliRunner.run(args(extra));
    }

    TestFile file(String project, String filename) {
        return index.file(project, filename);
    }

    /** Real test-Sigstore provenance for {@code f}, signed by {@code who}. */
    byte[] provenanceBy(IdentitySpec who, TestFile f) {
        return new SigstoreProvenanceMinter(sigstore).provenanceFor(f.filename(), f.sha256(), who);
    }

    /** Serve the index with one file changed. */
    void change(String project, String filename, java.util.function.UnaryOperator<TestFile> how) {
        server.serve(index.withFile(project, filename, how));
    }

    /** The 1-based line where the package starts in the lock file, as the reader reports it. */
    int lineOf(String packageName) {
        var parsed = new LockfileReader().read(lock);
        var pkg = parsed.lockfile().packagesNamed(packageName).get(0);
        return parsed.sourceMap().lineOf(pkg).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
    }
}
