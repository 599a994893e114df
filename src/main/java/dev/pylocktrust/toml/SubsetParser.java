package dev.pylocktrust.toml;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the part of TOML 1.0 that lock files are written in, in one pass and with little memory; anything else it
 * declines, and the caller reads that text with the full parser (tomlj).
 *
 * <p>A lock is read by pip with Python's {@code tomllib}, so what this parser accepts it must read exactly as
 * {@code tomllib} does: {@code SubsetParserDifferentialTest} holds it to that on every lock in the test suite and on
 * mutations of them. To keep that provable the subset is narrow, and every doubt is a refusal:
 *
 * <ul>
 *   <li>values: single-line basic and literal strings, decimal integers without underscores that fit a
 *       {@code long}, {@code true}/{@code false}, dates and times as RFC 3339 writes them
 *       ({@code 2025-01-25T11:30:10Z}, {@code +hh:mm} offsets, local date-times, dates and times; at most six
 *       fraction digits), arrays, single-line inline tables. Multi-line strings, floats and other integer forms
 *       are declined;
 *   <li>tables: {@code [a.b]} may pass through tables made by headers and through the last element of a
 *       {@code [[x]]} array; it may not name a table that exists in any way (TOML allows a header for a table made
 *       implicitly by an earlier header once; declined), nor pass through a table made by dotted keys or an inline
 *       table. Dotted keys may extend only tables made by dotted keys. A key written twice is declined.
 * </ul>
 *
 * <p>Declining is never an answer about validity: the full parser decides whether declined text is TOML at all.
 */
public final class SubsetParser {
    /**
     * Deeper nesting (counting each key of a header or dotted key, each inline array and table) is declined: no lock
     * needs it, and it bounds the recursion.
     */
    static final int MAX_NESTING = 32;

    private static final Pattern INTEGER = Pattern.compile("[+-]?(?:0|[1-9][0-9]{0,18})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,6}))?"
                    + "(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))?)?");
    private static final Pattern LOCAL_TIME = Pattern.compile("([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,6}))?");

    private final String s;
    private final int n;
    private int pos;
    private int line = 1;

    private SubsetParser(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** The document as a tree, or empty when the text is outside the subset (or not TOML). */
    public static Optional<TomlTree.Table> parse(String text) {
        try {
            return Optional.of(new SubsetParser(text).document().freeze());
        } catch (Declined e) {
            return Optional.empty();
        }
    }

    /** Where the parser gave up on {@code text}, as {@code line:offset}, or empty if it did not (for tests). */
    static Optional<String> declinedAt(String text) {
        SubsetParser parser = new SubsetParser(text);
        try {
            parser.document();
            return Optional.empty();
        } catch (Declined e) {
            return Optional.of(parser.line + ":" + parser.pos);
        }
    }

    /** Thrown inside the parser to give up; never leaves it. */
    private static final class Declined extends RuntimeException {
        Declined() {
            super(null, null, false, false);
        }
    }

    private static Declined decline() {
        return new Declined();
    }

    /** How a table came to exist, which decides what may add to it later. */
    private enum Kind { HEADER, IMPLICIT, DOTTED, INLINE }

    private static final class Node {
        final Kind kind;
        final int depth; // below the root
        final Map<String, Object> values = new LinkedHashMap<>();
        final Map<String, Integer> lines = new HashMap<>();

        Node(Kind kind, int depth) {
            if (depth > MAX_NESTING) {
                throw decline();
            }
            this.kind = kind;
            this.depth = depth;
        }

        void put(String key, Object value, int line) {
            if (values.putIfAbsent(key, value) != null) {
                throw decline(); // a key written twice: not TOML; the full parser words the error
            }
            lines.put(key, line);
        }

        TomlTree.Table freeze() {
            Map<String, TomlTree.Entry> out = new LinkedHashMap<>(values.size() * 2);
            values.forEach((k, v) -> out.put(k, new TomlTree.Entry(frozen(v), lines.get(k))));
            return new TomlTree.Table(out);
        }
    }

    private static final class Elements {
        final boolean ofTables; // made by [[x]] headers; an inline array can never be extended
        final List<Object> values = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        Elements(boolean ofTables) {
            this.ofTables = ofTables;
        }

        void add(Object value, int line) {
            values.add(value);
            lines.add(line);
        }

        TomlTree.Array freeze() {
            List<TomlTree.Entry> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                out.add(new TomlTree.Entry(frozen(values.get(i)), lines.get(i)));
            }
            return new TomlTree.Array(out);
        }
    }

    private static Object frozen(Object v) {
        if (v instanceof Node node) {
            return node.freeze();
        }
        if (v instanceof Elements elements) {
            return elements.freeze();
        }
        return v;
    }

