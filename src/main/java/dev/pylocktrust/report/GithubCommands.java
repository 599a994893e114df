package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import java.util.List;
import dev.pylocktrust.policy.Finding;
import java.util.StringJoiner;

/**
 * Renders findings as GitHub Actions workflow commands ({@code ::error file=F,line=N,title=T::message}).
 *
 * <p>Text is made {@link Printable} first (each line of a detail or hint on its own), then escaped as the Actions
 * runner expects: in the message {@code %}, CR and LF; in properties also {@code :} and {@code ,}. Without this, a
 * package name or message containing {@code ::} or a newline could inject workflow commands of its own into the
 * build log, and a control or bidi character would reach the log raw.
 */
public final class GithubCommands {
    private GithubCommands() {}

    /** One annotation line for a finding. */
    public static String annotation(Finding f, String title) {
        StringJoiner props = new StringJoiner(",");
        f.location().ifPresent(loc -> {
            props.add("file=" + escapeProperty(Printable.of(loc.path())));
            props.add("line=" + loc.line());
        });
        if (!title.isEmpty()) {
            props.add("title=" + escapeProperty(Printable.of(title)));
        }
        StringBuilder body = new StringBuilder(Printable.of(f.message()));
        Printable.lines(f.detail()).forEach(line -> body.append('\n').append(line));
        List<String> hint = Printable.lines(f.hint());
        for (int i = 0; i < hint.size(); i++) {
            body.append('\n').append(i == 0 ? "hint: " : "").append(hint.get(i));
        }
        String p = props.length() == 0 ? "" : " " + props;
        return "::" + f.severity().label() + p + "::" + escapeData(body.toString());
    }

    /**
     * An {@code ::error} command not tied to a finding (e.g. the run stopped with an error before any finding), so
     * that the failure still shows as an annotation.
     */
    public static String error(String title, String message) {
        return "::error" + (title.isEmpty() ? "" : " title=" + escapeProperty(Printable.of(title))) + "::"
                + escapeData(Printable.of(message));
    }

    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
