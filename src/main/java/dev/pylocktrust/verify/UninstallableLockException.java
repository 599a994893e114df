package dev.pylocktrust.verify;

import dev.pylocktrust.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock cannot be installed on the target ({@code verify --environment current}): a headline and one line per
 * problem. Exit code 2. Each problem is its own printed line; a line break inside one (from lock file data) is shown
 * escaped, never as a line of its own.
 */
public final class UninstallableLockException extends UsageException {
    private final List<String> lines;

    UninstallableLockException(String headline, List<String> problems, String... hints) {
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
