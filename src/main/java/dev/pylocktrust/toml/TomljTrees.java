package dev.pylocktrust.toml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** tomlj's result as a {@link TomlTree}, with the line of each key and element as tomlj reports it. */
public final class TomljTrees {
    private final SourceLines lines;

    private TomljTrees(String text) {
        this.lines = new SourceLines(text);
    }

    /** The tree of {@code table}, which tomlj parsed from {@code text}. */
    public static TomlTree.Table of(TomlTable table, String text) {
        return new TomljTrees(text).table(table);
    }

    private TomlTree.Table table(TomlTable table) {
        Map<String, TomlTree.Entry> out = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            List<String> path = List.of(key);
            out.put(key, new TomlTree.Entry(value(table.get(path)), lines.lineAt(table.inputPositionOf(path))));
        }
        return new TomlTree.Table(out);
    }

    private Object value(Object v) {
        if (v instanceof TomlTable t) {
            return table(t);
        }
        if (v instanceof TomlArray a) {
            List<TomlTree.Entry> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(new TomlTree.Entry(value(a.get(i)), lines.lineAt(a.inputPositionOf(i))));
            }
            return new TomlTree.Array(out);
        }
        return v;
    }
}
