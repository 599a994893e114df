package dev.pylocktrust.testkit.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Trusted Publisher identity for test releases, with the keys PyPI puts in a provenance {@code publisher} object.
 * Which keys apply depends on {@code kind}: GitHub (repository, workflow, environment), GitLab (repository,
 * workflow_filepath as {@code workflow}, environment), Google (email). Unused keys are {@code null}.
 */
public record IdentitySpec(String kind, String repository, String workflow, String environment, String email) {
    public IdentitySpec {
        Objects.requireNonNull(kind, "kind");
    }

    public static IdentitySpec github(String repository, String workflow, String environment) {
        return new IdentitySpec("GitHub", repository, workflow, environment, null);
    }

    public static IdentitySpec gitlab(String repository, String workflowFilepath, String environment) {
        return new IdentitySpec("GitLab", repository, workflowFilepath, environment, null);
    }

    public static IdentitySpec google(String email) {
        return new IdentitySpec("Google", null, null, null, email);
    }

    /** The provenance {@code publisher} object, keys as PyPI serves them. */
    public Map<String, Object> publisherObject() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind);
        switch (kind) {
            case "GitHub":
                p.put("repository", repository);
                p.put("workflow", workflow);
                p.put("environment", environment);
                break;
            case "GitLab":
                p.put("repository", repository);
                p.put("workflow_filepath", workflow);
                p.put("environment", environment);
                break;
            case "Google":
                p.put("email", email);
                break;
            default:
                if (repository != null) {
                    p.put("repository", repository);
                }
        }
        return p;
    }
}
