package dev.pylocktrust.toml;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * A canonical text of parsed TOML that Python can produce identically from {@code tomllib}'s result (see
 * {@link #PYTHON}), so a test can prove both parsers read our output as the same data. Dates follow Python's
 * {@code isoformat()}; strings follow {@code json.dumps(ensure_ascii=True)}; floats cover the values our tests
 * use (finite values whose Java and Python shortest representations agree, and infinities).
 */
public final class TomlCanon {
    /** Python that defines {@code canon(obj)}, the same text from {@code tomllib}'s result. */
    private static final String PYTHON_CANON = """
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
            """;

    /** Python that prints the canonical text of the TOML file named by its first argument. */
    public static final String PYTHON = PYTHON_CANON + """
            with open(sys.argv[1], "rb") as f:
                sys.stdout.write(canon(tomllib.load(f)))
            """;

    /**
     * Python that answers each JSON line {@code {"toml": text}} with {@code {"data": canonical text}} or, when
     * {@code tomllib} rejects the text, {@code {"error": message}} (for {@code JsonLinesProcess}).
     */
    public static final String PYTHON_LINES = PYTHON_CANON + """
            for line in sys.stdin:
                text = json.loads(line)["toml"]
                try:
                    answer = {"data": canon(tomllib.loads(text))}
                except Exception as e:  # TOMLDecodeError; RecursionError for deep nesting
                    answer = {"error": str(e)}
                sys.stdout.write(json.dumps(answer) + "\\n")
                sys.stdout.flush()
            """;

    /** An offset of minus zero hours and some minutes, e.g. {@code -00:30}. */
    private static final Pattern MINUS_ZERO_HOURS = Pattern.compile(
            "[0-9]-00:[0-9][0-9]");

    /**
     * Whether tomlj 1.1.1 is known to read {@code text} wrongly: it reads an offset {@code -00:MM} as {@code +00:MM}
     * (found by {@code SubsetParserFuzzTest}; {@code tomllib} and RFC 3339 read a minus), so comparisons with tomlj
     * skip such text and compare with {@code tomllib} only.
     */
    public static boolean tomljMisreads(String text) {
        return MINUS_ZERO_HOURS.matcher(text).find();
    }

    /** The canonical text of a tomlj result or a {@link TomlTree} (lines are not part of it). */
    public static String canon(Object o) {
        if (o instanceof TomlTree.Table t) {
            StringBuilder sb = new StringBuilder("{");
            for (String k : new TreeSet<>(t.keys())) {
                sb.append(sb.length() > 1 ? "," : "").append(json(k)).append(':').append(canon(t.get(k)));
            }
            return sb.append('}').toString();
        }
        if (o instanceof TomlTree.Array a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                sb.append(i > 0 ? "," : "").append(canon(a.get(i)));
            }
            return sb.append(']').toString();
        }
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

    /**
     * {@code path=line} of every key and element, in order; not for an array inside an array, which tomlj places on
     * the line of its first element (SourceLines steps over the opening bracket) and the subset parser on its own.
     */
    public static List<String> lines(TomlTree.Table tree) {
        return lines(tree, "", new ArrayList<>());
    }

    private static List<String> lines(Object value, String path, List<String> out) {
        if (value instanceof TomlTree.Table t) {
            for (String key : t.keys()) {
                out.add(path + "." + key + "=" + t.lineOf(key));
                lines(t.get(key), path + "." + key, out);
            }
        } else if (value instanceof TomlTree.Array a) {
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof TomlTree.Array)) {
                    out.add(path + "[" + i + "]=" + a.lineOf(i));
                }
                lines(a.get(i), path + "[" + i + "]", out);
            }
        }
        return out;
    }

    private static String local(LocalDateTime t) {
        return t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + micros(t.getNano());
    }

    private static String micros(int nanos) {
        return nanos == 0 ? "" : String.format(Locale.ROOT, ".%06d", nanos / 1000);
    }

    /** {@code json.dumps(s)} with Python's defaults (ASCII only, lower-case hex escapes). */
    public static String json(String s) {
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
