package dev.pylocktrust.lock;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * A canonical text of parsed TOML that Python can produce identically from {@code tomllib}'s result (see
 * {@link #PYTHON}), so a test can prove both parsers read our output as the same data. Dates follow Python's
 * {@code isoformat()}; strings follow {@code json.dumps(ensure_ascii=True)}; floats cover the values our tests
 * use (finite values whose Java and Python shortest representations agree, and infinities).
 */
final class TomlCanon {
    static final String PYTHON = """
            import datetime, json, math, sys, tomllib
            def canon(o):
                if isinstance(o, dict):
                    return "{" + ",".join(json.dumps(k) + ":" + canon(o[k]) for k in sorted(o)) + "}"
                if isinstance(o, list):
                    return "[" + ",".join(canon(v) for v in o) + "]"
                if isinstance(o, bool):
                    return "true" if o else "false"
                if isinstance(o, int):
                    return str(o)
                if isinstance(o, float):
                    return "inf" if o == math.inf else "-inf" if o == -math.inf else "nan" if o != o else repr(o)
                if isinstance(o, (datetime.datetime, datetime.date, datetime.time)):
                    return "@" + o.isoformat()
                return json.dumps(o)
            with open(sys.argv[1], "rb") as f:
                sys.stdout.write(canon(tomllib.load(f)))
            """;

    static String canon(Object o) {
        if (o instanceof TomlTable t) {
            StringBuilder sb = new StringBuilder("{");
            for (String k : new TreeSet<>(t.keySet())) {
                sb.append(sb.length() > 1 ? "," : "").append(json(k)).append(':')
                        .append(canon(t.get(java.util.List.of(k))));
            }
            return sb.append('}').toString();
        }
        if (o instanceof TomlArray a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                sb.append(i > 0 ? "," : "").append(canon(a.get(i)));
            }
            return sb.append(']').toString();
        }
        if (o instanceof Boolean b) {
            return b.toString();
        }
        if (o instanceof Long l) {
            return l.toString();
        }
        if (o instanceof Double d) {
            return d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString();
        }
        if (o instanceof OffsetDateTime t) {
            String offset = t.getOffset().getTotalSeconds() == 0 ? "+00:00" : t.getOffset().getId();
            return "@" + local(t.toLocalDateTime()) + offset;
        }
        if (o instanceof LocalDateTime t) {
            return "@" + local(t);
        }
        if (o instanceof LocalDate d) {
            return "@" + d;
        }
        if (o instanceof LocalTime t) {
            return "@" + t.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + micros(t.getNano());
        }
        return json((String) o);
    }

    private static String local(LocalDateTime t) {
        return t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + micros(t.getNano());
    }

    private static String micros(int nanos) {
        return nanos == 0 ? "" : String.format(Locale.ROOT, ".%06d", nanos / 1000);
    }

    /** {@code json.dumps(s)} with Python's defaults (ASCII only, lower-case hex escapes). */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c < 0x20 || c > 0x7e
                        ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private TomlCanon() {}
}
