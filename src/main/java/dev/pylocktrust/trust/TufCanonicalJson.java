package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The bytes TUF signatures are made over: the {@code signed} object in the canonical JSON of TUF's reference
 * implementation (securesystemslib's {@code encode_canonical}, also what Sigstore's root-signing uses). Object keys
 * sorted by code point, no whitespace, integers only, and strings with only {@code \} and {@code "} escaped: every
 * other character, a newline in a PEM key included, is written as is (this is not RFC 8785).
 */
final class TufCanonicalJson {
    private TufCanonicalJson() {}

    /** @throws IllegalArgumentException for a number with a fraction or an exponent (canonical JSON has none) */
    static byte[] bytes(JsonNode node) {
        StringBuilder sb = new StringBuilder(1024);
        write(node, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, StringBuilder sb) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>(n.size());
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.sort(TufCanonicalJson::byCodePoint);
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
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(n.get(i), sb);
                }
                sb.append(']');
            }
            case STRING -> string(n.textValue(), sb);
            case NUMBER -> {
                if (!n.isIntegralNumber()) {
                    throw new IllegalArgumentException("a number with a fraction or an exponent");
                }
                sb.append(n.bigIntegerValue());
            }
            case BOOLEAN -> sb.append(n.booleanValue());
            case NULL -> sb.append("null");
            default -> throw new IllegalArgumentException("a value JSON does not have");
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** Python's string order (code points), which differs from {@link String#compareTo} above U+FFFF. */
    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
