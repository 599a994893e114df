package dev.pylocktrust.lock;

import dev.pylocktrust.toml.TomlTree;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A TOML table kept as data, so that tables we do not interpret (other tools' tables, keys from a future PEP 751
 * minor version, {@code vcs}/{@code directory}/{@code archive}) survive a read/write round trip unchanged.
 *
 * <p>Deeply immutable, keys sorted. Values are TOML values only: {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}, an
 * unmodifiable {@code List} of such values, or a nested {@code RawTable}. {@code Integer} is widened to
 * {@code Long} and {@code Map} becomes {@code RawTable}, so equal TOML compares equal.
 */
public record RawTable(SortedMap<String, Object> entries) {
    /** Nesting deeper than this is rejected: no real lock file needs it, and it bounds recursion. */
    public static final int MAX_DEPTH = 32;

    public static final RawTable EMPTY = new RawTable(new TreeMap<>());

    public RawTable {
        entries = copyTable(entries, 0);
    }

    /** A table from plain Java values (see the class comment for the accepted types). */
    public static RawTable of(Map<String, ?> map) {
        return new RawTable(new TreeMap<>(map));
    }

    /**
     * A deep copy of a parsed TOML table.
     *
     * @throws IllegalArgumentException if nested deeper than {@link #MAX_DEPTH}
     */
    public static RawTable fromTree(TomlTree.Table table) {
        return fromTree(table, key -> true);
    }

    /** A deep copy of the entries of a parsed TOML table whose keys pass {@code keys}. */
    static RawTable fromTree(TomlTree.Table table, Predicate<String> keys) {
        return new RawTable(fromTreeTable(table, keys, 0));
    }

    private static SortedMap<String, Object> fromTreeTable(TomlTree.Table table, Predicate<String> keys, int depth) {
        checkDepth(depth);
        SortedMap<String, Object> out = new TreeMap<>();
        for (String key : table.keys()) {
            if (keys.test(key)) {
                out.put(key, fromTreeValue(table.get(key), depth + 1));
            }
        }
        return out;
    }

    private static Object fromTreeValue(Object value, int depth) {
        if (value instanceof TomlTree.Table t) {
            return new RawTable(fromTreeTable(t, key -> true, depth));
        }
        if (value instanceof TomlTree.Array a) {
            checkDepth(depth);
            List<Object> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                list.add(fromTreeValue(a.get(i), depth + 1));
            }
            return list;
        }
        return value;
    }

    private static SortedMap<String, Object> copyTable(Map<String, ?> map, int depth) {
        checkDepth(depth);
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("TOML keys cannot be null");
            }
            out.put(e.getKey(), copyValue(e.getKey(), e.getValue(), depth + 1));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static Object copyValue(String key, Object v, int depth) {
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof OffsetDateTime
                || v instanceof LocalDateTime || v instanceof LocalDate || v instanceof LocalTime) {
            return v;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof RawTable t) {
            checkDepth(depth + t.depth());
            return t;
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> typed = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("TOML keys must be strings, found " + e.getKey());
                }
                typed.put(k, e.getValue());
            }
            return new RawTable(copyTable(typed, depth));
        }
        if (v instanceof Collection<?> c) {
            checkDepth(depth);
            List<Object> list = new ArrayList<>(c.size());
            for (Object o : c) {
                list.add(copyValue(key, o, depth + 1));
            }
            return Collections.unmodifiableList(list);
        }
        throw new IllegalArgumentException("not a TOML value at key '" + key + "': "
                + (v == null ? "null" : v.getClass().getName()));
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("TOML data nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** How many levels of tables and arrays this table contains below itself (0 for a flat table). */
    public int depth() {
        int max = 0;
        for (Object v : entries.values()) {
            max = Math.max(max, depthOf(v));
        }
        return max;
    }

    private static int depthOf(Object v) {
        if (v instanceof RawTable t) {
            return 1 + t.depth();
        }
        if (v instanceof List<?> l) {
            int max = 0;
            for (Object o : l) {
                max = Math.max(max, depthOf(o));
            }
            return 1 + max;
        }
        return 0;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value at {@code key} if it is a string. */
    public Optional<String> getString(String key) {
        return entries.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** This table without the given keys. */
    public RawTable without(Collection<String> keys) {
        TreeMap<String, Object> copy = new TreeMap<>(entries);
        copy.keySet().removeAll(keys);
        return new RawTable(copy);
    }

    /** This table with {@code key} set to {@code value}. */
    public RawTable with(String key, Object value) {
        TreeMap<String, Object> copy = new TreeMap<>(entries);
        copy.put(key, value);
        return new RawTable(copy);
    }

    /** This table as ordinary, unmodifiable maps and lists (nested tables become maps). */
    public Map<String, Object> toMap() {
        TreeMap<String, Object> out = new TreeMap<>();
        entries.forEach((k, v) -> out.put(k, plain(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object plain(Object v) {
        if (v instanceof RawTable t) {
            return t.toMap();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RawTable::plain).toList();
        }
        return v;
    }
}
