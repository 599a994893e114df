package dev.pylocktrust.report;

import dev.pylocktrust.Printable;

/**
 * Escaping for GitHub-flavoured Markdown built from untrusted text (PR comments, step summaries).
 *
 * <p>The convention shared with the code that writes findings: in a message, text between backticks is data from
 * the input (a package, an identity, a URL) and is shown as code; the rest is the program's own words. Code spans
 * are where untrusted text is safest: no Markdown, HTML, autolink or {@code @mention} is interpreted inside them
 * (the writer of a finding replaces backticks inside data, see {@link #quote}). Outside code spans, every character
 * that Markdown or HTML could interpret is escaped, and {@code @} is written as an entity.
 */
public final class MarkdownText {
    /**
     * Backslash-escaped outside code: emphasis, code, links and images ({@code [}), HTML ({@code <}), table cells,
     * strikethrough, math and headings. Others ({@code > ( ) ! -}) only mean something at the start of a line or
     * after one of these, which never happens inside a line we write.
     */
    private static final String PUNCTUATION = "\\`*_[]<|~$#";

    private MarkdownText() {}

    /**
     * Wraps data in backticks for a finding's message: made {@link Printable} (so it stays on one line), and
     * backticks inside become {@code \u0060} so the data cannot end its own code span.
     */
    public static String quote(String data) {
        return "`" + Printable.of(data).replace("`", "\\u0060") + "`";
    }

    /** The program's own text with the message convention applied: backtick-delimited parts become code spans. */
    public static String message(String s, boolean inTable) {
        String safe = Printable.of(s);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < safe.length()) {
            int open = safe.indexOf('`', i);
            int close = open < 0 ? -1 : safe.indexOf('`', open + 1);
            if (close < 0) {
                sb.append(text(safe.substring(i)));
                break;
            }
            sb.append(text(safe.substring(i, open)));
            sb.append(code(safe.substring(open + 1, close), inTable));
            i = close + 1;
        }
        return sb.toString();
    }

    /**
     * Plain text: everything Markdown or HTML could interpret is escaped, and {@code @} and {@code #} are followed
     * by a zero-width space, so text in a PR comment never pings a user or team nor links another issue.
     */
    public static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        Printable.of(s).codePoints().forEach(cp -> {
            if (cp == '&') {
                sb.append("&amp;");
            } else if (cp == '@') {
                sb.append("@&#8203;"); // a zero-width space: no @mention (GitHub finds them in the rendered text)
            } else if (cp == '#') {
                sb.append("\\#&#8203;"); // no heading, and no #123 cross-reference to another issue
            } else if (cp < 0x80 && PUNCTUATION.indexOf(cp) >= 0) {
                sb.append('\\').append((char) cp);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /**
     * Untrusted text shown outside a code span, for reports whose messages mix data with the program's words
     * without the backtick convention (verify's): as {@link #text}, and also {@code :} and {@code .} escaped, so
     * that no URL, {@code www.} host, e-mail address or {@code :emoji:} in it becomes a link or a picture (GFM's
     * autolinks need an unescaped {@code :} or {@code .}). Each line is made {@link Printable} and the lines are
     * joined with {@code <br>}, so several lines stay in one table cell and none can start a new row or block.
     */
    public static String data(String s) {
        return String.join("<br>", Printable.lines(s).stream()
                .map(line -> text(line).replace(":", "\\:").replace(".", "\\.")).toList());
    }

    /**
     * A code span for any text: the fence is longer than any run of backticks inside. In a table, {@code |} must be
     * escaped even inside code (GitHub removes the backslash there).
     */
    public static String code(String s, boolean inTable) {
        String safe = Printable.of(s);
        if (inTable) {
            safe = safe.replace("|", "\\|");
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < safe.length(); i++) {
            run = safe.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = safe.isEmpty() || safe.startsWith("`") || safe.endsWith("`") || safe.startsWith(" ")
                || safe.endsWith(" ");
        return pad ? fence + " " + safe + " " + fence : fence + safe + fence;
    }

    /** A link whose text is shown as code; the URL was validated by {@link Link}. */
    public static String link(Link link, boolean inTable) {
        return "[" + code(link.text(), inTable) + "](" + link.url() + ")";
    }
}
