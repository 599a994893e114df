package dev.pylocktrust.index;

import dev.pylocktrust.Printable;

/** Small helpers for quoting hostile text in messages. */
final class Texts {
    private static final int CLIP = 120;

    private Texts() {}

    /** The text, shortened to a readable length (whole code points), with unsafe characters made visible. */
    static String clip(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePointCount(0, text.length()) <= CLIP) {
            return Printable.of(text);
        }
        return Printable.of(text.substring(0, text.offsetByCodePoints(0, CLIP))) + "...";
    }

    /** A byte count for messages: {@code 512 bytes}, {@code 4 MiB}. */
    static String bytes(long n) {
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1 << 10 && n % (1 << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }
}
