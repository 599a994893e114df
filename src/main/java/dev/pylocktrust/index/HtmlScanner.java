package dev.pylocktrust.index;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A small, linear-time scanner for the HTML that PEP 503 pages use: {@code <meta>} and {@code <a>} start tags with
 * their attributes, and the text of each anchor. It is not a general HTML parser: comments are skipped, other tags
 * are ignored, and no regular expressions run over hostile input.
 */
final class HtmlScanner {
    private static final int MAX_ATTRIBUTES = 64;

    /** A start tag: lower-case name and attributes (first occurrence wins, as in browsers), values decoded. */
    record Tag(String name, Map<String, String> attributes) {}

    private final String html;
    private int pos;

    private HtmlScanner(String html) {
        this.html = html;
    }

    /**
     * Calls {@code onTag} for each {@code meta} and {@code a} start tag; for an anchor the second argument is its
     * text content (tags removed, entities decoded, trimmed), for meta it is the empty string.
     */
    static void scan(String html, BiConsumer<Tag, String> onTag) {
        new HtmlScanner(html).run(onTag);
    }

    private void run(BiConsumer<Tag, String> onTag) {
        while (true) {
            int lt = html.indexOf('<', pos);
            if (lt < 0) {
                return;
            }
            pos = lt + 1;
            if (html.startsWith("!--", pos)) {
                int end = html.indexOf("-->", pos + 3);
                pos = end < 0 ? html.length() : end + 3;
                continue;
            }
            if (pos >= html.length() || !isLetter(html.charAt(pos))) {
                skipToTagEnd();
                continue;
            }
            Tag tag = readTag();
            if (tag.name.equals("a")) {
                onTag.accept(tag, anchorText());
            } else if (tag.name.equals("meta")) {
                onTag.accept(tag, "");
            }
        }
    }

    private Tag readTag() {
        int start = pos;
        while (pos < html.length() && isNameChar(html.charAt(pos))) {
            pos++;
        }
        String name = html.substring(start, pos).toLowerCase(Locale.ROOT);
        Map<String, String> attrs = new LinkedHashMap<>();
        while (pos < html.length()) {
            skipSpace();
            if (pos >= html.length()) {
                break;
            }
            char c = html.charAt(pos);
            if (c == '>') {
                pos++;
                break;
            }
            if (c == '/') {
                pos++;
                continue;
            }
            int ns = pos;
            while (pos < html.length() && !isSpace(html.charAt(pos)) && "=>/".indexOf(html.charAt(pos)) < 0) {
                pos++;
            }
            String attr = html.substring(ns, pos).toLowerCase(Locale.ROOT);
            skipSpace();
            String value = "";
            if (pos < html.length() && html.charAt(pos) == '=') {
                pos++;
                skipSpace();
                value = Entities.decode(readValue());
            }
            if (!attr.isEmpty() && attrs.size() < MAX_ATTRIBUTES) {
                attrs.putIfAbsent(attr, value);
            }
        }
        return new Tag(name, attrs);
    }

    private String readValue() {
        if (pos >= html.length()) {
            return "";
        }
        char q = html.charAt(pos);
        if (q == '"' || q == '\'') {
            int end = html.indexOf(q, pos + 1);
            if (end < 0) {
                end = html.length();
            }
            String v = html.substring(pos + 1, end);
            pos = Math.min(html.length(), end + 1);
            return v;
        }
        int start = pos;
        while (pos < html.length() && !isSpace(html.charAt(pos)) && html.charAt(pos) != '>') {
            pos++;
        }
        return html.substring(start, pos);
    }

    /** The text up to the closing {@code </a>}, with nested tags removed. */
    private String anchorText() {
        StringBuilder text = new StringBuilder();
        while (pos < html.length()) {
            int lt = html.indexOf('<', pos);
            if (lt < 0) {
                text.append(html, pos, html.length());
                pos = html.length();
                break;
            }
            text.append(html, pos, lt);
            pos = lt + 1;
            boolean closesAnchor = pos + 1 < html.length() && html.charAt(pos) == '/'
                    && Character.toLowerCase(html.charAt(pos + 1)) == 'a'
                    && (pos + 2 >= html.length() || !isNameChar(html.charAt(pos + 2)));
            skipToTagEnd();
            if (closesAnchor) {
                break;
            }
        }
        return Entities.decode(text.toString()).strip();
    }

    private void skipToTagEnd() {
        int gt = html.indexOf('>', pos);
        pos = gt < 0 ? html.length() : gt + 1;
    }

    private void skipSpace() {
        while (pos < html.length() && isSpace(html.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':';
    }

    /** HTML character references: the five XML ones, {@code &nbsp;}, and numeric forms. Unknown ones stay as written. */
    static final class Entities {
        private static final Map<String, String> NAMED =
                Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

        private Entities() {}

        static String decode(String s) {
            int amp = s.indexOf('&');
            if (amp < 0) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length());
            int i = 0;
            while (amp >= 0) {
                out.append(s, i, amp);
                int semi = s.indexOf(';', amp);
                String replacement = semi > amp && semi - amp <= 12 ? reference(s.substring(amp + 1, semi)) : null;
                if (replacement == null) {
                    out.append('&');
                    i = amp + 1;
                } else {
                    out.append(replacement);
                    i = semi + 1;
                }
                amp = s.indexOf('&', i);
            }
            out.append(s, i, s.length());
            return out.toString();
        }

        private static String reference(String body) {
            if (body.startsWith("#")) {
                try {
                    int cp = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                            ? Integer.parseInt(body.substring(2), 16)
                            : Integer.parseInt(body.substring(1), 10);
                    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return NAMED.get(body);
        }
    }
}
