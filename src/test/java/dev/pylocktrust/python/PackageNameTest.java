package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackageNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "foo, foo", "Foo, foo", "fOo, foo", "foo.bar, foo-bar", "Foo.Bar, foo-bar", "Foo.....Bar, foo-bar",
        "foo_bar, foo-bar", "foo___bar, foo-bar", "foo-bar, foo-bar", "foo----bar, foo-bar", "a--b, a-b",
        "1--1, 1-1", "MarkupSafe, markupsafe", "zope.interface, zope-interface", "a, a", "0, 0",
        "Foo-_.Bar, foo-bar", "pypi_attestations, pypi-attestations",
    })
    void normalizes(String raw, String normalized) {
        PackageName name = PackageName.of(raw);
        assertThat(name.value()).isEqualTo(normalized);
        assertThat(name).hasToString(normalized);
        assertThat(PackageName.normalize(raw)).isEqualTo(normalized);
        assertThat(PackageName.isValid(raw)).isTrue();
        assertThat(PackageName.isNormalized(normalized)).isTrue();
        assertThat(PackageName.isNormalized(raw)).isEqualTo(raw.equals(normalized));
        assertThat(name).isEqualTo(PackageName.of(normalized)).isEqualTo(new PackageName(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_not_legal", "-foo", "foo-", "foo.", ".foo", "hi\n", "\nhi", "h\ni", "hi\r",
        "foo bar", "foo#bar", "foo/bar", "caf\u00e9", "\u212aelvin", "foo\u0000", "foo@1.0", "foo[bar]"})
    void rejectsInvalidNames(String raw) {
        assertThat(PackageName.isValid(raw)).isFalse();
        assertThatThrownBy(() -> PackageName.of(raw)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("invalid project name '");
    }

    @Test
    void messagesNameTheRule() {
        assertThatThrownBy(() -> PackageName.of("_not_legal"))
                .hasMessage("invalid project name '_not_legal': must start and end with an ASCII letter or digit"
                        + " (PEP 508)");
        assertThatThrownBy(() -> PackageName.of("foo#bar"))
                .hasMessage("invalid project name 'foo#bar': character '#' at index 3 is not allowed"
                        + " (PEP 508: ASCII letters, digits, '.', '_' and '-' only)");
        assertThatThrownBy(() -> PackageName.of("hi\n"))
                .hasMessage("invalid project name 'hi\\n': character U+000A at index 2 is not allowed"
                        + " (PEP 508: ASCII letters, digits, '.', '_' and '-' only)");
        assertThatThrownBy(() -> PackageName.of("")).hasMessage("invalid project name '': is empty");
        assertThatThrownBy(() -> PackageName.of("a".repeat(1001)))
                .hasMessageEndingWith("(1001 characters): is longer than 1000 characters");
    }

    @Test
    void filenameFormUsesUnderscores() {
        assertThat(PackageName.of("Foo.Bar-baz").filenameForm()).isEqualTo("foo_bar_baz");
    }

    @Test
    void normalizeDoesNotValidate() {
        assertThat(PackageName.normalize("_not_legal")).isEqualTo("-not-legal");
        assertThat(PackageName.isNormalized("-not-legal")).isFalse();
    }
}
