package dev.pylocktrust.lock;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where each part of a lock file starts in its source, so {@code verify} and {@code diff} can point at
 * {@code file=pylock.toml,line=N}. Lines are 1-based; CRLF files count lines like LF files.
 *
 * <p>Lookups work two ways: by TOML key path ({@code packages[3].wheels[0]}, exactly the paths used in error
 * messages), or by the model object the reader produced (by identity, so a changed or rebuilt object has no
 * line: look it up by path instead).
 */
public final class SourceMap {
    private static final SourceMap EMPTY = new SourceMap(Map.of(), new IdentityHashMap<>());

    private final Map<String, Integer> lines;
    private final IdentityHashMap<Object, String> paths;

    private SourceMap(Map<String, Integer> lines, IdentityHashMap<Object, String> paths) {
        this.lines = Collections.unmodifiableMap(lines);
        this.paths = paths;
    }

    /** A map that knows no positions (for a lock file built in memory). */
    public static SourceMap empty() {
        return EMPTY;
    }

    /** The line where the element at this key path starts, e.g. {@code packages[3]} or {@code tool.pylock-trust}. */
    public OptionalInt lineOf(String keyPath) {
        Integer line = lines.get(keyPath);
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }

    public OptionalInt lineOf(LockedPackage element) {
        return lineOfElement(element);
    }

    public OptionalInt lineOf(LockedFile element) {
        return lineOfElement(element);
    }

    public OptionalInt lineOf(AttestationIdentity element) {
        return lineOfElement(element);
    }

    public OptionalInt lineOf(FileAttestationRecord element) {
        return lineOfElement(element);
    }

    public OptionalInt lineOf(ApprovedIdentityChange element) {
        return lineOfElement(element);
    }

    /** The key path of an object the reader produced, e.g. {@code packages[3].wheels[0]}. */
    public Optional<String> keyPathOf(Object element) {
        return Optional.ofNullable(paths.get(element));
    }

    private OptionalInt lineOfElement(Object element) {
        String path = paths.get(element);
        return path == null ? OptionalInt.empty() : lineOf(path);
    }

    /** Collects positions while reading. */
    static final class Builder {
        private final Map<String, Integer> lines = new HashMap<>();
        private final IdentityHashMap<Object, String> paths = new IdentityHashMap<>();

        void line(String keyPath, int line) {
            lines.put(keyPath, line);
        }

        int lineOf(String keyPath, int fallback) {
            return lines.getOrDefault(keyPath, fallback);
        }

        void element(Object element, String keyPath) {
            paths.put(element, keyPath);
        }

        SourceMap build() {
            return new SourceMap(new HashMap<>(lines), new IdentityHashMap<>(paths));
        }
    }
}
