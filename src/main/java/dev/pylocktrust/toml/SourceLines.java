package dev.pylocktrust.toml;

import org.tomlj.TomlPosition;

/**
 * Turns tomlj positions into the line where a value really starts. tomlj reports an element of an inline array at
 * the start of its parse context, which begins with the separator and newlines before it: for
 * {@code wheels = [\n  {...},\n  {...}\n]} the first element is reported on the {@code wheels} line and the second
 * on the line of the first. Scanning forward over blanks, commas and comments finds the element itself.
 */
final class SourceLines {
    private final String[] lines;

    SourceLines(String text) {
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].endsWith("\r")) {
                raw[i] = raw[i].substring(0, raw[i].length() - 1);
            }
        }
        this.lines = raw;
    }

    /** The line of the first token at or after {@code pos}; {@code 0} if {@code pos} is null. */
    int lineAt(TomlPosition pos) {
        if (pos == null) {
            return 0;
        }
        int line = pos.line();
        if (line < 1 || line > lines.length) {
            return Math.max(line, 0);
        }
        int idx = offset(lines[line - 1], pos.column() - 1);
        while (line <= lines.length) {
            String l = lines[line - 1];
            while (idx < l.length()) {
                char c = l.charAt(idx);
                if (c == ' ' || c == '\t' || c == ',') {
                    idx++;
                } else if (c == '[' && (idx + 1 >= l.length() || l.charAt(idx + 1) != '[')) {
                    idx++; // the opening bracket of an inline array, not a [[table]] header
                } else if (c == '#') {
                    break;
                } else {
                    return line;
                }
            }
            line++;
            idx = 0;
        }
        return pos.line();
    }

    /** tomlj columns count code points from 1; convert to a char index, clamped to the line. */
    private static int offset(String line, int codePoints) {
        int cps = Math.max(0, Math.min(codePoints, line.codePointCount(0, line.length())));
        return line.offsetByCodePoints(0, cps);
    }
}
