package dev.pylocktrust.index;

/** Small helpers for quoting hostile text in messages. */
final class Texts {
    private static final int CLIP = 120;

    private Texts() {}

    /** The text, shortened to a readable length, with control characters made visible. */
    static String clip(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), CLIP + 3));
        for (int i = 0; i < text.length() && sb.length() < CLIP; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= CLIP && text.length() > CLIP) {
            sb.append("...");
        }
        return sb.toString();
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
