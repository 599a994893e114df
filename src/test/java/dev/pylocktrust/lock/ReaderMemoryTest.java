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
 * with a stack trace. Runs a child JVM with a deliberately small heap.
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
    void runningOutOfMemoryIsAUsageError(@TempDir Path dir) throws Exception {
        String text = Fixtures.read(Fixtures.UV_EXPORT);
        String body = text.substring(text.indexOf("[[packages]]"));
        Path big = dir.resolve("pylock.toml");
        Files.writeString(big, text.substring(0, text.indexOf("[[packages]]")) + body.repeat(20),
                StandardCharsets.UTF_8);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                ReaderMemoryTest.class.getName(), big.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out.trim()).isEqualTo(big + ": file is too large to parse in the available memory (2 MiB)");
        assertThat(p.exitValue()).isZero();
    }
}
