package dev.pylocktrust.lock;

import java.util.regex.Pattern;

/** Builds TOML key paths for messages: {@code packages[3].wheels[0].hashes}, {@code tool."odd.name"}. */
final class KeyPath {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");

    private KeyPath() {}

    static String child(String parent, String key) {
        String k = BARE.matcher(key).matches() ? key : TomlEmitter.string(key);
        return parent.isEmpty() ? k : parent + "." + k;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
