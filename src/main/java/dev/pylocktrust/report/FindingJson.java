package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.policy.Finding;

/**
 * A {@link Finding} as JSON, the same in every report that lists findings ({@code lock}, {@code verify} and
 * {@code diff}): {@code severity} ({@code error}, {@code warning}, {@code notice}), {@code code}, {@code package}
 * (null for a finding about no package), {@code file} (null when not about one), {@code message}, {@code detail},
 * {@code hint} and {@code location} ({@code {path, line}} or null). Text is not escaped beyond JSON's own rules: a
 * consumer gets the input's exact strings.
 */
final class FindingJson {
    private FindingJson() {}

    /** Adds the finding's keys to {@code o}, after any it already holds. */
    static void put(ObjectNode o, Finding f) {
        o.put("severity", f.severity().label());
        o.put("code", f.code().code());
        o.put("package", f.packageName().isEmpty() ? null : f.packageName());
        o.put("file", f.file().orElse(null));
        o.put("message", f.message());
        o.put("detail", f.detail());
        o.put("hint", f.hint());
        f.location().ifPresentOrElse(l -> o.putObject("location").put("path", l.path()).put("line", l.line()),
                () -> o.putNull("location"));
    }
}
