package dev.pylocktrust.attest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A GitLab CI/CD Trusted Publisher (gitlab.com) as PyPI serializes it.
 *
 * @param repository {@code namespace/project}; the namespace may contain subgroups
 * @param workflowFilepath path of the top-level CI file, e.g. {@code .gitlab-ci.yml} (key {@code workflow_filepath})
 * @param environment the GitLab environment (case preserved); empty when none
 * @param extra other keys the index sent, kept for a lossless round trip (never part of the identity)
 */
public record GitLabPublisher(String repository, String workflowFilepath, Optional<String> environment,
                              SortedMap<String, String> extra) implements Publisher {
    public static final String KIND = "GitLab";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final Pattern FILEPATH = Pattern.compile("[^/@\\s\\x00-\\x1f]+(/[^/@\\s\\x00-\\x1f]+)*");

    public GitLabPublisher {
        Publishers.requirePattern("repository", repository, REPOSITORY, "must be 'namespace/project'");
        Publishers.requirePattern("workflow_filepath", workflowFilepath, FILEPATH,
                "must be a relative file path without '@', e.g. '.gitlab-ci.yml'");
        environment = Publishers.optional(environment == null ? null : environment.orElse(null));
        environment.ifPresent(e -> Publishers.requirePattern("environment", e, Pattern.compile("[^\\x00-\\x1f]+"),
                "must not contain control characters"));
        extra = Publishers.copyExtra(extra == null ? new TreeMap<>() : extra);
    }

    /** A publisher without extra keys; {@code environment} may be null or empty for none. */
    public static GitLabPublisher of(String repository, String workflowFilepath, String environment) {
        return new GitLabPublisher(repository, workflowFilepath, Optional.ofNullable(environment), new TreeMap<>());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean sameIdentity(Publisher other) {
        return sameRepository(other) && other instanceof GitLabPublisher o
                && IdentityValues.same(KIND, "workflow_filepath", workflowFilepath, o.workflowFilepath)
                && IdentityValues.same(KIND, "environment", environment.orElse(""), o.environment.orElse(""));
    }

    @Override
    public boolean sameRepository(Publisher other) {
        return other instanceof GitLabPublisher o && IdentityValues.same(KIND, "repository", repository, o.repository);
    }

    @Override
    public SortedMap<String, String> toIdentityTable() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("repository", repository);
        keys.put("workflow_filepath", workflowFilepath);
        environment.ifPresent(e -> keys.put("environment", e));
        return Publishers.table(KIND, keys, extra);
    }

    @Override
    public String describe() {
        String d = "GitLab " + repository + " (" + workflowFilepath
                + environment.map(e -> ", environment " + e).orElse("") + ")";
        return d + IdentityValues.nonAsciiNote(d);
    }
}
