package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity that only looks like the locked one (a dotless {@code ı} for an {@code i}) is another identity, through
 * {@code lock} and {@code verify}, with a Turkish default locale (where {@code "I".toLowerCase()} is {@code ı}); the
 * look-alike is flagged where it is shown.
 */
@ExtendWith(SharedLockScenario.class)
class LookAlikeIdentityTest {
    private static final String WHEEL = "widget-5.0.0-py3-none-any.whl";
    private static final String DOTLESS = "pyp\u0131";

    @TempDir
    Path dir;

    private final LockScenario s;
    private Locale saved;

    LookAlikeIdentityTest(LockScenario s) {
        this.s = s;
    }

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        s.reset();
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    /** widget 5.0.0's wheel, signed with deployment environment {@code certified}, the index asserting {@code asserted}. */
    private void serveWheelSignedIn(String certified, String asserted) {
        var f = s.index.file("widget", WHEEL);
        var minted = s.sigstore.mint(MintRequest.of(WHEEL, f.sha256(),
                TestIdentity.github("acme/widget", "release.yml").withEnvironment(certified)));
        byte[] provenance = TestSigstore.provenanceAsserting(Map.of("kind", "GitHub", "repository", "acme/widget",
                "workflow", "release.yml", "environment", asserted), minted);
        s.server.serve(s.index.withFile("widget", WHEEL, x -> x.withProvenance(provenance)));
    }

    @Test
    void aCertificateEnvironmentWithADotlessIDoesNotCertifyTheAssertedOne() {
        serveWheelSignedIn(DOTLESS, "pypi");
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result r = s.lock(out, "widget==5.0.0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).as(r.toString()).contains(WHEEL + " has provenance that does not verify",
                "certificate deployment environment is " + DOTLESS + " [non-ASCII: U+0131], expected pypi");
        assertThat(out).doesNotExist();
    }

    @Test
    void aLookAlikeEnvironmentIsAnIdentityChangeForLockAndVerify() throws IOException {
        Path out = dir.resolve("pylock.toml");
        CliRunner.Result first = s.lock(out, "widget==5.0.0");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        byte[] locked = Files.readAllBytes(out);

        serveWheelSignedIn(DOTLESS, DOTLESS);
        CliRunner.Result relock = s.lock(out, "widget==5.0.0");
        assertThat(relock.exitCode()).as(relock.toString()).isEqualTo(1);
        assertThat(relock.stderr()).as(relock.toString()).contains("environment pypi -> " + DOTLESS
                + " [non-ASCII: U+0131]");
        assertThat(Files.readAllBytes(out)).isEqualTo(locked);

        String[] verify = java.util.stream.Stream.concat(java.util.stream.Stream.of("verify", out.toString()),
                s.indexArgs().stream()).toArray(String[]::new);
        CliRunner.Result v = CliRunner.run(verify);
        assertThat(v.exitCode()).as(v.toString()).isEqualTo(1);
        assertThat(v.stdout()).as(v.toString()).contains("identity-changed", DOTLESS + ") [non-ASCII: U+0131]");
    }
}
