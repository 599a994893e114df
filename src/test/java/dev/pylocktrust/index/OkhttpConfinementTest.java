package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only {@code dev.pylocktrust.index} may import okhttp or okio (ARCHITECTURE.md: one package owns the transport). */
class OkhttpConfinementTest {
    @Test
    void noOtherMainPackageImportsOkhttp() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !main.relativize(p).startsWith(Path.of("dev/pylocktrust/index")))
                    .filter(OkhttpConfinementTest::importsOkhttp)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static boolean importsOkhttp(Path p) {
        try {
            return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import okhttp3.")
                    || l.startsWith("import okio.") || l.startsWith("import mockwebserver3."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
