package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON for signing test TUF metadata, the way TUF's reference implementation (securesystemslib) writes it:
 * objects with keys in order, no whitespace, integers only, strings with only {@code "} and {@code \} escaped (a
 * newline inside a PEM key stays a raw newline). sigstore-java verifies with a fork of RFC 8785 that passes newlines
 * through for exactly this reason; for the printable ASCII and newlines used here the two agree. Written
 * independently of both.
 */
final class CanonicalJson {
    private CanonicalJson() {}

    static byte[] bytes(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(keys.get(i), sb);
                sb.append(':');
                write(n.get(keys.get(i)), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(n.asText(), sb);
        } else if (n.isIntegralNumber()) {
            sb.append(n.asLong());
        } else if (n.isBoolean()) {
            sb.append(n.asBoolean());
        } else if (n.isNull()) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException("not canonical: " + n);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if ((c < 0x20 && c != '\n') || c > 0x7e) {
                throw new IllegalArgumentException("only printable ASCII and newlines are used in test metadata");
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
