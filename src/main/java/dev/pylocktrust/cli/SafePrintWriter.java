package dev.pylocktrust.cli;

import dev.pylocktrust.Printable;
import dev.pylocktrust.report.AnsiStyle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Optional;

/**
 * The output edge: every command's stdout and stderr is one of these (installed by {@link PylockTrust} before a
 * command runs), so nothing a command prints, now or in a future message, reaches the terminal or a CI log with a raw
 * control, bidi or separator character: each becomes a visible {@link Printable} escape. Only {@code \n} passes, and,
 * when the run writes colour to a terminal, the exact {@link AnsiStyle} sequences pylock-trust writes itself.
 *
 * <p>Renderers still escape each untrusted field with {@link Printable#of}, so that a hostile value cannot start a
 * line of its own either; this writer is what makes the rest safe by construction. JSON output passes through
 * unchanged because the JSON renderers already escape those characters ({@code \\u202e} is JSON's own encoding).
 * Lines end with {@code \n} on every platform.
 */
final class SafePrintWriter extends PrintWriter {
    private final PrintWriter raw;

    private SafePrintWriter(PrintWriter raw, boolean styles) {
        super(new Filter(raw, styles), true);
        this.raw = raw;
    }

    /** {@code raw} behind the output edge ({@code raw} itself if it already is one). */
    static SafePrintWriter of(PrintWriter raw, boolean styles) {
        return raw instanceof SafePrintWriter safe ? safe : new SafePrintWriter(raw, styles);
    }

    /**
     * The writer behind the edge, for the one output that must write a carriage return: the live progress line,
     * which makes its own text safe ({@code TerminalProgress}). Any other writer is returned as is.
     */
    static PrintWriter unfiltered(PrintWriter w) {
        return w instanceof SafePrintWriter safe ? safe.raw : w;
    }

    @Override
    public void println() {
        synchronized (lock) {
            write('\n');
            flush();
        }
    }

    /** Escapes as it writes; a surrogate pair split across two writes is joined first. */
    private static final class Filter extends Writer {
        private final Writer out;
        private final boolean styles;
        private char pendingHigh;

        Filter(Writer out, boolean styles) {
            this.out = out;
            this.styles = styles;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            StringBuilder in = new StringBuilder(len + 1);
            if (pendingHigh != 0) {
                in.append(pendingHigh);
                pendingHigh = 0;
            }
            in.append(buf, off, len);
            if (in.length() > 0 && Character.isHighSurrogate(in.charAt(in.length() - 1))) {
                pendingHigh = in.charAt(in.length() - 1);
                in.setLength(in.length() - 1);
            }
            out.write(filter(in.toString()));
        }

        private String filter(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                Optional<AnsiStyle> style = styles && cp == 0x1b ? AnsiStyle.at(s, i) : Optional.empty();
                if (style.isPresent()) {
                    sb.append(style.get().sequence());
                    i += style.get().sequence().length();
                    continue;
                }
                if (cp != '\n' && Printable.isUnsafe(cp)) {
                    sb.append(Printable.escape(cp));
                } else {
                    sb.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
            return sb.toString();
        }

        @Override
        public void flush() throws IOException {
            if (pendingHigh != 0) {
                out.write(Printable.escape(pendingHigh));
                pendingHigh = 0;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
