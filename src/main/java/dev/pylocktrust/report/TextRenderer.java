package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.Severity;
import java.util.List;

/**
 * Renders a {@link Report} for a terminal: the title and verdict first, then each section; findings of routine
 * sections take one line each, the others show their detail, links and hint. Colour (ANSI) only when asked for,
 * which the command decides from whether stdout is a terminal. All lockfile text goes through {@link Printable}, so
 * a hostile package or URL cannot send escape sequences to the terminal.
 */
public final class TextRenderer {
    private static final AnsiStyle BOLD = AnsiStyle.BOLD;
    private static final AnsiStyle DIM = AnsiStyle.DIM;
    private static final String INDENT = "          ";

    private final boolean color;

    public TextRenderer(boolean color) {
        this.color = color;
    }

    public String render(Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append(style(BOLD, Printable.of(report.title()))).append('\n');
        sb.append(style(BOLD, Printable.of(report.verdict()))).append('\n');
        for (String note : report.notes()) {
            sb.append("note: ").append(Printable.of(note)).append('\n');
        }
        for (ReportSection section : report.sections()) {
            sb.append('\n').append(style(BOLD, section.rank() + ". " + section.title() + " (" + section.items().size()
                    + ")")).append('\n');
            for (ReportItem item : section.items()) {
                appendItem(sb, item, section.routine());
            }
        }
        return sb.toString();
    }

    private void appendItem(StringBuilder sb, ReportItem item, boolean routine) {
        Finding f = item.finding();
        String label = f.severity().label();
        sb.append("  ").append(style(colorOf(f.severity()), label)).append(" ".repeat(8 - label.length()));
        if (!f.packageName().isEmpty()) {
            sb.append(style(BOLD, Printable.of(f.packageName()))).append(": ");
        }
        sb.append(Printable.of(f.message()));
        String where = f.location().map(l -> Printable.of(l.path()) + ":" + l.line()).orElse("");
        if (routine) {
            if (!where.isEmpty()) {
                sb.append(' ').append(style(DIM, "(" + where + ")"));
            }
            sb.append('\n');
            return;
        }
        sb.append('\n');
        if (!where.isEmpty()) {
            sb.append(INDENT).append(style(DIM, "at " + where)).append('\n');
        }
        for (String line : Printable.lines(f.detail())) {
            sb.append(INDENT).append(line).append('\n');
        }
        List<Link> links = item.links();
        for (Link link : links) {
            sb.append(INDENT).append("see ").append(Printable.of(link.text())).append(": ").append(link.url())
                    .append('\n');
        }
        for (String line : Printable.lines(f.hint())) {
            sb.append(INDENT).append(style(BOLD, "hint: ")).append(line).append('\n');
        }
    }

    private static AnsiStyle colorOf(Severity s) {
        return switch (s) {
            case FAILURE -> AnsiStyle.RED;
            case WARNING -> AnsiStyle.YELLOW;
            case NOTICE -> AnsiStyle.CYAN;
        };
    }

    private String style(AnsiStyle style, String text) {
        return color ? style.apply(text) : text;
    }
}
