package dev.pylocktrust.toml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pylocktrust.testkit.python.JsonLinesProcess;
import dev.pylocktrust.testkit.python.Python3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * What {@link SubsetParser} accepts it reads exactly as Python's {@code tomllib} (what pip reads {@code pylock.toml}
 * with) and as tomlj (which reads everything else), on every TOML file in the test resources and on mutations of
 * them; what {@code tomllib} rejects it declines. A lock that our verifier reads one way and the installer another
 * would let a reviewed lock install something unreviewed.
 *
 * <p>{@code -Dtoml.differential.mutants=N} (default 4,000) and {@code -Dtoml.differential.seed=S} run more or other
 * mutants; a failure names the seed and the mutant. Needs {@code python3} 3.11+; without it the test fails.
 */
class SubsetParserDifferentialTest {
    private static final Path RESOURCES = Path.of("src/test/resources");
    /** Every construct the subset parser reads; also a committed input of {@code SubsetParserFuzzTest}. */
    private static final Path SEED =
            RESOURCES.resolve("dev/pylocktrust/toml/SubsetParserFuzzTestInputs/subset/seed.toml");

    /**
     * Lock files the subset parser must read: what pylock-trust, uv and pip write. (The {@code everything} golden
     * keeps another tool's local dates and times, which are outside the subset.)
     */
    private static final List<Path> MUST_ACCEPT = List.of(SEED,
            RESOURCES.resolve("golden/lockfile/pep751-example.pylock.toml"),
            RESOURCES.resolve("golden/lockfile/uv-export.pylock.toml"),
            RESOURCES.resolve("fixtures/pylock/uv-export.pylock.toml"),
            RESOURCES.resolve("golden/diff/pip-lockfiles/pylock.head.toml"));

    /** Pieces a mutation inserts: TOML's delimiters, and values at the edges of the subset and of TOML. */
    private static final List<String> PIECES = List.of("\"", "'", "\"\"\"", "'''", "[", "]", "[[", "]]", "{", "}",
            "=", ",", ".", "#", "\n", "\r\n", "\r", " ", "\t", "\\", "\\u00e9", "\\uD800", "\\U0001F600",
            "\\U00110000", "\\x41", "\\e", "0", "-1", "+1", "01", "1_000", "0x1F", "1.5", "1e3", "inf", "nan", "true",
            "false", "tru", "2024-02-30T00:00:00Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
            "1979-05-27T07:32:00.999999999+07:00", "1979-05-27 07:32:00Z", "1979-05-27t07:32:00z",
            "2024-01-01T00:00:60Z", "2024-01-01T00:00:00+19:00", "2024-01-01T00:00:00+18:00",
            "2000-02-09T23:59:55-00:30", "1979-05-27",
            "07:32:00", "07:32:00.5", "24:00:00", "07:32", "1979-05-27T07:32:00", "1979-05-27T07:32",
            "2025-03-06T12:28:57.7607691", "a.b", "\"a\".b", "\u0000", "\u007f", "\u0008", "\u00a0", "\u00e9",
            "\uD83D\uDE00", "\uFEFF",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "\n[packages]\n", "\n[[packages]]\n", "\npackages = []\n", "\n[tool]\n", "\ntool.x = 1\n", "\n[a]\n",
            "\n[a.b]\n", "\na.b = 1\n", "\n[[a]]\n", "\na = { b = 1 }\n", "\n[a.b.c]\n", "\n[[tool.list]]\n",
            "\n[tool.a]\n", "\n[packages.tool]\n", "\n[[packages.wheels]]\n", "x = 1", "{ a.b = 1, a.c = 2 }",
            "{ a = {}, a.b = 1 }", "[1,]", "[,]", "{a=1,}");

    private static JsonLinesProcess tomllib;

    @BeforeAll
    static void startPython() throws IOException {
        tomllib = new JsonLinesProcess("tomllib", new ProcessBuilder(Python3.require().executable().toString(),
                "-c", TomlCanon.PYTHON_LINES).redirectError(ProcessBuilder.Redirect.INHERIT));
    }

    @AfterAll
    static void stopPython() throws IOException {
        tomllib.close();
    }

