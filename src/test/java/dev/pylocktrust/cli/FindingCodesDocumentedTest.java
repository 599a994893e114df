package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.FindingCode.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary of finding codes, documented once: the code ({@link FindingCode}), the table in
 * {@code docs/trust-rules.md}, and each command's JSON schema list the same codes, in the same order, with the same
 * commands and severities.
 */
class FindingCodesDocumentedTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| ([a-z]+) \\| ([a-z, ]+) \\| (.+) \\|$");

    @Test
    void theDocsTableIsTheEnum() throws IOException {
        String page = Files.readString(Path.of("docs/trust-rules.md"));
        String section = page.substring(page.indexOf("\n## Finding codes\n"));
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            rows.add(m.group(1) + " | " + m.group(2) + " | " + m.group(3) + " | " + m.group(4));
        }
        List<String> expected = Arrays.stream(FindingCode.values()).map(c -> c.code() + " | " + c.severity().label()
                + " | " + c.commands().stream().sorted().map(x -> x.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + " | " + c.description()).toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void eachSchemaListsTheCodesOfItsCommand() throws IOException {
        Map<Command, String> schemas = Map.of(Command.LOCK, "schema/pylock-trust.lock-2.schema.json",
                Command.VERIFY, "schema/verify-report.schema.json", Command.DIFF, "schema/diff-report.schema.json");
        for (Map.Entry<Command, String> e : schemas.entrySet()) {
            JsonNode schema = M.readTree(Path.of(e.getValue()).toFile());
            List<String> listed = new ArrayList<>();
            schema.at("/$defs/finding/properties/code/enum").forEach(n -> listed.add(n.asText()));
            assertThat(listed).as(e.getValue()).containsExactlyElementsOf(Arrays.stream(FindingCode.values())
                    .filter(c -> c.commands().contains(e.getKey())).map(FindingCode::code).toList());
        }
    }

    @Test
    void codesAreKebabCaseAndUnique() {
        List<String> codes = Arrays.stream(FindingCode.values()).map(FindingCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"));
        for (FindingCode c : FindingCode.values()) {
            assertThat(FindingCode.of(c.code())).contains(c);
            assertThat(c.description()).isNotBlank().doesNotContain("|");
        }
    }
}
