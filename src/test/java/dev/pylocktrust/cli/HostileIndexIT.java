package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.testkit.index.Faults;
import dev.pylocktrust.testkit.index.FakeProvenance;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestIndexBuilder;
import dev.pylocktrust.testkit.index.TestIndexServer;
import dev.pylocktrust.testkit.index.TestRelease;
import dev.pylocktrust.verify.TestLocks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile index against the packaged launcher with a small heap: many answers that never end, or that are as large
 * as the caps allow, at once, end with exit 3 and a message, never an out-of-memory error.
 */
class HostileIndexIT {
    private static final int PROJECTS = 24;

    @TempDir
    Path tmp;

    @Test
    void manyEndlessPagesAtOnceUnderASmallHeap() throws Exception {
        TestIndexBuilder b = new TestIndexBuilder(new FakeProvenance());
        for (int i = 0; i < PROJECTS; i++) {
            b.add(TestRelease.of("p" + i, "1.0"));
        }
        TestIndex index = b.build();
        Path lock = tmp.resolve("pylock.toml");
        TestLocks.write(lock, TestLocks.lock(index, "https://files.example/", Map.of(), TrustPolicy.EMPTY));
        try (TestIndexServer server = TestIndexServer.start(index)) {
            server.faults().endless("/simple/", Faults.FOREVER);
            var r = LauncherRunner.run(Map.of("PYLOCK_TRUST_JAVA_OPTS", "-Xmx96m"), "verify", lock.toString(),
                    "--index-url", server.simpleUrl(), "--trusted-host", server.host(), "--no-cache",
                    "--jobs", String.valueOf(PROJECTS));
            assertThat(r.stderr()).as(r.toString()).doesNotContain("OutOfMemoryError");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            // The first project's answer is reported: it was cut by the in-flight budget (or by its cap).
            assertThat(r.stderr()).as(r.toString()).startsWith("error: ").containsAnyOf(
                    "at once, which would exhaust memory", "is larger than the 64 MiB limit");
        }
    }
}
