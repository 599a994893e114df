package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tomlj.Toml;

/** TOML value syntax, and backstops pinning the library behaviour that made us write our own. */
class TomlEmitterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plain                  | \"plain\"",
        "it's                   | \"it's\"",
        "a\"b\\c                | \"a\\\"b\\\\c\"",
        "caf\u00e9              | \"caf\\u00E9\"",
        "\u202e                 | \"\\u202E\"",
        "\uD83D\uDE00           | \"\\U0001F600\"",
        "\u007f                 | \"\\u007F\"",
    })
    void strings(String in, String expected) {
        assertThat(TomlEmitter.string(in)).isEqualTo(expected);
        assertThat(Toml.parse("k = " + expected).getString("k")).isEqualTo(in);
    }

    @Test
    void controlCharactersUseTomlEscapes() {
        assertThat(TomlEmitter.string("\b\t\n\f\r\u0000\u001f")).isEqualTo("\"\\b\\t\\n\\f\\r\\u0000\\u001F\"");
    }

    @Test
    void keys() {
        assertThat(TomlEmitter.key("upload-time")).isEqualTo("upload-time");
        assertThat(TomlEmitter.key("a.b")).isEqualTo("\"a.b\"");
        assertThat(TomlEmitter.key("")).isEqualTo("\"\"");
    }

    @Test
    void dateTimesAlwaysHaveSeconds() {
        assertThat(TomlEmitter.dateTime(Instant.parse("2025-01-25T11:30:00Z"))).isEqualTo("2025-01-25T11:30:00Z");
        assertThat(TomlEmitter.dateTime(Instant.parse("2025-01-25T11:30:10.164985Z")))
                .isEqualTo("2025-01-25T11:30:10.164985Z");
        assertThat(TomlEmitter.value(OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))))
                .isEqualTo("2025-01-01T00:00:00-05:00");
        assertThat(TomlEmitter.value(LocalDateTime.of(2025, 1, 1, 7, 0))).isEqualTo("2025-01-01T07:00:00");
        assertThat(TomlEmitter.value(LocalDate.of(2025, 1, 1))).isEqualTo("2025-01-01");
        assertThat(TomlEmitter.value(LocalTime.of(7, 0))).isEqualTo("07:00:00");
    }

    @Test
    void otherValues() {
        assertThat(TomlEmitter.value(List.of(1L, "a", true))).isEqualTo("[1, \"a\", true]");
        assertThat(TomlEmitter.value(RawTable.of(Map.of("b", 1L, "a", 2.5)))).isEqualTo("{ a = 2.5, b = 1 }");
        assertThat(TomlEmitter.value(RawTable.EMPTY)).isEqualTo("{}");
        assertThat(TomlEmitter.value(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(TomlEmitter.value(Double.NaN)).isEqualTo("nan");
        assertThat(TomlEmitter.value(1e300)).isEqualTo("1.0E300");
        assertThat(Toml.parse("k = 1.0E300").getDouble("k")).isEqualTo(1e300);
    }

    /** Backstop: tomlj's escaper writes {@code \'}, which TOML does not define; if this changes, revisit ours. */
    @Test
    void tomljEscapesSingleQuotesInvalidly() {
        assertThat(Toml.tomlEscape("it's").toString()).isEqualTo("it\\'s");
    }

    /** Backstop: {@code OffsetDateTime.toString()} drops zero seconds, which TOML requires. */
    @Test
    void javaDropsZeroSeconds() {
        assertThat(OffsetDateTime.parse("2025-01-25T11:30:00Z").toString()).isEqualTo("2025-01-25T11:30Z");
    }
}
