package dev.pylocktrust.attest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Strict, bounded reading of hostile PEP 740 JSON. Every error names the JSON path of the offending value.
 *
 * <p>Limits: {@link #MAX_DOCUMENT_BYTES} per document, nesting depth 32, and duplicate keys are rejected (two
 * parsers that pick different duplicates is a classic way to make a verifier and an installer disagree).
 */
final class Json {
    /** The largest provenance or attestation document accepted (PyPI's are about 10 KiB per attestation). */
    static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder(
                    com.fasterxml.jackson.core.JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxNestingDepth(32)
                                    .maxStringLength(MAX_DOCUMENT_BYTES)
                                    .maxNumberLength(64)
                                    .build())
                            .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** Parses a whole document, which must be a JSON object. */
    static ObjectNode parseObject(byte[] json, String what) {
        if (json == null) {
            throw new MalformedAttestationException(what + ": no content");
        }
        if (json.length > MAX_DOCUMENT_BYTES) {
            throw new MalformedAttestationException(what + " is " + json.length + " bytes, more than the limit of "
                    + MAX_DOCUMENT_BYTES + " bytes");
        }
        JsonNode node;
        try (JsonParser p = MAPPER.createParser(json)) {
            node = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new MalformedAttestationException(what + " is not valid JSON: trailing content after the object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedAttestationException(what + " is not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (NumberFormatException e) {
            // Jackson reports a float it cannot hold as a BigDecimal (e.g. 1E1111111111111) this way.
            throw new MalformedAttestationException(what + " is not valid JSON: a number is out of range", e);
        } catch (IOException e) {
            throw new MalformedAttestationException(what + " could not be read: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedAttestationException(what + " is empty");
        }
        if (!node.isObject()) {
            throw new MalformedAttestationException(what + " must be a JSON object, found " + typeName(node));
        }
        return (ObjectNode) node;
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    static ObjectNode object(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isObject()) {
            throw wrongType(path + "." + key, "an object", n);
        }
        return (ObjectNode) n;
    }

    static ArrayNode array(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isArray()) {
            throw wrongType(path + "." + key, "an array", n);
        }
        return (ArrayNode) n;
    }

    static String string(JsonNode parent, String key, String path) {
        JsonNode n = required(parent, key, path);
        if (!n.isTextual()) {
            throw wrongType(path + "." + key, "a string", n);
        }
        return n.textValue();
    }

    /** The integer literal 1, as PEP 740 requires for {@code version}; anything else is rejected. */
    static void versionOne(JsonNode parent, String path) {
        JsonNode n = required(parent, "version", path);
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() != 1) {
            throw new MalformedAttestationException(path + ".version must be the integer 1 (the only version PEP 740 "
                    + "defines), found " + shortText(n));
        }
    }

    static JsonNode required(JsonNode parent, String key, String path) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw new MalformedAttestationException(path + ": missing \"" + key + "\"");
        }
        return n;
    }

    /**
     * Decodes a standard base64 field (RFC 4648 alphabet with padding), tolerating embedded whitespace: older
     * pypi-attestations releases wrapped base64 at 76 characters. Missing padding is treated as truncation.
     */
    static byte[] base64(JsonNode parent, String key, String path) {
        String text = string(parent, key, path);
        return decodeBase64(text, path + "." + key);
    }

    static byte[] decodeBase64(String text, String path) {
        String compact = withoutWhitespace(text);
        if (compact.isEmpty()) {
            throw new MalformedAttestationException(path + " is empty");
        }
        if (compact.length() % 4 != 0) {
            throw new MalformedAttestationException(path + " is not valid base64: " + compact.length()
                    + " characters is not a multiple of 4 (truncated?)");
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new MalformedAttestationException(path + " is not valid base64: " + e.getMessage());
        }
    }

    /** {@code text} without spaces, tabs and line breaks (a copy only when it has some: the usual case has none). */
    private static String withoutWhitespace(String text) {
        int i = 0;
        while (i < text.length() && !isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    static List<JsonNode> elements(ArrayNode array, int max, String path) {
        if (array.size() > max) {
            throw new MalformedAttestationException(path + " has " + array.size() + " entries, more than the limit of "
                    + max);
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    static MalformedAttestationException wrongType(String path, String expected, JsonNode found) {
        return new MalformedAttestationException(path + " must be " + expected + ", found " + typeName(found));
    }

    static String typeName(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    static String shortText(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
