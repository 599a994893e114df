package dev.pylocktrust.cli;

import dev.pylocktrust.testkit.SigstoreProvenanceMinter;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A loopback index for {@code lock} with dependency resolution: wheels with PEP 658 metadata (dependencies, markers,
 * extras, Requires-Python) and real test-Sigstore attestations.
 * <ul>
 *   <li>{@code app} 1.0 (GitHub acme/app, Requires-Python >=3.9) requires {@code lib>=1.0}, {@code native>=1.0},
 *       {@code colorama} on Windows, and {@code checker} for its extra {@code test}</li>
 *   <li>{@code lib} 1.0 and 2.0 by GitHub acme/lib; 3.0 by evil/lib (another publisher)</li>
 *   <li>{@code native} 1.0 (GitLab acme/tools): wheels for manylinux x86_64, musllinux x86_64, macOS arm64, Windows
 *       amd64; no sdist</li>
 *   <li>{@code colorama} 0.4.6 without provenance; {@code checker} and {@code devtool} 1.0 (GitLab acme/tools)</li>
 *   <li>{@code modern} 1.0, and 2.0 for Python >=3.13; {@code uses-modern} 1.0 requires {@code modern} (all GitLab
 *       acme/tools)</li>
 *   <li>{@code old} 0.9, and 1.0 yanked ("broken build"), both by GitLab acme/tools</li>
 *   <li>{@code conflicted} 1.0 requires {@code lib<1}, which no release satisfies</li>
 * </ul>
 */
final class ResolveScenario implements AutoCloseable {
    static final IdentitySpec APP = IdentitySpec.github("acme/app", "release.yml", null);
    static final IdentitySpec LIB = IdentitySpec.github("acme/lib", "release.yml", null);
    static final IdentitySpec EVIL = IdentitySpec.github("evil/lib", "release.yml", null);
    static final IdentitySpec TOOLS = IdentitySpec.gitlab("acme/tools", ".gitlab-ci.yml", null);

    final TestIndexServer server;
    final Path trustedRoot;

    ResolveScenario(Path dir) throws IOException {
        TestSigstore sigstore = TestSigstore.create(17, LockScenario.CLOCK);
        SigstoreProvenanceMinter minter = new SigstoreProvenanceMinter(sigstore);
        var index = new TestIndexBuilder(minter::provenanceFor).providesExtra()
                .add(TestRelease.of("app", "1.0").withIdentity(APP).withRequiresPython(">=3.9")
                        .withDependencies("lib>=1.0", "native>=1.0", "colorama>=0.4; sys_platform == \"win32\"",
                                "checker>=1.0; extra == \"test\""))
                .add(TestRelease.of("lib", "1.0").withIdentity(LIB))
                .add(TestRelease.of("lib", "2.0").withIdentity(LIB))
                .add(TestRelease.of("lib", "3.0").withIdentity(EVIL))
                .add(TestRelease.of("native", "1.0").withIdentity(TOOLS).withFiles(
                        "native-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                        "native-1.0-cp312-cp312-musllinux_1_2_x86_64.whl",
                        "native-1.0-cp312-cp312-macosx_11_0_arm64.whl",
                        "native-1.0-cp312-cp312-win_amd64.whl"))
                .add(TestRelease.of("colorama", "0.4.6"))
                .add(TestRelease.of("checker", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("devtool", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("modern", "1.0").withIdentity(TOOLS))
                .add(TestRelease.of("modern", "2.0").withIdentity(TOOLS).withRequiresPython(">=3.13"))
                .add(TestRelease.of("uses-modern", "1.0").withIdentity(TOOLS).withDependencies("modern"))
                .add(TestRelease.of("old", "0.9").withIdentity(TOOLS))
                .add(TestRelease.of("old", "1.0").withIdentity(TOOLS).yanked("broken build"))
                .add(TestRelease.of("conflicted", "1.0").withIdentity(TOOLS).withDependencies("lib<1"))
                .build();
        server = TestIndexServer.start(index);
        trustedRoot = sigstore.writeTrustedRoot(Files.createDirectories(dir.resolve("root")));
    }

    /** The test index (plain http on loopback), the test root, no cache. */
    List<String> indexArgs() {
        return List.of("--index-url", server.simpleUrl(), "--trusted-host", server.host(), "--trusted-root",
                trustedRoot.toString(), "--no-cache");
    }

    @Override
    public void close() {
        server.close();
    }
}