    @Test
    void everyTomlFileInTheTestsReadsAsTomllibAndTomljReadIt() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30).containsAll(MUST_ACCEPT);
        int accepted = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Optional<TomlTree.Table> subset = SubsetParser.parse(text);
            if (MUST_ACCEPT.contains(file)) {
                assertThat(subset).as("%s is in the subset (declined at %s)", file, SubsetParser.declinedAt(text))
                        .isPresent();
            }
            if (subset.isPresent()) {
                accepted++;
                assertThat(assertSameReading(file.toString(), text, subset.get(), ask(text)))
                        .as("tomlj reads %s", file).isTrue();
            }
        }
        assertThat(accepted).isGreaterThan(files.size() / 2);
    }

    @Test
    void mutantsReadAsTomllibAndTomljReadThem() throws IOException {
        long seed = Long.getLong("toml.differential.seed", 20261205L);
        int count = Integer.getInteger("toml.differential.mutants", 4_000);
        // Ours, uv's (inline tables), pip's ([[packages.wheels]] and [x.hashes] sections), the PEP's example.
        List<String> seeds = List.of(Files.readString(SEED, StandardCharsets.UTF_8),
                head(RESOURCES.resolve("fixtures/pylock/uv-export.pylock.toml"), 40),
                head(RESOURCES.resolve("golden/lockfile/everything.pylock.toml"), 80),
                read("golden/diff/pip-lockfiles/pylock.head.toml"), read("golden/lockfile/pep751-example.pylock.toml"));
        Random random = new Random(seed);
        int accepted = 0;
        int declinedValid = 0;
        int declinedInvalid = 0;
        int tomljRejects = 0;
        for (int i = 0; i < count; i++) {
            String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            if (hasLoneSurrogate(mutant)) {
                continue; // text decoded from UTF-8 never has one
            }
            String what = "mutant " + i + " of seed " + seed + ":\n" + mutant;
            JsonNode python = ask(mutant);
            Optional<TomlTree.Table> subset = SubsetParser.parse(mutant);
            if (subset.isPresent()) {
                accepted++;
                tomljRejects += assertSameReading(what, mutant, subset.get(), python) ? 0 : 1;
            } else if (python.has("data")) {
                declinedValid++;
            } else {
                declinedInvalid++;
            }
        }
        System.out.printf("SubsetParserDifferentialTest: %,d mutants (seed %d): %,d read alike (of them %,d that tomlj "
                + "rejects or misreads), %,d valid but declined, %,d invalid and declined%n", count, seed, accepted, tomljRejects,
                declinedValid, declinedInvalid);
        // Neither side may be trivially empty: the mutants exercise acceptance and refusal.
        assertThat(accepted).isGreaterThan(count / 10);
        assertThat(declinedInvalid).isGreaterThan(count / 5);
    }

    /**
     * The subset's reading equals tomllib's data and, where tomlj reads the text at all, tomlj's data and lines.
     * (tomlj 1.1.1 rejects some valid TOML, e.g. a date-time at the start of a line inside an array, and misreads
     * some, {@link TomlCanon#tomljMisreads}; tomllib is the reference.) Returns whether tomlj's reading was compared.
     */
    private static boolean assertSameReading(String what, String text, TomlTree.Table subset, JsonNode python) {
        assertThat(python.has("data")).as("tomllib rejects what the subset parser accepted (%s): %s", what,
                python.path("error").asText()).isTrue();
        assertThat(TomlCanon.canon(subset)).as("tomllib's reading of %s", what)
                .isEqualTo(python.get("data").asText());
        TomlParseResult tomlj = Toml.parse(text, TomlVersion.V1_0_0);
        if (tomlj.hasErrors() || TomlCanon.tomljMisreads(text)) {
            return false;
        }
        TomlTree.Table fromTomlj = TomljTrees.of(tomlj, text);
        assertThat(TomlCanon.canon(subset)).as("tomlj's reading of %s", what).isEqualTo(TomlCanon.canon(fromTomlj));
        assertThat(TomlCanon.lines(subset)).as("tomlj's lines in %s", what).isEqualTo(TomlCanon.lines(fromTomlj));
        return true;
    }

    private static JsonNode ask(String text) throws IOException {
        return tomllib.ask(Map.of("toml", text));
    }

    /** Mostly one edit, sometimes two or three: delete, insert a piece, replace a character, copy a line. */
    private static String mutate(String text, Random random) {
        String out = text;
        int edits = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
        for (int e = 0; e < edits && !out.isEmpty(); e++) {
            int at = random.nextInt(out.length());
            out = switch (random.nextInt(5)) {
                case 0 -> out.substring(0, at) + out.substring(Math.min(out.length(), at + 1 + random.nextInt(4)));
                case 1, 2 -> out.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + out.substring(at);
                case 3 -> out.substring(0, at) + PIECES.get(random.nextInt(PIECES.size())) + out.substring(at + 1);
                default -> moveLine(out, random);
            };
        }
        return out;
    }

    /** Copies one line before another or over it: redefined keys and tables, headers out of order. */
    private static String moveLine(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String line = lines.get(random.nextInt(lines.size()));
        int to = random.nextInt(lines.size());
        if (random.nextBoolean()) {
            lines.add(to, line);
        } else {
            lines.set(to, line);
        }
        return String.join("\n", lines);
    }

    private static String read(String resource) throws IOException {
        return Files.readString(RESOURCES.resolve(resource), StandardCharsets.UTF_8);
    }

    private static String head(Path file, int lines) throws IOException {
        return String.join("\n", Files.readAllLines(file, StandardCharsets.UTF_8).subList(0, lines)) + "\n";
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
