package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tomlj needs far more heap than the file's size; when it runs out, the reader must report a usage error, not die
 * with a stack trace. A lock in the subset of TOML that {@code SubsetParser} reads needs little more than its size.
 * Runs a child JVM with a deliberately small heap.
 */
class ReaderMemoryTest {

    /** Entry point of the child JVM: reads the file and prints the error message. */
    public static void main(String[] args) {
        try {
            new LockfileReader().read(Path.of(args[0]));
            System.out.println("no error");
        } catch (LockfileException e) {
            System.out.println(e.getMessage());
        }
    }

    @Test
    void aLockInTheCommonSubsetOfTomlReadsInLittleMemory(@TempDir Path dir) throws Exception {
        Path big = bigLock(dir, "");

        assertThat(readInSmallHeap(big)).isEqualTo("no error");
    }

    @Test
    void runningOutOfMemoryIsAUsageError(@TempDir Path dir) throws Exception {
        // A float is outside the subset SubsetParser reads, so tomlj reads this file, with its whole parse tree.
        Path big = bigLock(dir, "future-float = 1.5\n");

        assertThat(readInSmallHeap(big))
                .isEqualTo(big + ": file is too large to parse in the available memory (2 MiB)");
    }

    @Test
    void runningOutOfMemoryInTheSubsetIsAUsageErrorToo(@TempDir Path dir) throws Exception {
        // Three million array elements fit in a 6 MiB file, but not as objects in a 48 MiB heap.
        Path big = dir.resolve("pylock.toml");
        Files.writeString(big, "lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = []\n[tool.x]\nv = ["
                + "1,".repeat(3_000_000) + "]\n", StandardCharsets.UTF_8);

        assertThat(readInSmallHeap(big))
                .isEqualTo(big + ": file is too large to parse in the available memory (5 MiB)");
    }

    /** uv's export with its packages repeated to 2 MiB, {@code head} added before the first package. */
    private static Path bigLock(Path dir, String head) throws Exception {
        String text = Fixtures.read(Fixtures.UV_EXPORT);
        String body = text.substring(text.indexOf("[[packages]]"));
        Path big = dir.resolve("pylock.toml");
        Files.writeString(big, text.substring(0, text.indexOf("[[packages]]")) + head + body.repeat(20),
                StandardCharsets.UTF_8);
        return big;
    }

    /** Reads {@code file} in a child JVM with a 48 MiB heap; what it printed. */
    private static String readInSmallHeap(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                ReaderMemoryTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        return out.trim();
    }
}
