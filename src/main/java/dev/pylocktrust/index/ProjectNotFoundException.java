package dev.pylocktrust.index;

import dev.pylocktrust.NetworkException;

/**
 * The index has no page for the project (HTTP 404, or no directory in a mirror). A typo, a private package on the
 * wrong index, or a quarantined project (PyPI hides those from the Simple API). Exit code 3: nothing was decided.
 */
public final class ProjectNotFoundException extends NetworkException {
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
