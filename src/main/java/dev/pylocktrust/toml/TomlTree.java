package dev.pylocktrust.toml;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed TOML as data, each value with the line it was written on, whichever parser read it ({@link SubsetParser}
 * or tomlj through {@link TomljTrees}). Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code OffsetDateTime}, {@code LocalDateTime}, {@code LocalDate}, {@code LocalTime}, {@link Array} or
 * {@link Table}. Two trees are equal when they hold the same data on the same lines.
 */
public final class TomlTree {
    private TomlTree() {}

    /** A value and the line (from 1) where it is written: its key, its {@code [header]}, or its first character. */
    public record Entry(Object value, int line) {}

    /** A table; keys in the order they were written. */
    public record Table(Map<String, Entry> entries) {
        public Table {
            entries = Collections.unmodifiableMap(entries);
        }

        public Set<String> keys() {
            return entries.keySet();
        }

        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        /** The value at {@code key}, or null. */
        public Object get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        /** The line of {@code key}, or 0 if there is no such key. */
        public int lineOf(String key) {
            Entry e = entries.get(key);
            return e == null ? 0 : e.line();
        }
    }

    /** An array, inline ({@code [1, 2]}) or of tables ({@code [[x]]}). */
    public record Array(List<Entry> elements) {
        public Array {
            elements = Collections.unmodifiableList(elements);
        }

        public int size() {
            return elements.size();
        }

        public Object get(int i) {
            return elements.get(i).value();
        }

        public int lineOf(int i) {
            return elements.get(i).line();
        }
    }
}
