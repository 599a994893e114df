package dev.pylocktrust.report;

import dev.pylocktrust.policy.Finding;
import java.util.StringJoiner;

/**
 * Renders findings as GitHub Actions workflow commands ({@code ::error file=F,line=N,title=T::message}).
 *
 * <p>Values are escaped as the Actions runner expects: in the message {@code %}, CR and LF; in properties also
 * {@code :} and {@code ,}. Without this, a package name or message containing {@code ::} or a newline could inject
 * workflow commands of its own into the build log.
 */
public final class GithubCommands {
    private GithubCommands() {}

    /** One annotation line for a finding. */
    public static String annotation(Finding f, String title) {
        StringJoiner props = new StringJoiner(",");
        f.location().ifPresent(loc -> {
            props.add("file=" + escapeProperty(loc.path()));
            props.add("line=" + loc.line());
        });
        if (!title.isEmpty()) {
            props.add("title=" + escapeProperty(title));
        }
        StringBuilder body = new StringBuilder(f.message());
        if (!f.detail().isEmpty()) {
            body.append('\n').append(f.detail());
        }
        if (!f.hint().isEmpty()) {
            body.append('\n').append("hint: ").append(f.hint());
        }
        String p = props.length() == 0 ? "" : " " + props;
        return "::" + f.severity().label() + p + "::" + escapeData(body.toString());
    }

    /**
     * An {@code ::error} command not tied to a finding (e.g. the run stopped with an error before any finding), so
     * that the failure still shows as an annotation.
     */
    public static String error(String title, String message) {
        return "::error" + (title.isEmpty() ? "" : " title=" + escapeProperty(title)) + "::" + escapeData(message);
    }

    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
