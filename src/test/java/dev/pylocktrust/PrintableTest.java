package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one sanitizer: what it escapes, what it keeps, and that it is idempotent. */
class PrintableTest {
    @Test
    void everyCharacterTheThreatModelNamesIsUnsafe() {
        IntStream.rangeClosed(0x00, 0x1f).forEach(cp -> assertThat(Printable.isUnsafe(cp)).as("C0 %x", cp).isTrue());
        IntStream.rangeClosed(0x7f, 0x9f).forEach(cp -> assertThat(Printable.isUnsafe(cp)).as("DEL/C1 %x", cp)
                .isTrue());
        IntStream.rangeClosed(0x202a, 0x202e).forEach(cp -> assertThat(Printable.isUnsafe(cp)).as("bidi %x", cp)
                .isTrue());
        IntStream.rangeClosed(0x2066, 0x2069).forEach(cp -> assertThat(Printable.isUnsafe(cp)).as("isolate %x", cp)
                .isTrue());
        for (int cp : new int[] {0x200e, 0x200f, 0x061c, 0x2028, 0x2029, 0x200b, 0xfeff, 0xe0041, 0xd800}) {
            assertThat(Printable.isUnsafe(cp)).as("%x", cp).isTrue();
        }
        for (int cp : new int[] {'a', ' ', '~', 0xe9, 0x131, 0x212a, 0x6771, 0x1f600}) {
            assertThat(Printable.isUnsafe(cp)).as("%x", cp).isFalse();
        }
    }

    @Test
    void oneLineEscapesNewlinesAndTextKeepsThem() {
        String s = "a\nb\r\nc\u202Ed\uD83D\uDE00";
        assertThat(Printable.of(s)).isEqualTo("a\\u000Ab\\u000D\\u000Ac\\u202Ed\uD83D\uDE00");
        assertThat(Printable.text(s)).isEqualTo("a\nb\\u000D\nc\\u202Ed\uD83D\uDE00");
        assertThat(Printable.lines(s)).containsExactly("a", "b", "c\\u202Ed\uD83D\uDE00");
        assertThat(Printable.of("\uDB40\uDC41")).isEqualTo("\\uE0041");
    }

    @Test
    void safeTextIsReturnedAsIsAndEscapingIsIdempotent() {
        String safe = "caf\u00e9 \u6771\u4eac acme/widget";
        assertThat(Printable.of(safe)).isSameAs(safe);
        String once = Printable.of("x\u001b[31m\u202E\u2028");
        assertThat(Printable.of(once)).isEqualTo(once);
    }
}
