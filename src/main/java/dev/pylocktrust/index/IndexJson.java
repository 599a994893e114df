package dev.pylocktrust.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one JSON reader for index data, with limits: nesting depth, string length, and strict duplicate-key detection
 * (a page with two {@code provenance} keys must not mean one thing to us and another to pip).
 */
final class IndexJson {
    /** No index document nests deeper than a handful of levels; provenance reaches about 8. */
    static final int MAX_DEPTH = 64;
    /** Longer than any URL, digest, certificate or statement in a real document. */
    static final int MAX_STRING = 4 << 20;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(64)
                    .maxNameLength(1024)
                    .build())
            .build());

    private IndexJson() {}

    static JsonParser parser(byte[] body) throws IOException {
        return MAPPER.getFactory().createParser(body);
    }

    /** Parses a whole document as a tree; it must be a single JSON object with nothing after it. */
    static JsonNode readObject(byte[] body, String what) {
        try (JsonParser p = parser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IndexFormatException(what + " is not a JSON object");
            }
            JsonNode node = p.readValueAsTree();
            expectEnd(p, what);
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(what, e);
        } catch (IOException e) {
            throw new IndexFormatException(what + " could not be read: " + e.getMessage(), e);
        }
    }

    static void expectEnd(JsonParser p, String what) throws IOException {
        if (p.nextToken() != null) {
            throw new IndexFormatException(what + " has data after the end of the JSON value (line "
                    + p.currentLocation().getLineNr() + ")");
        }
    }

    /** A parse error with its position, without echoing large chunks of hostile input. */
    static IndexFormatException malformed(String what, JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int marker = reason == null ? -1 : reason.indexOf(" (start marker at");
        if (marker > 0) {
            reason = reason.substring(0, marker);
        }
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new IndexFormatException(what + " is not valid JSON" + where + ": " + Texts.clip(reason), e);
    }
}
