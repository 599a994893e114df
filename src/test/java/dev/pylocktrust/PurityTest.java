package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pure parts of pylock-trust decide from values alone: no I/O, no network, no clock (a time is a value passed
 * in), no environment. One mechanism for every pure package: each names the imports it may have beyond collections
 * and text, and anything else fails, as does any use of the clock, the environment or the file system. A second rule
 * holds the clock to the edge: main code reads it in one place.
 */
class PurityTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pylocktrust");

    /** What every pure class may import: collections, streams, regular expressions, numbers, charsets. */
    private static final List<String> PURE_JDK = List.of("java.util.", "java.math.", "java.nio.charset.");

    /** Calls that reach outside the values given. */
    private static final List<String> IMPURE_CALLS = List.of("System.currentTimeMillis", "System.nanoTime",
            "Instant.now", "LocalDate.now", "Clock.system", "System.getenv", "System.getProperty", "new java.io.",
            "java.nio.file.", "java.net.http.", "okhttp3.", "new Thread");

    /** attest's publisher rules: identities, their equality and their match against certificate claims. */
    private static final Set<String> ATTEST_RULES = Set.of("Publisher.java", "Publishers.java",
            "GitHubPublisher.java", "GitLabPublisher.java", "GooglePublisher.java", "UnknownPublisher.java",
            "IdentityValues.java", "IdentitySet.java", "VerifiedIdentity.java", "PublisherPolicy.java",
            "SubjectNames.java");

    /** The attestation layer's pure types others may use. */
    private static final List<String> ATTEST_VALUES = List.of("dev.pylocktrust.attest.Publisher;",
            "dev.pylocktrust.attest.GitHubPublisher;", "dev.pylocktrust.attest.GitLabPublisher;",
            "dev.pylocktrust.attest.IdentityValues;", "dev.pylocktrust.attest.IdentitySet;",
            "dev.pylocktrust.attest.VerifiedIdentity;");

    /**
     * A pure part of the code.
     *
     * @param dir      the package directory below {@code dev/pylocktrust}
     * @param files    which of its sources are pure
     * @param allowed  import prefixes allowed beyond {@link #PURE_JDK} (a trailing {@code ;} names one type)
     * @param atLeast  how many sources there are at least (so a moved package cannot pass by being empty)
     */
    record Pure(String dir, Predicate<String> files, List<String> allowed, int atLeast) {
        @Override
        public String toString() {
            return dir;
        }
    }

    static Stream<Pure> pure() {
        return Stream.of(
                new Pure("python", f -> true, List.of("dev.pylocktrust.python.", "dev.pylocktrust.Ascii;",
                        "dev.pylocktrust.Printable;"), 15),
                new Pure("policy", f -> true, concat(ATTEST_VALUES, "dev.pylocktrust.policy.",
                        "dev.pylocktrust.python.", "dev.pylocktrust.Ascii;", "dev.pylocktrust.UsageException;",
                        "dev.pylocktrust.ProblemListException;", "java.time.LocalDate;"), 15),
                new Pure("diff", f -> true, concat(ATTEST_VALUES, "dev.pylocktrust.diff.", "dev.pylocktrust.policy.",
                        "dev.pylocktrust.python.", "dev.pylocktrust.report.", "dev.pylocktrust.Ascii;",
                        "dev.pylocktrust.lock.ApprovedIdentityChange;", "dev.pylocktrust.lock.AttestationIdentity;",
                        "dev.pylocktrust.lock.Expectations;", "dev.pylocktrust.lock.FileAttestationRecord;",
                        "dev.pylocktrust.lock.LockedFile;", "dev.pylocktrust.lock.LockedPackage;",
                        "dev.pylocktrust.lock.Lockfile;", "dev.pylocktrust.lock.LockfileWarning;",
                        "dev.pylocktrust.lock.ParsedLockfile;", "dev.pylocktrust.lock.RawTable;",
                        "dev.pylocktrust.lock.SourceMap;", "dev.pylocktrust.lock.TrustPolicy;",
                        "java.net.URI;", "java.net.URISyntaxException;", "java.net.URLEncoder;"), 15),
                new Pure("toml", f -> true, List.of("dev.pylocktrust.toml.", "java.time.", "java.util.regex.",
                        "org.tomlj.TomlArray;", "org.tomlj.TomlPosition;", "org.tomlj.TomlTable;"), 4),
                new Pure("attest", ATTEST_RULES::contains, List.of("dev.pylocktrust.Ascii;",
                        "dev.pylocktrust.python.", "com.fasterxml.jackson.databind.JsonNode;"), ATTEST_RULES.size()));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pure")
    void importsOnlyWhatItNamesAndReachesNothingOutside(Pure rule) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(MAIN.resolve(rule.dir()))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> rule.files().test(p.getFileName().toString())).toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(rule.atLeast());
        for (Path source : sources) {
            List<String> bad = Files.readAllLines(source).stream().map(String::strip)
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.replaceFirst("^import\\s+(static\\s+)?", ""))
                    .filter(name -> Stream.concat(PURE_JDK.stream(), rule.allowed().stream()).noneMatch(
                            allowed -> allowed.endsWith(";") ? name.equals(allowed) : name.startsWith(allowed)))
                    .toList();
            assertThat(bad).as("imports of " + source).isEmpty();
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain(IMPURE_CALLS.toArray(String[]::new));
        }
    }

    /**
     * The system clock is read once, where the command line is built; every command gets that clock, every decision
     * its time as a value. Two documented exceptions: the TUF cache's clean-up compares file modification times
     * (real time by nature), and {@code IndexConfig}'s builder default, which the command line always replaces.
     */
    @Test
    void onlyTheEntryPointReadsTheSystemClock() throws IOException {
        Set<String> allowed = Set.of("cli/PylockTrust.java", "trust/TufCacheDir.java", "index/IndexConfig.java");
        List<String> readers;
        try (Stream<Path> files = Files.walk(MAIN)) {
            readers = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String text = Files.readString(p);
                    return Stream.of("Instant.now(", "LocalDate.now(", "Clock.system", "ZonedDateTime.now(",
                            "OffsetDateTime.now(", "LocalDateTime.now(").anyMatch(text::contains);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(p -> MAIN.relativize(p).toString().replace('\\', '/')).filter(p -> !allowed.contains(p)).toList();
        }
        assertThat(readers).isEmpty();
    }
}
