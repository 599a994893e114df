package dev.pylocktrust.lock;

import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.toml.TomlTree;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A TOML table being read, with its key path and start line: typed getters that fail with
 * {@code FILE:LINE: KEY.PATH: problem}, pointing at the key when it exists and at the table when it is missing.
 */
final class TomlNode {
    final ReadContext ctx;
    final TomlTree.Table table;
    final String path;
    final int line;

    TomlNode(ReadContext ctx, TomlTree.Table table, String path, int line) {
        this.ctx = ctx;
        this.table = table;
        this.path = path;
        this.line = line;
        ctx.sourceMap.line(path, line);
    }

    boolean has(String key) {
        return table.contains(key);
    }

    int lineOf(String key) {
        return lineOrElse(table.lineOf(key), line);
    }

    String pathOf(String key) {
        return KeyPath.child(path, key);
    }

    LockfileException keyError(String key, String problem, String... hints) {
        return ctx.error(lineOf(key), pathOf(key), problem, hints);
    }

    LockfileException error(String problem, String... hints) {
        return ctx.error(line, path, problem, hints);
    }

    private Object raw(String key) {
        return table.get(key);
    }

    static String typeName(Object v) {
        if (v instanceof String) {
            return "a string";
        } else if (v instanceof Long) {
            return "an integer";
        } else if (v instanceof Double) {
            return "a float";
        } else if (v instanceof Boolean) {
            return "a boolean";
        } else if (v instanceof OffsetDateTime) {
            return "an offset date-time";
        } else if (v instanceof LocalDateTime) {
            return "a local date-time";
        } else if (v instanceof LocalDate) {
            return "a local date";
        } else if (v instanceof LocalTime) {
            return "a local time";
        } else if (v instanceof TomlTree.Array) {
            return "an array";
        } else if (v instanceof TomlTree.Table) {
            return "a table";
        }
        return "an unknown value";
    }

    private LockfileException wrongType(String key, String expected, Object found) {
        return keyError(key, "expected " + expected + ", found " + typeName(found));
    }

    Optional<String> optString(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw wrongType(key, "a string", v);
        }
        return Optional.of(s);
    }

    String requireString(String key, String... hints) {
        return optString(key).orElseThrow(() -> keyError(key, "required string missing", hints));
    }

    /**
     * A string that must parse with one of the shared PyPA parsers (version, marker, specifier set); the parser's
     * message, which quotes the input and names the rule, becomes the error at this key.
     */
    Optional<String> optValid(String key, Function<String, ?> parser) {
        Optional<String> s = optString(key);
        s.ifPresent(value -> {
            try {
                parser.apply(value);
            } catch (InvalidSpecException e) {
                throw keyError(key, e.getMessage());
            }
        });
        return s;
    }

    /** A non-empty string, or a missing key. */
    Optional<String> optNonEmptyString(String key) {
        Optional<String> s = optString(key);
        if (s.isPresent() && s.get().isEmpty()) {
            throw keyError(key, "must not be empty");
        }
        return s;
    }

    OptionalLong optNonNegativeLong(String key) {
        Object v = raw(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long l)) {
            throw wrongType(key, "an integer", v);
        }
        if (l < 0) {
            throw keyError(key, "must not be negative, found " + l);
        }
        return OptionalLong.of(l);
    }

    Optional<Boolean> optBoolean(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(key, "a boolean", v);
        }
        return Optional.of(b);
    }

    /**
     * A TOML offset date-time as an instant. A local date-time (no offset) is read as UTC, which PEP 751 says the
     * value is, with a warning; a string is an error, because PEP 751 requires a TOML datetime.
     */
    Optional<Instant> optInstant(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof OffsetDateTime odt) {
            return Optional.of(odt.toInstant());
        }
        if (v instanceof LocalDateTime ldt) {
            ctx.warn(lineOf(key), pathOf(key), "date-time has no UTC offset; read as UTC");
            return Optional.of(ldt.toInstant(ZoneOffset.UTC));
        }
        throw keyError(key, "expected a TOML date-time such as 2025-01-25T11:30:10Z, found " + typeName(v),
                v instanceof String ? new String[] {"write the date-time without quotes"} : new String[0]);
    }

    Optional<LocalDate> optLocalDate(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof LocalDate d)) {
            throw keyError(key, "expected a TOML local date such as 2026-01-31, found " + typeName(v));
        }
        return Optional.of(d);
    }

    Optional<TomlNode> optTable(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof TomlTree.Table t)) {
            throw wrongType(key, "a table", v);
        }
        return Optional.of(new TomlNode(ctx, t, pathOf(key), lineOf(key)));
    }

    TomlNode requireTable(String key) {
        return optTable(key).orElseThrow(() -> keyError(key, "required table missing"));
    }

    private Optional<TomlTree.Array> optArray(String key, int max) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof TomlTree.Array a)) {
            throw wrongType(key, "an array", v);
        }
        if (a.size() > max) {
            throw keyError(key, "has " + a.size() + " entries, more than the limit of " + max);
        }
        return Optional.of(a);
    }

    /** An array whose elements must all be tables ({@code [[x]]} or {@code x = [{...}]}). */
    Optional<List<TomlNode>> optTableArray(String key, int max) {
        Optional<TomlTree.Array> array = optArray(key, max);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        TomlTree.Array a = array.get();
        List<TomlNode> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String elementPath = KeyPath.index(pathOf(key), i);
            int elementLine = lineOrElse(a.lineOf(i), lineOf(key));
            if (!(a.get(i) instanceof TomlTree.Table t)) {
                throw ctx.error(elementLine, elementPath, "expected a table, found " + typeName(a.get(i)));
            }
            out.add(new TomlNode(ctx, t, elementPath, elementLine));
        }
        return Optional.of(out);
    }

    Optional<List<String>> optStringArray(String key, int max) {
        Optional<TomlTree.Array> array = optArray(key, max);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        TomlTree.Array a = array.get();
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof String s)) {
                throw ctx.error(lineOrElse(a.lineOf(i), lineOf(key)),
                        KeyPath.index(pathOf(key), i), "expected a string, found " + typeName(a.get(i)));
            }
            out.add(s);
        }
        return Optional.of(out);
    }

    /** The line of element {@code i} of the string array at {@code key}. */
    int lineOfElement(String key, int i) {
        if (raw(key) instanceof TomlTree.Array a && i < a.size()) {
            return lineOrElse(a.lineOf(i), lineOf(key));
        }
        return lineOf(key);
    }

    private static int lineOrElse(int line, int fallback) {
        return line > 0 ? line : fallback;
    }

    /** The whole table as data. */
    RawTable toRaw() {
        try {
            return RawTable.fromTree(table, key -> true);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** The keys not in {@code known}, as data; each one is reported as a warning unless {@code quiet}. */
    RawTable unknownKeys(Set<String> known, boolean quiet) {
        if (!quiet) {
            for (String key : new TreeSet<>(table.keys())) {
                if (!known.contains(key)) {
                    ctx.warn(lineOf(key), pathOf(key), "unknown key, kept as is");
                }
            }
        }
        try {
            return RawTable.fromTree(table, key -> !known.contains(key));
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** Our own tables accept no unknown keys: a typo in policy must not be silently ignored. */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : new TreeSet<>(table.keys())) {
            if (!known.contains(key)) {
                throw keyError(key, "unknown key", "known keys here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}
