package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://user:token@pypi.example/simple/ | https://***@pypi.example/simple/",
        "--index-url=https://token@host/x        | --index-url=https://***@host/x",
        "https://pypi.org/simple/                | https://pypi.org/simple/",
        "a@b.example                             | a@b.example",
        "https://user:p@ss@host/simple/          | https://***@host/simple/",
        "https://host/simple/?token=s3cret&x=1   | https://host/simple/?token=***&x=***",
        "https://host/simple/#frag@x             | https://host/simple/#frag@x",
        "https://host/a@b/simple/                | https://host/a@b/simple/",
        "req?x=1.txt                             | req?x=1.txt",
    })
    void redactsUrlCredentials(String in, String expected) {
        assertThat(CommandLineText.redact(in)).isEqualTo(expected);
    }

    @Test
    void quotesForPosixShells() {
        assertThat(CommandLineText.render(List.of("pylock-trust", "lock", "-r", "req s.txt", "", "a'b", "x;rm")))
                .isEqualTo("pylock-trust lock -r 'req s.txt' '' 'a'\\''b' 'x;rm'");
    }

    @Test
    void controlCharactersCannotEndTheComment() {
        assertThat(CommandLineText.render(List.of("a\nb\r\u2028c"))).isEqualTo("'a\\u000Ab\\u000D\\u2028c'");
    }

    @Test
    void bidiControlsCannotReorderTheCommentInAReview() {
        assertThat(CommandLineText.render(List.of("--index-url", "https://good.example/\u202Elive.\u2066")))
                .isEqualTo("--index-url 'https://good.example/\\u202Elive.\\u2066'");
    }
}
