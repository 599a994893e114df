package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreMetadataParserTest {
    static CoreMetadata parse(String text) {
        return CoreMetadataParser.parse(text.getBytes(StandardCharsets.UTF_8), "m");
    }

    @Test
    void realWorldFields() {
        CoreMetadata m = parse("Metadata-Version: 2.4\r\nName: MarkupSafe\r\nVersion: 3.0.2\r\n"
                + "Summary: Safely add untrusted strings\r\nrequires-python: >=3.9\r\n"
                + "Requires-Dist: pytest ; extra == 'test'\r\nRequires-Dist: typing-extensions>=4;\r\n"
                + "  python_version < \"3.11\"\r\nProvides-Extra: test\r\nDynamic: license-file\r\n\r\n"
                + "Requires-Dist: not-a-header-but-description\n");
        assertThat(m).isEqualTo(new CoreMetadata("2.4", "MarkupSafe", "3.0.2",
                List.of("pytest ; extra == 'test'", "typing-extensions>=4; python_version < \"3.11\""),
                Optional.of(">=3.9"), List.of("test"), List.of("license-file")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'Name: a\nVersion: 1\n'                               | lacks a required field",
        "'Metadata-Version: 2.1\nName: a\nName: b\nVersion: 1\n' | has two 'Name' fields",
        "' continued\nName: a\n'                               | starts with a continuation line",
        "'Metadata-Version: 2.1\nthis is not a header\n'         | line 2 is not a 'Field: value' header",
    })
    void malformed(String text, String problem) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(IndexFormatException.class).hasMessageContaining(problem);
    }

    @Test
    void invalidUtf8IsRefused() {
        assertThatThrownBy(() -> CoreMetadataParser.parse(new byte[] {'N', ':', (byte) 0xc3}, "m"))
                .hasMessage("the core metadata m is not valid UTF-8");
    }
}
