package dev.pylocktrust.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pylocktrust.Printable;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The one JSON writer for machine output ({@code --format json} of every command): indented, and exact, with every
 * character {@link Printable} calls unsafe written as a JSON {@code \\uXXXX} escape. The data is unchanged (a JSON
 * parser reads back the same string) but the bytes hold no raw control, bidi or separator character, so the output
 * is safe to show in a terminal or a CI log and passes the output edge untouched. Characters outside the BMP are
 * written as escaped surrogate pairs, the only JSON spelling that cannot be misread.
 */
public final class JsonOutput {
    /** Use for {@code writeValueAsString}; build trees with it too. */
    public static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory().setCharacterEscapes(new Escapes()))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {}

    /** The document as text, without a final newline: how every report's JSON is written. */
    public static String write(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Escapes extends CharacterEscapes {
        private final int[] ascii;

        Escapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /** Called for every non-ASCII UTF-16 unit; a surrogate half alone cannot tell its code point, so all are escaped. */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (Character.isSurrogate((char) ch) || Printable.isUnsafe(ch)) {
                return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
            }
            return null;
        }
    }
}
