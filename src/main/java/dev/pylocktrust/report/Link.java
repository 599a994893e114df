package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import java.util.Objects;

/**
 * A link a report shows next to a finding, e.g. the repository or workflow file of a publisher identity.
 *
 * @param text what the link says (untrusted text is fine: renderers escape it)
 * @param url an {@code https://} URL; built by the caller from validated parts, percent-encoded
 */
public record Link(String text, String url) {
    public Link {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
        // Only https: a javascript: or data: URL in a PR comment would be an attack surface, and http is never needed.
        if (!url.startsWith("https://") || url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>'
                || c == '(' || c == ')' || c == '\\' || c >= 0x7f)) {
            throw new IllegalArgumentException("a report link must be an https URL without spaces, quotes, "
                    + "brackets or non-ASCII characters, got '" + Printable.of(url) + "'");
        }
    }
}
