package dev.pylocktrust.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.Printable;
import org.junit.jupiter.api.Test;

/** Machine output stays exact and valid JSON, with no raw character the output edge would have to touch. */
class JsonOutputTest {
    @Test
    void unsafeCharactersAreJsonEscapesAndTheDataReadsBackUnchanged() throws Exception {
        String hostile = "a\u001b[2J\u007f\u0085\u202Eb\u2066\u2028\u200Fc\uD83D\uDE00\uDB40\uDC41 caf\u00e9 \u6771\n";
        var node = JsonOutput.MAPPER.createObjectNode().put("value", hostile);
        String json = JsonOutput.MAPPER.writeValueAsString(node);
        assertThat(json.codePoints().filter(cp -> cp != '\n' && Printable.isUnsafe(cp))).isEmpty();
        assertThat(json).contains("a\\u001B[2J\\u007F\\u0085\\u202Eb\\u2066\\u2028\\u200Fc\\uD83D\\uDE00\\uDB40\\uDC41"
                + " caf\u00e9 \u6771\\n");
        assertThat(new ObjectMapper().readTree(json).get("value").textValue()).isEqualTo(hostile);
    }
}
