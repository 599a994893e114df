package dev.pylocktrust.index;

import dev.pylocktrust.UsageException;

/**
 * The index has no page for the project (HTTP 404, or no directory in a mirror). A typo, a private package on the
 * wrong index, or a quarantined project (PyPI hides those from the Simple API). An input error (exit 2), as when the
 * resolver finds no project of that name: the same situation gets the same code.
 */
public final class ProjectNotFoundException extends UsageException {
    private final String project;

    public ProjectNotFoundException(String project, String where) {
        super("project '" + project + "' was not found on the index (" + where + ")",
                "check the spelling and --index-url; PyPI also hides quarantined projects");
        this.project = project;
    }

    /** The normalized name that was looked up. */
    public String project() {
        return project;
    }
}
