package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Base64 in attestations: line breaks and blanks (some encoders wrap) are ignored; anything else must be valid. */
class JsonBase64Test {

    @Test
    void decodesWithOrWithoutWhitespace() {
        assertThat(text(Json.decodeBase64("YWJjZGVm", "x"))).isEqualTo("abcdef");
        assertThat(text(Json.decodeBase64("YWJj\r\nZGVm\n", "x"))).isEqualTo("abcdef");
        assertThat(text(Json.decodeBase64(" YW\tJj ZGVm", "x"))).isEqualTo("abcdef");
    }

    @Test
    void refusesEmptyTruncatedAndInvalid() {
        assertThatThrownBy(() -> Json.decodeBase64(" \n ", "a.b")).isInstanceOf(MalformedAttestationException.class)
                .hasMessage("a.b is empty");
        assertThatThrownBy(() -> Json.decodeBase64("YWJjZGV", "a.b")).isInstanceOf(MalformedAttestationException.class)
                .hasMessage("a.b is not valid base64: 7 characters is not a multiple of 4 (truncated?)");
        assertThatThrownBy(() -> Json.decodeBase64("YWJj\u00a0ZGV", "a.b"))
                .isInstanceOf(MalformedAttestationException.class).hasMessageStartingWith("a.b is not valid base64: ");
        assertThatThrownBy(() -> Json.decodeBase64("YW*jZGVm", "a.b"))
                .isInstanceOf(MalformedAttestationException.class).hasMessageStartingWith("a.b is not valid base64: ");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
