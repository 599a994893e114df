package dev.pylocktrust;

import java.util.ArrayList;
import java.util.List;

/**
 * An input error with a headline and one line per problem (exit code 2), such as a lock that cannot be installed on
 * the target, or hashes that nothing can check. Each problem is its own printed line; a line break inside one (from
 * lock file data) is shown escaped, never as a line of its own.
 */
public final class ProblemListException extends UsageException {
    private final List<String> lines;

    public ProblemListException(String headline, List<String> problems, String... hints) {
        super(headline + "\n  " + String.join("\n  ", problems), hints);
        List<String> all = new ArrayList<>();
        all.add(headline);
        problems.forEach(p -> all.add("  " + p));
        this.lines = List.copyOf(all);
    }

    @Override
    public List<String> messageLines() {
        return lines;
    }
}
