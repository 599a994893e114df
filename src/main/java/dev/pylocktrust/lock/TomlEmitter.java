package dev.pylocktrust.lock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TOML 1.0 syntax for values, keys and header tables.
 *
 * <p>Strings are escaped here, not with tomlj's {@code Toml.tomlEscape}: that one writes a single quote as
 * {@code \'}, which is not a TOML escape (tomlj reads it back, Python's tomllib rejects the file). Like tomlj we
 * escape every control character and every non-ASCII character ({@code \u00e9}, {@code \U0001F600}), so a hostile
 * string stays one valid TOML string and invisible characters (bidirectional overrides, zero-width spaces) are
 * visible to a reviewer reading the diff. Date-times always carry seconds, which TOML requires and
 * {@code OffsetDateTime.toString()} omits when they are zero.
 */
final class TomlEmitter {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlEmitter() {}

    static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : string(key);
    }

    /** A TOML basic string: {@code "..."}, ASCII only, every escape one TOML 1.0 defines. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        sb.append(String.format(Locale.ROOT, "\\U%08X", cp));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a lone UTF-16 surrogate cannot be written to TOML");
                    } else {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String dateTime(Instant instant) {
        return offsetDateTime(instant.atOffset(ZoneOffset.UTC));
    }

    static String offsetDateTime(OffsetDateTime t) {
        checkYear(t.getYear());
        if (t.getOffset().getTotalSeconds() % 60 != 0) {
            throw new IllegalArgumentException("TOML offsets have no seconds: " + t.getOffset());
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static void checkYear(int year) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("TOML dates need a four-digit year, found " + year);
        }
    }

    /** A value in inline form: scalars, {@code [a, b]} arrays and {@code { k = v }} tables. */
    static String value(Object v) {
        if (v instanceof String s) {
            return string(s);
        } else if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        } else if (v instanceof Double d) {
            return doubleValue(d);
        } else if (v instanceof Boolean b) {
            return b.toString();
        } else if (v instanceof Instant i) {
            return dateTime(i);
        } else if (v instanceof OffsetDateTime t) {
            return offsetDateTime(t);
        } else if (v instanceof LocalDateTime t) {
            checkYear(t.getYear());
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        } else if (v instanceof LocalDate d) {
            checkYear(d.getYear());
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        } else if (v instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        } else if (v instanceof RawTable t) {
            return inlineTable(t);
        } else if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>(l.size());
            for (Object o : l) {
                parts.add(value(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        throw new IllegalArgumentException("not a TOML value: " + (v == null ? "null" : v.getClass().getName()));
    }

    private static String doubleValue(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d); // always has a '.' or an exponent, both valid TOML floats
    }

    /** {@code { a = 1, b = "x" }}, keys sorted; {@code {}} when empty. */
    static String inlineTable(RawTable t) {
        return inlineTable(t.entries());
    }

    /** An inline table with entries in the map's iteration order. */
    static String inlineTable(Map<String, ?> entries) {
        if (entries.isEmpty()) {
            return "{}";
        }
        List<String> parts = new ArrayList<>(entries.size());
        entries.forEach((k, v) -> parts.add(key(k) + " = " + value(v)));
        return "{ " + String.join(", ", parts) + " }";
    }

    /** A string array, one element per line (diff-friendly); {@code []} when empty. */
    static String multilineStrings(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (String v : values) {
            sb.append("    ").append(string(v)).append(",\n");
        }
        return sb.append(']').toString();
    }

    /**
     * Writes {@code table} under a {@code [header]} (or {@code [[header]]} for an array element): plain keys first,
     * then sub-tables and arrays of tables as their own headers, recursively.
     *
     * @param writeHeader false to omit the header line when the caller's context already opens the table
     */
    static void headerTable(StringBuilder out, String header, RawTable table, boolean arrayElement,
            boolean writeHeader) {
        if (writeHeader) {
            out.append('\n').append(arrayElement ? "[[" : "[").append(header).append(arrayElement ? "]]" : "]")
                    .append('\n');
        }
        table.entries().forEach((k, v) -> {
            if (!(v instanceof RawTable) && !isArrayOfTables(v)) {
                out.append(key(k)).append(" = ").append(value(v)).append('\n');
            }
        });
        table.entries().forEach((k, v) -> {
            if (v instanceof RawTable sub) {
                headerTable(out, header + "." + key(k), sub, false, true);
            } else if (isArrayOfTables(v)) {
                for (Object element : (List<?>) v) {
                    headerTable(out, header + "." + key(k), (RawTable) element, true, true);
                }
            }
        });
    }

    private static boolean isArrayOfTables(Object v) {
        return v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(RawTable.class::isInstance);
    }
}
