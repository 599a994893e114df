package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every annotation of {@code --format github} points at the right line of HEAD: read the line back from the file
 * (split the way an editor does, so CRLF files count the same) and check that it starts what the finding is about.
 * The golden {@code github.out} and {@code json.json} list the same findings in the same order; the JSON says which
 * package, file and kind each annotation is.
 */
class DiffAnnotationLinesTest {
    private static final Pattern ANNOTATION = Pattern.compile("^::(error|warning|notice) ([^:]*)::");
    private static final Pattern PROPERTY = Pattern.compile("(file|line|title)=([^,]*)");

    static Stream<String> cases() throws IOException {
        return DiffGoldenTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void annotationsPointAtTheChangedLines(String name) throws IOException {
        Path dir = DiffGoldenTest.DIR.resolve(name);
        List<String> annotations = Files.readAllLines(dir.resolve("github.out"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("::")).toList();
        JsonNode findings = new ObjectMapper().readTree(dir.resolve("json.json").toFile()).path("findings");
        assertThat(annotations).hasSize(findings.size());
        Path head = Path.of(DiffGoldenTest.args(name).get(DiffGoldenTest.args(name).size() - 1));
        List<String> lines = List.of(Files.readString(head, StandardCharsets.UTF_8).split("\r\n|\n", -1));

        for (int i = 0; i < annotations.size(); i++) {
            JsonNode f = findings.get(i);
            Matcher m = ANNOTATION.matcher(annotations.get(i));
            assertThat(m.find()).as(annotations.get(i)).isTrue();
            assertThat(m.group(1)).isEqualTo(f.path("severity").asText());
            String file = null;
            int line = 0;
            Matcher p = PROPERTY.matcher(m.group(2));
            while (p.find()) {
                if (p.group(1).equals("file")) {
                    file = p.group(2).replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
                } else if (p.group(1).equals("line")) {
                    line = Integer.parseInt(p.group(2));
                }
            }
            if (f.path("location").isNull()) {
                assertThat(file).as("no location, no file: %s", annotations.get(i)).isNull();
                continue;
            }
            assertThat(file).isEqualTo(head.toString());
            assertThat(line).isEqualTo(f.path("location").path("line").asInt());
            check(lines, line, f);
        }
    }

    /** The annotated line starts the element the finding is about, inside the right package entry. */
    private static void check(List<String> lines, int line, JsonNode f) {
        String text = lines.get(line - 1).strip();
        String pkg = f.path("package").asText();
        String code = f.path("code").asText();
        String why = f.path("code").asText() + " " + pkg + " at line " + line + ": " + text;
        if (code.startsWith("policy-")) {
            assertThat(text).as(why).isIn("[tool.pylock-trust]", "[[tool.pylock-trust.approved-identity-changes]]");
            if (text.startsWith("[[")) {
                assertThat(lines.get(line)).as(why).contains("package = \"" + pkg + "\"");
            }
            return;
        }
        assertThat(entryName(lines, line)).as(why).isEqualTo(pkg);
        switch (code) {
            case "identity-changed", "identity-recreated", "identity-change-approved", "first-use" -> assertThat(text)
                    .as(why).matches("\\[\\[packages\\.attestation-identities]]|.*\\{ *kind = .*");
            case "hash-changed" -> {
                // the file's own hashes line: the file's table starts at most a few lines above it
                assertThat(text).as(why).contains("hashes = ");
                assertThat(String.join("\n", lines.subList(Math.max(0, line - 5), line)).toLowerCase(Locale.ROOT))
                        .as(why).contains(firstFile(f).toLowerCase(Locale.ROOT));
            }
            case "lock-inconsistent" -> assertThat(text).as(why).contains(f.path("data").path("file").isNull()
                    ? "[[packages]]" : f.path("data").path("file").asText());
            case "file-host-changed", "attestation-missing", "attestation-missing-allowed", "attestation-invalid",
                    "provenance-unsupported", "files-changed" -> {
                if (!f.path("file").isNull() || code.equals("file-host-changed")
                        || code.equals("files-changed") && !f.path("data").path("added").isEmpty()) {
                    String first = firstFile(f);
                    assertThat(String.join("\n", lines.subList(line - 1, Math.min(lines.size(), line + 3)))
                            .toLowerCase(Locale.ROOT)).as(why).contains(first.toLowerCase(Locale.ROOT));
                }
            }
            default -> assertThat(text).as(why).isEqualTo("[[packages]]");
        }
    }

    /** The first file a finding names: its file, else the first in its data. */
    private static String firstFile(JsonNode f) {
        if (!f.path("file").isNull()) {
            return f.path("file").asText();
        }
        List<String> names = new ArrayList<>();
        f.path("data").path("files").forEach(x -> names.add(x.path("filename").asText()));
        f.path("data").path("added").forEach(x -> names.add(x.asText()));
        return names.get(0);
    }

    /** The {@code name} of the {@code [[packages]]} entry that contains this line. */
    private static String entryName(List<String> lines, int line) {
        int start = line - 1;
        while (start >= 0 && !lines.get(start).strip().equals("[[packages]]")) {
            start--;
        }
        assertThat(start).as("line %d is inside a [[packages]] entry", line).isGreaterThanOrEqualTo(0);
        for (int i = start + 1; i < lines.size() && !lines.get(i).strip().equals("[[packages]]"); i++) {
            Matcher m = Pattern.compile("^name = \"([^\"]+)\"").matcher(lines.get(i).strip());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no name in the entry at line " + (start + 1));
    }
}
