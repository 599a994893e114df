package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** ASCII-only case rules: look-alike letters never fold onto ASCII, and the default locale plays no part. */
class AsciiTest {
    /** Each folds onto an ASCII letter under {@code String.equalsIgnoreCase} or {@code toLowerCase(Locale.ROOT)}. */
    private static final String[][] LOOK_ALIKES = {
        {"pyp\u0131", "pypi"},            // dotless i
        {"pyp\u0130", "pypi"},            // capital I with dot above
        {"\u212Aeyring", "keyring"},      // Kelvin sign
        {"\u017Fha256", "sha256"},        // long s
    };

    @Test
    void asciiLettersFoldAndNothingElseDoes() {
        assertThat(Ascii.equalsIgnoreCase("Acme/Widget", "acme/widget")).isTrue();
        assertThat(Ascii.equalsIgnoreCase("acme", "acme2")).isFalse();
        for (String[] pair : LOOK_ALIKES) {
            assertThat(pair[0].equalsIgnoreCase(pair[1])).as("the JDK folds %s", pair[0]).isTrue();
            assertThat(Ascii.equalsIgnoreCase(pair[0], pair[1])).as(pair[0]).isFalse();
            assertThat(Ascii.startsWithIgnoreCase(pair[0] + "/x", pair[1])).as(pair[0]).isFalse();
        }
    }

    @Test
    void lowerCasingChangesOnlyAsciiCapitals() {
        assertThat(Ascii.toLowerCase("SHA256-Blake2B")).isEqualTo("sha256-blake2b");
        assertThat("bla\u212Ae2b".toLowerCase(Locale.ROOT)).as("the JDK maps the Kelvin sign to k").isEqualTo("blake2b");
        assertThat(Ascii.toLowerCase("BLA\u212AE2B")).isEqualTo("bla\u212Ae2b");
        assertThat(Ascii.toLowerCase("\u0130\u00C9")).isEqualTo("\u0130\u00C9");
        String already = "already-lower";
        assertThat(Ascii.toLowerCase(already)).isSameAs(already);
    }

    @Test
    void aTurkishDefaultLocaleChangesNothing() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat("TITLE".toLowerCase()).as("the trap: a default-locale lower-casing").isEqualTo("t\u0131tle");
            assertThat(Ascii.toLowerCase("TITLE")).isEqualTo("title");
            assertThat(Ascii.equalsIgnoreCase("PYPI", "pypi")).isTrue();
            assertThat(Ascii.equalsIgnoreCase("pyp\u0131", "pypi")).isFalse();
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void isAsciiLooksAtEveryCharacter() {
        assertThat(Ascii.isAscii("acme/widget\u007f")).isTrue();
        assertThat(Ascii.isAscii("acme/widge\u0442")).isFalse();
        assertThat(Ascii.isAscii("")).isTrue();
    }
}
