package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes a JSON tree in another spelling: whitespace between tokens, key order, {@code \\uXXXX} and {@code \/}
 * escapes, and optionally one member written twice. Every spelling but the duplicate decodes to the same tree, so a
 * document written with it must verify exactly as the original does.
 *
 * @param random drives the choices below (deterministic for a given seed)
 * @param whitespace probability of JSON whitespace (space, tab, CR, LF) between two tokens
 * @param shuffleKeys whether every object's keys are written in a random order
 * @param escapes probability that a string character is written as {@code \\uXXXX}
 * @param escapeSolidus whether every {@code /} in a string is written as {@code \/}
 * @param duplicate the JSON pointer of an object member to write a second time (null for none)
 * @param duplicateValue the value of the second copy
 */
record JsonSpelling(Random random, double whitespace, boolean shuffleKeys, double escapes, boolean escapeSolidus,
                    String duplicate, JsonNode duplicateValue) {

    private static final String[] SPACES = {" ", "\t", "\n", "\r\n", "  "};

    static JsonSpelling plain(long seed) {
        return new JsonSpelling(new Random(seed), 0, false, 0, false, null, null);
    }

    JsonSpelling withWhitespace(double probability) {
        return new JsonSpelling(random, probability, shuffleKeys, escapes, escapeSolidus, duplicate, duplicateValue);
    }

    JsonSpelling withShuffledKeys() {
        return new JsonSpelling(random, whitespace, true, escapes, escapeSolidus, duplicate, duplicateValue);
    }

    JsonSpelling withEscapes(double probability) {
        return new JsonSpelling(random, whitespace, shuffleKeys, probability, escapeSolidus, duplicate, duplicateValue);
    }

    JsonSpelling withEscapedSolidus() {
        return new JsonSpelling(random, whitespace, shuffleKeys, escapes, true, duplicate, duplicateValue);
    }

    /** Writes the member at {@code pointer} (e.g. {@code /envelope/signature}) a second time, with {@code value}. */
    JsonSpelling withDuplicate(String pointer, JsonNode value) {
        return new JsonSpelling(random, whitespace, shuffleKeys, escapes, escapeSolidus, pointer, value);
    }

    byte[] write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        space(out);
        value(node, "", out);
        space(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(JsonNode node, String pointer, StringBuilder out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            if (shuffleKeys) {
                Collections.shuffle(keys, random);
            }
            out.append('{');
            boolean first = true;
            for (String key : keys) {
                String child = SeedDocument.child(pointer, key);
                first = member(key, node.get(key), child, first, out);
                if (child.equals(duplicate)) {
                    first = member(key, duplicateValue, child + "#2", first, out);
                }
            }
            space(out);
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    space(out);
                    out.append(',');
                }
                space(out);
                value(node.get(i), pointer + "/" + i, out);
            }
            space(out);
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    private boolean member(String key, JsonNode value, String pointer, boolean first, StringBuilder out) {
        if (!first) {
            space(out);
            out.append(',');
        }
        space(out);
        string(key, out);
        space(out);
        out.append(':');
        space(out);
        value(value, pointer, out);
        return false;
    }

    private void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escapes > 0 && random.nextDouble() < escapes) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '/' && escapeSolidus) {
                out.append("\\/");
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private void space(StringBuilder out) {
        if (whitespace > 0 && random.nextDouble() < whitespace) {
            out.append(SPACES[random.nextInt(SPACES.length)]);
        }
    }
}
