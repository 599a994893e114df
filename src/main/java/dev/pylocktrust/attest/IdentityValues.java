package dev.pylocktrust.attest;

import dev.pylocktrust.Ascii;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one rule for comparing publisher identity values (repository, workflow, environment, e-mail, GitLab paths),
 * used by {@link Publisher#sameIdentity}, by {@link PublisherPolicy} (publisher against certificate claims) and by
 * every caller that compares two identities key by key.
 *
 * <p>Values compare case-insensitively only where the forge does (GitHub and GitLab repository paths, GitHub
 * environment names, which PyPI stores lower-cased), and then with ASCII rules: only {@code A-Z} fold onto
 * {@code a-z}. Everything else compares exactly: workflow files, GitLab environments, e-mails, unknown kinds, and any
 * non-ASCII character anywhere. So a certificate environment {@code pypı} (dotless i, U+0131) is not {@code pypi},
 * a Kelvin sign (U+212A) is not {@code k} and a long s (U+017F) is not {@code s}, whatever the JVM's default locale.
 * Such values are shown with {@link #nonAsciiNote} so that a reader does not take them for their look-alikes.
 */
public final class IdentityValues {
    private static final int MAX_LISTED = 4;

    private IdentityValues() {}

    /**
     * Whether {@code a} and {@code b} are the same value of {@code key} for a publisher of {@code kind} (a PEP 740
     * {@code kind} such as {@code GitHub}; a key as the identity table names it, e.g. {@code repository}).
     */
    public static boolean same(String kind, String key, String a, String b) {
        return foldsCase(kind, key) ? Ascii.equalsIgnoreCase(a, b) : a.equals(b);
    }

    /** Whether {@code value} starts with {@code prefix} under the rule of {@link #same} for that key. */
    static boolean startsWith(String kind, String key, String value, String prefix) {
        return foldsCase(kind, key) ? Ascii.startsWithIgnoreCase(value, prefix) : value.startsWith(prefix);
    }

    private static boolean foldsCase(String kind, String key) {
        return key.equals("repository") && (kind.equals(GitHubPublisher.KIND) || kind.equals(GitLabPublisher.KIND))
                || key.equals("environment") && kind.equals(GitHubPublisher.KIND);
    }

    /**
     * A note naming the non-ASCII characters of {@code value}, e.g. {@code " [non-ASCII: U+0131]"}, or the empty
     * string for an ASCII value. Appended wherever an identity value is shown to a person.
     */
    public static String nonAsciiNote(String value) {
        if (Ascii.isAscii(value)) {
            return "";
        }
        var codePoints = value.codePoints().filter(cp -> cp > 0x7f).distinct().boxed().toList();
        String listed = codePoints.stream().limit(MAX_LISTED).map(cp -> String.format(Locale.ROOT, "U+%04X", cp))
                .collect(Collectors.joining(", "));
        return " [non-ASCII: " + listed + (codePoints.size() > MAX_LISTED ? ", ..." : "") + "]";
    }
}
