package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The on-disk record of a failed refresh: what is written, and that anything not exactly that is ignored. */
class RefreshFailureTest {
    static final Instant AT = Instant.parse("2026-11-21T12:00:00.123456Z");
    static final String URL = "https://tuf-repo-cdn.sigstore.dev/";

    private static String valid(String reason, String consecutive) {
        return "format=1\nrepository=" + URL.replace(":", "\\:") + "\nfailed-at=2026-11-21T12\\:00\\:00Z\nreason="
                + reason + "\nconsecutive=" + consecutive + "\n";
    }

    private static Optional<RefreshFailure> parse(String text) {
        return RefreshFailure.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        RefreshFailure f = new RefreshFailure(URL, AT, "2.root.json: HTTP 503 for 2.root.json; ünïcode", 3);

        assertThat(RefreshFailure.parse(f.toBytes())).contains(f);
        assertThat(new String(f.toBytes(), StandardCharsets.ISO_8859_1))
                .contains("\nformat=1\n")
                .contains("\nrepository=https\\://tuf-repo-cdn.sigstore.dev/\n")
                .contains("\nfailed-at=2026-11-21T12\\:00\\:00.123456Z\n")
                .contains("\nconsecutive=3\n");
    }

    @Test
    void aHandWrittenRecordIsRead() {
        assertThat(parse(valid("no answer within 3 s", "2"))).contains(
                new RefreshFailure(URL, Instant.parse("2026-11-21T12:00:00Z"), "no answer within 3 s", 2));
    }

    static Stream<Arguments> malformed() {
        String head = "format=1\nrepository=u\nfailed-at=2026-11-21T12:00:00Z\n";
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("not properties", "\u0000\u0001{\"json\": true}"),
                Arguments.of("no format", "repository=u\nfailed-at=2026-11-21T12:00:00Z\nreason=r\nconsecutive=1"),
                Arguments.of("a later format", head.replace("format=1", "format=2") + "reason=r\nconsecutive=1"),
                Arguments.of("no repository", head.replace("repository=u\n", "") + "reason=r\nconsecutive=1"),
                Arguments.of("no time", "format=1\nrepository=u\nreason=r\nconsecutive=1"),
                Arguments.of("a time without zone", head.replace("00Z", "00") + "reason=r\nconsecutive=1"),
                Arguments.of("a time that is not a time", head.replace("2026-11-21T12:00:00Z", "yesterday")
                        + "reason=r\nconsecutive=1"),
                Arguments.of("no reason", head + "consecutive=1"),
                Arguments.of("no count", head + "reason=r"),
                Arguments.of("count 0", head + "reason=r\nconsecutive=0"),
                Arguments.of("count 10000", head + "reason=r\nconsecutive=10000"),
                Arguments.of("negative count", head + "reason=r\nconsecutive=-1"),
                Arguments.of("a count that is not a number", head + "reason=r\nconsecutive=x"),
                Arguments.of("an escape sequence (raw)", head + "reason=\u001b[2Jr\nconsecutive=1"),
                Arguments.of("an escape sequence (escaped)", head + "reason=\\u001b[2Jr\nconsecutive=1"),
                Arguments.of("a line break (escaped)", head + "reason=a\\nb\nconsecutive=1"),
                Arguments.of("a bidi override (escaped)", head + "reason=\\u202Er\nconsecutive=1"),
                Arguments.of("padded white space", head + "reason=a  b\nconsecutive=1"),
                Arguments.of("a broken unicode escape", head + "reason=\\u12\nconsecutive=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void anythingElseIsIgnored(String name, String text) {
        assertThat(parse(text)).isEmpty();
    }

    @Test
    void aReasonLongerThanTheLimitIsIgnoredWhenRead() {
        assertThat(parse(valid("r".repeat(RefreshFailure.MAX_REASON_CHARS), "1"))).isPresent();
        assertThat(parse(valid("r".repeat(RefreshFailure.MAX_REASON_CHARS + 1), "1"))).isEmpty();
    }

    @Test
    void aFileLargerThanTheLimitIsIgnoredEvenIfItIsAValidRecord() {
        String record = valid("r", "1");
        String padded = record + "#" + "x".repeat(RefreshFailure.MAX_BYTES - record.length() - 2) + "\n";
        assertThat(padded).hasSize(RefreshFailure.MAX_BYTES);
        assertThat(parse(padded)).isPresent();

        assertThat(parse(padded + "#")).isEmpty();
    }

    @Test
    void reasonsAreOnePrintableLine() {
        record Case(String reason, String expected) {}
        for (Case c : List.of(
                new Case("  cannot connect\r\n\t (refused)  ", "cannot connect (refused)"),
                new Case("HTTP 503 \u001b[31mred\u0007", "HTTP 503 ?[31mred?"),
                new Case("a\u202Eb\u200Bc\u2028d\uE000", "a?b?c?d?"),
                new Case("ü € 日本 (x)", "ü € 日本 (x)"))) {
            assertThat(RefreshFailure.clean(c.reason())).as(c.reason()).isEqualTo(c.expected());
            assertThat(new RefreshFailure(URL, AT, c.reason(), 1).reason()).isEqualTo(c.expected());
        }
    }

    @Test
    void longReasonsAreCutAndStayValid() {
        String cut = RefreshFailure.clean("é".repeat(1000));
        assertThat(cut).hasSize(RefreshFailure.MAX_REASON_CHARS).endsWith("...");
        assertThat(RefreshFailure.clean(cut)).isEqualTo(cut);

        // Cut between code points, never inside a surrogate pair, and still readable back.
        String emoji = RefreshFailure.clean("\uD83D\uDE00".repeat(1000));
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(RefreshFailure.MAX_REASON_CHARS);
        assertThat(emoji).doesNotContain("?");
        RefreshFailure f = new RefreshFailure(URL, AT, emoji, 1);
        assertThat(RefreshFailure.parse(f.toBytes())).contains(f);

        String exact = "r".repeat(RefreshFailure.MAX_REASON_CHARS);
        assertThat(RefreshFailure.clean(exact)).isEqualTo(exact);
    }
}
