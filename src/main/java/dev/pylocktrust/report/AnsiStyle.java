package dev.pylocktrust.report;

import java.util.Optional;

/**
 * The ANSI styles (SGR sequences) pylock-trust itself writes, and the only escape sequences the output edge lets
 * through, and only to a terminal that asked for colour. None of them hides text or moves the cursor.
 */
public enum AnsiStyle {
    RESET("0"),
    BOLD("1"),
    DIM("2"),
    RED("1;31"),
    YELLOW("33"),
    CYAN("36");

    private final String sequence;

    AnsiStyle(String parameters) {
        this.sequence = "\u001b[" + parameters + "m";
    }

    /** The escape sequence, e.g. {@code ESC [ 1 ; 3 1 m}. */
    public String sequence() {
        return sequence;
    }

    /** {@code text} in this style, then reset. */
    public String apply(String text) {
        return sequence + text + RESET.sequence;
    }

    /** The style whose sequence starts at {@code index} of {@code s}, if one does. */
    public static Optional<AnsiStyle> at(String s, int index) {
        for (AnsiStyle style : values()) {
            if (s.startsWith(style.sequence, index)) {
                return Optional.of(style);
            }
        }
        return Optional.empty();
    }
}
