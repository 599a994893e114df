package dev.pylocktrust.cli;

import static dev.pylocktrust.cli.PolicyRuns.bytes;
import static dev.pylocktrust.cli.PolicyRuns.identityTable;
import static dev.pylocktrust.cli.PolicyRuns.lineOf;
import static dev.pylocktrust.cli.PolicyRuns.read;
import static dev.pylocktrust.cli.PolicyRuns.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hole of issue 13 per command through the real launcher {@code bin/pylock-trust} (a separate JVM on the
 * packaged jar), against the loopback index of {@link LockScenario}; the anchors are written in-process first.
 */
@ExtendWith(SharedLockScenario.class)
class PolicyHolesIT {
    private static final String WIDGET_WHEEL = "widget-1.0.0-py3-none-any.whl";

    private final LockScenario s;
    private final Path dir;
    private final PolicyRuns runs;

    PolicyHolesIT(LockScenario s, @TempDir Path dir) {
        this.s = s;
        this.dir = dir;
        this.runs = PolicyRuns.of(s, dir);
    }

    @Test
    void lockRefusesARecreatedRepositoryAndLeavesTheLockAsItWas() {
        Path out = runs.locked("pylock.toml", "phoenix==1.0");
        byte[] before = bytes(out);
        List<String> args = new ArrayList<>(List.of("lock", "phoenix==2.0", "--no-deps", "-o", out.toString()));
        args.addAll(s.indexArgs());
        CliRunner.Result r = LauncherRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: " + out + ":7: phoenix 2.0: ")
                .contains(" signed by GitHub acme/phoenix (release.yml) with other signed ids than the lock records: "
                        + "the repository or its owner was deleted and re-created\n", "with repository id 777000111")
                .endsWith("error: lock refused: 1 trust failure; " + out + " was left unchanged\n");
        assertThat(bytes(out)).isEqualTo(before);
    }

    @Test
    void verifyAnnotatesASha256EditedByHandOnItsHashesLine() {
        Path lock = runs.locked("pylock.toml", "widget==1.0.0");
        String real = s.index.file("widget", WIDGET_WHEEL).sha256();
        String other = "0".repeat(64);
        PolicyRuns.write(lock, replaceOnce(read(lock), "sha256 = \"" + real + "\" }", "sha256 = \"" + other + "\" }"));
        Path summary = dir.resolve("summary.md");
        List<String> args = new ArrayList<>(List.of("verify", lock.toString(), "--format", "github"));
        args.addAll(s.indexArgs());
        CliRunner.Result r = LauncherRunner.run(Map.of("GITHUB_STEP_SUMMARY", summary.toString()),
                args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("::error file=" + lock.toString().replace(":", "%3A") + ",line="
                + lineOf(lock, other) + ",title=pylock-trust verify%3A hash-changed (widget)::widget 1.0.0: the lock "
                + "has sha256 " + other + " for " + WIDGET_WHEEL + ", but it was checked with sha256 " + real
                + " when it was locked");
        assertThat(read(summary)).contains(":x: failed");
    }

    @Test
    void diffFailsOnIdentitiesRemovedByHand() {
        Path base = runs.locked("pylock.base.toml", "widget==1.0.0");
        Path head = runs.edited(base, "pylock.head.toml", t -> replaceOnce(t, identityTable("acme/widget",
                "release.yml"), ""));
        CliRunner.Result r = LauncherRunner.run(Map.of("GITHUB_STEP_SUMMARY", ""), "diff", "--format", "github",
                base.toString(), head.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("::error file=" + head.toString().replace(":", "%3A") + ",line="
                + lineOf(head, "{ filename = \"" + WIDGET_WHEEL) + ",title=Attestations lost%3A widget::")
                .contains(WIDGET_WHEEL + " is recorded as verified, but the package records no "
                        + "attestation-identities");
        assertThat(r.stderr()).startsWith("error: the lockfile change needs review: ");
    }
}
