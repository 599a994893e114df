package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PyPA rules are pure: no I/O, no network, no clock, no other pylock-trust package but the two pure text
 * utilities everyone shares ({@code Ascii}, {@code Printable}).
 */
class PackagePurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(java\\.io\\.|java\\.net\\.|java\\.nio\\.|java\\.time\\.|okhttp3|dev\\.sigstore"
                    + "|com\\.fasterxml|org\\.tomlj|picocli|dev\\.pylocktrust\\.(?!python\\.|Ascii;|Printable;))");

    @Test
    void mainSourcesImportNothingImpure() throws IOException {
        Path dir = Path.of("src/main/java/dev/pylocktrust/python");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertThat(sources).hasSizeGreaterThan(15);
        for (Path source : sources) {
            List<String> bad = Files.readAllLines(source).stream()
                    .filter(line -> FORBIDDEN.matcher(line.strip()).find()).collect(Collectors.toList());
            assertThat(bad).as(source.getFileName().toString()).isEmpty();
            assertThat(Files.readString(source)).as(source.getFileName().toString())
                    .doesNotContain("System.currentTimeMillis", "Instant.now", "System.getenv", "new java.io.",
                            "java.nio.file.");
        }
    }
}
