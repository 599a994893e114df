package dev.pylocktrust.python;

import java.util.Objects;

/**
 * A string does not follow a PyPA rule (project name, version, filename, specifier, marker, requirement).
 *
 * <p>The message has the form {@code invalid <what> '<input>': <reason>}: it quotes the whole input (control and
 * invisible characters escaped, inputs over {@value Inputs#MAX_LENGTH} characters cut short), names the part that
 * failed and the rule it broke. {@link #reason()} is the part after the colon, so a caller parsing a larger string
 * can wrap it ({@code name part 'x': <reason>}).
 *
 * <p>It is an {@link IllegalArgumentException} because it is thrown by pure parsers; the layer that knows where the
 * string came from (lockfile key, index URL, CLI argument) turns it into a user-facing {@code PylockTrustException}.
 */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String input;
    private final String reason;

    /**
     * @param what what was being parsed, e.g. {@code "wheel filename"}
     * @param input the whole input as given
     * @param reason which part failed and which rule it broke
     */
    public InvalidSpecException(String what, String input, String reason) {
        this(what, input, reason, null);
    }

    public InvalidSpecException(String what, String input, String reason, Throwable cause) {
        super("invalid " + what + " " + Inputs.quote(input) + ": " + reason, cause);
        this.what = Objects.requireNonNull(what, "what");
        this.input = input;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was being parsed, e.g. {@code "wheel filename"}. */
    public String what() {
        return what;
    }

    /** The rejected input, unmodified (may contain control characters: escape before printing). */
    public String input() {
        return input;
    }

    /** The failed part and the broken rule, without the {@code invalid <what> '<input>': } prefix. */
    public String reason() {
        return reason;
    }
}
