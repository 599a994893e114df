package dev.pylocktrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trust rules are pure: values in, values out. No I/O, no network, no clock (a date is a value, passed in), no
 * lockfile or index code: only the attestation layer's publishers and the PyPA rules.
 */
class PolicyPurityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(java\\.io\\.|java\\.net\\.|java\\.nio\\.|java\\.time\\.(?!LocalDate;)|okhttp3"
                    + "|dev\\.sigstore|com\\.fasterxml|org\\.tomlj|picocli"
                    + "|dev\\.pylocktrust\\.(?!policy\\.|attest\\.(Publisher|VerifiedIdentity|GitHubPublisher"
                    + "|GitLabPublisher|IdentityValues|IdentitySet);|python\\.|UsageException;|ProblemListException;|Ascii;))");

    @Test
    void importsNothingImpure() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/pylocktrust/policy"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(15);
        for (Path source : sources) {
            List<String> bad = Files.readAllLines(source).stream()
                    .filter(line -> FORBIDDEN.matcher(line.strip()).find()).toList();
            assertThat(bad).as(source.getFileName().toString()).isEmpty();
            assertThat(Files.readString(source)).as(source.getFileName().toString())
                    .doesNotContain("System.currentTimeMillis", "Instant.now", "LocalDate.now", "Clock",
                            "System.getenv", "new java.io.", "java.nio.file.");
        }
    }
}
