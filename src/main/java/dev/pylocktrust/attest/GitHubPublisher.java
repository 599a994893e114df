package dev.pylocktrust.attest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A GitHub Actions Trusted Publisher as PyPI serializes it.
 *
 * @param repository {@code owner/repo}
 * @param workflow the workflow file name only, e.g. {@code release.yml}
 * @param environment the GitHub environment (PyPI stores it lower-cased); empty when none. Only the index asserts
 *     it unless the certificate carries the deployment environment extension (.23)
 * @param extra other keys the index sent, kept for a lossless round trip (never part of the identity)
 */
public record GitHubPublisher(String repository, String workflow, Optional<String> environment,
                              SortedMap<String, String> extra) implements Publisher {
    public static final String KIND = "GitHub";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern WORKFLOW = Pattern.compile("[^/@\\s\\x00-\\x1f]+");

    public GitHubPublisher {
        Publishers.requirePattern("repository", repository, REPOSITORY, "must be 'owner/repo'");
        Publishers.requirePattern("workflow", workflow, WORKFLOW,
                "must be a workflow file name (no '/', '@' or spaces), e.g. 'release.yml'");
        environment = Publishers.optional(environment == null ? null : environment.orElse(null));
        environment.ifPresent(e -> Publishers.requirePattern("environment", e, Pattern.compile("[^\\x00-\\x1f]+"),
                "must not contain control characters"));
        extra = Publishers.copyExtra(extra == null ? new TreeMap<>() : extra);
    }

    /** A publisher without extra keys; {@code environment} may be null or empty for none. */
    public static GitHubPublisher of(String repository, String workflow, String environment) {
        return new GitHubPublisher(repository, workflow, Optional.ofNullable(environment), new TreeMap<>());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean sameIdentity(Publisher other) {
        return sameRepository(other) && other instanceof GitHubPublisher o
                && IdentityValues.same(KIND, "workflow", workflow, o.workflow)
                && IdentityValues.same(KIND, "environment", environment.orElse(""), o.environment.orElse(""));
    }

    @Override
    public boolean sameRepository(Publisher other) {
        return other instanceof GitHubPublisher o && IdentityValues.same(KIND, "repository", repository, o.repository);
    }

    @Override
    public SortedMap<String, String> toIdentityTable() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("repository", repository);
        keys.put("workflow", workflow);
        environment.ifPresent(e -> keys.put("environment", e));
        return Publishers.table(KIND, keys, extra);
    }

    @Override
    public String describe() {
        String d = "GitHub " + repository + " (" + workflow + environment.map(e -> ", environment " + e).orElse("")
                + ")";
        return d + IdentityValues.nonAsciiNote(d);
    }
}