    private Node document() {
        Node root = new Node(Kind.HEADER, 0);
        Node current = root;
        while (true) {
            skipSpaces();
            if (pos >= n) {
                return root;
            }
            char c = s.charAt(pos);
            if (c == '[') {
                current = header(root);
            } else if (c != '#' && c != '\n' && c != '\r') {
                keyValue(current);
            }
            endOfLine();
        }
    }

    /** {@code [a.b]} or {@code [[a.b]]}; returns the table that the following key/value lines fill. */
    private Node header(Node root) {
        int headerLine = line;
        pos++;
        boolean arrayOfTables = pos < n && s.charAt(pos) == '[';
        if (arrayOfTables) {
            pos++;
        }
        List<String> keys = key();
        expect(']');
        if (arrayOfTables) {
            if (pos >= n || s.charAt(pos) != ']') {
                throw decline(); // the two closing brackets of [[x]] are one token
            }
            pos++;
        }
        Node table = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object v = table.values.get(keys.get(i));
            if (v == null) {
                Node implicit = new Node(Kind.IMPLICIT, i + 1);
                table.put(keys.get(i), implicit, headerLine);
                table = implicit;
            } else if (v instanceof Node node && (node.kind == Kind.HEADER || node.kind == Kind.IMPLICIT)) {
                table = node;
            } else if (v instanceof Elements e && e.ofTables) {
                table = (Node) e.values.get(e.values.size() - 1);
            } else {
                throw decline();
            }
        }
        String last = keys.get(keys.size() - 1);
        Node made = new Node(Kind.HEADER, keys.size());
        if (!arrayOfTables) {
            table.put(last, made, headerLine);
            return made;
        }
        Object v = table.values.get(last);
        Elements array;
        if (v == null) {
            array = new Elements(true);
            table.put(last, array, headerLine);
        } else if (v instanceof Elements e && e.ofTables) {
            array = e;
        } else {
            throw decline();
        }
        array.add(made, headerLine);
        return made;
    }

    /** {@code a.b = value} into {@code table}; dotted keys make (or extend) tables of kind DOTTED. */
    private void keyValue(Node table) {
        int keyLine = line;
        List<String> keys = key();
        expect('=');
        skipSpaces();
        Object value = value(table.depth + keys.size());
        Node target = table;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object v = target.values.get(keys.get(i));
            if (v == null) {
                Node dotted = new Node(Kind.DOTTED, target.depth + 1);
                target.put(keys.get(i), dotted, keyLine);
                target = dotted;
            } else if (v instanceof Node node && node.kind == Kind.DOTTED) {
                target = node;
            } else {
                throw decline();
            }
        }
        target.put(keys.get(keys.size() - 1), value, keyLine);
    }

    /** A dotted key: simple keys separated by dots, blanks allowed around each; leaves the position after it. */
    private List<String> key() {
        List<String> keys = new ArrayList<>(2);
        while (true) {
            skipSpaces();
            keys.add(simpleKey());
            skipSpaces();
            if (pos < n && s.charAt(pos) == '.') {
                pos++;
            } else {
                return keys;
            }
        }
    }

    private String simpleKey() {
        if (pos >= n) {
            throw decline();
        }
        char c = s.charAt(pos);
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = pos;
        while (pos < n && isBareKeyChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw decline();
        }
        return s.substring(start, pos);
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private Object value(int depth) {
        if (pos >= n || depth > MAX_NESTING) {
            throw decline();
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '"' -> basicString();
            case '\'' -> literalString();
            case '[' -> array(depth);
            case '{' -> inlineTable(depth);
            default -> scalar();
        };
    }

    /** An integer, a boolean, a date or a time: the run of characters any of them can contain. */
    private Object scalar() {
        int start = pos;
        while (pos < n && isScalarChar(s.charAt(pos))) {
            pos++;
        }
        String token = s.substring(start, pos);
        if (token.equals("true")) {
            return Boolean.TRUE;
        }
        if (token.equals("false")) {
            return Boolean.FALSE;
        }
        if (INTEGER.matcher(token).matches()) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw decline(); // beyond a long
            }
        }
        try {
            Matcher m = DATE_TIME.matcher(token);
            if (m.matches()) {
                return dateTime(m);
            }
            m = LOCAL_TIME.matcher(token);
            if (m.matches()) {
                return localTime(m, 1);
            }
        } catch (DateTimeException e) {
            throw decline(); // a day or time that does not exist, a leap second, an offset java.time cannot hold
        }
        throw decline();
    }

    private static boolean isScalarChar(char c) {
        return isBareKeyChar(c) || c == '+' || c == ':' || c == '.';
    }

    /** A local date, local date-time or offset date-time (groups: see {@link #DATE_TIME}). */
    private static Object dateTime(Matcher m) {
        if (m.group(1).equals("0000")) {
            throw decline(); // TOML's years start at 1 (Python's datetime cannot hold year 0)
        }
        LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
        if (m.group(4) == null) {
            return date;
        }
        LocalDateTime local = LocalDateTime.of(date, localTime(m, 4));
        if (m.group(8) != null) {
            return OffsetDateTime.of(local, ZoneOffset.UTC);
        }
        if (m.group(9) == null) {
            return local;
        }
        int hours = number(m, 10);
        int minutes = number(m, 11);
        if (hours > 18 || minutes > 59) {
            throw decline(); // TOML allows offsets up to 23:59, java.time up to 18:00: tomlj decides
        }
        int sign = m.group(9).equals("-") ? -1 : 1;
        return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
    }

    /** Hours, minutes, seconds and up to six fraction digits from group {@code first} on. */
    private static LocalTime localTime(Matcher m, int first) {
        String fraction = m.group(first + 3) == null ? "" : m.group(first + 3);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000").substring(0, 6)) * 1000;
        return LocalTime.of(number(m, first), number(m, first + 1), number(m, first + 2), nanos);
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private String basicString() {
        if (s.startsWith("\"\"\"", pos)) {
            throw decline();
        }
        pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= n) {
                throw decline();
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String text = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                pos++;
                return text;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, runStart, pos);
                escape(sb);
                runStart = pos;
            } else {
                plainChar(c);
            }
        }
    }

    /** One escape sequence, from the backslash; appends what it means. */
    private void escape(StringBuilder sb) {
        if (pos + 1 >= n) {
            throw decline();
        }
        char e = s.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'b' -> sb.append('\b');
            case 't' -> sb.append('\t');
            case 'n' -> sb.append('\n');
            case 'f' -> sb.append('\f');
            case 'r' -> sb.append('\r');
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case 'u' -> sb.appendCodePoint(hexScalar(4));
            case 'U' -> sb.appendCodePoint(hexScalar(8));
            default -> throw decline();
        }
    }

    private int hexScalar(int digits) {
        if (pos + digits > n) {
            throw decline();
        }
        long value = 0;
        for (int i = 0; i < digits; i++) {
            char c = s.charAt(pos + i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw decline();
            }
            value = value * 16 + d;
        }
        pos += digits;
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
            throw decline(); // not a Unicode scalar value
        }
        return (int) value;
    }

    private String literalString() {
        if (s.startsWith("'''", pos)) {
            throw decline();
        }
        int start = ++pos;
        while (true) {
            if (pos >= n) {
                throw decline();
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return s.substring(start, pos++);
            }
            plainChar(c);
        }
    }

    /**
     * Steps over one character of a string or comment: control characters other than tab are not allowed there
     * (a line break ends a single-line string unterminated), nor is half of a surrogate pair.
     */
    private void plainChar(char c) {
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            throw decline();
        }
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 >= n || !Character.isLowSurrogate(s.charAt(pos + 1))) {
                throw decline();
            }
            pos++;
        } else if (Character.isLowSurrogate(c)) {
            throw decline();
        }
        pos++;
    }

    private Elements array(int depth) {
        pos++;
        Elements array = new Elements(false);
        skipBlanksAndComments();
        while (pos < n && s.charAt(pos) != ']') {
            int valueLine = line;
            array.add(value(depth + 1), valueLine);
            skipBlanksAndComments();
            if (pos < n && s.charAt(pos) == ',') {
                pos++;
                skipBlanksAndComments();
            } else if (pos >= n || s.charAt(pos) != ']') {
                throw decline();
            }
        }
        expect(']');
        return array;
    }

    private Node inlineTable(int depth) {
        pos++;
        Node table = new Node(Kind.INLINE, depth);
        skipSpaces();
        if (pos < n && s.charAt(pos) == '}') {
            pos++;
            return table;
        }
        while (true) {
            keyValue(table);
            skipSpaces();
            if (pos < n && s.charAt(pos) == ',') {
                pos++;
            } else {
                expect('}');
                return table;
            }
        }
    }

    /** After a header or key/value: blanks, an optional comment, then a line break or the end. */
    private void endOfLine() {
        skipSpaces();
        if (pos < n && s.charAt(pos) == '#') {
            comment();
        }
        if (pos < n) {
            lineBreak();
        }
    }

    private void comment() {
        pos++;
        while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
            plainChar(s.charAt(pos));
        }
    }

    private void lineBreak() {
        char c = s.charAt(pos);
        if (c == '\n') {
            pos++;
        } else if (c == '\r' && pos + 1 < n && s.charAt(pos + 1) == '\n') {
            pos += 2;
        } else {
            throw decline();
        }
        line++;
    }

    /** Inside an array: blanks, comments and line breaks. */
    private void skipBlanksAndComments() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '#') {
                comment();
            } else if (c == '\n' || c == '\r') {
                lineBreak();
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (pos < n && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void expect(char c) {
        skipSpaces();
        if (pos >= n || s.charAt(pos) != c) {
            throw decline();
        }
        pos++;
    }
}
