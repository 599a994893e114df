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
import java.util.regex.Pattern;
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
            // One project's page is reported, cut by the in-flight budget: under -Xmx96m the budget is its floor,
            // 32 MiB, and a page is charged twice what it holds, so no page can reach its own 64 MiB cap first.
            assertThat(r.stderr()).as(r.toString()).matches("(?s)error: stopped reading the project page at "
                    + Pattern.quote(server.simpleUrl()) + "/p\\d+/: the index is sending more than 32 MiB at once, "
                    + "which would exhaust memory\nhint: an index that sends this much at once is broken or hostile;.*");
        }
    }
}
