package dev.pylocktrust.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A GitLab CI/CD (gitlab.com) Trusted Publisher identity. Build with {@link TestIdentity#gitlab(String, String)} and
 * the {@code with*} methods; every unspecified value is derived deterministically from the project path.
 *
 * @param repository {@code namespace/project}; the namespace may contain subgroups
 * @param workflowFilepath the top-level pipeline file, e.g. {@code .gitlab-ci.yml}
 * @param ref the full ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1.0.0}
 * @param sha the 40-hex commit
 * @param environment the GitLab environment, or {@code null}
 * @param emitEnvironmentExtension whether extension {@code .23} is emitted for a non-empty environment
 * @param projectId numeric project id (extension {@code .15})
 * @param namespaceId numeric namespace id (extension {@code .17})
 * @param runnerEnvironment {@code gitlab-hosted} or {@code self-hosted}
 * @param pipelineSource the pipeline trigger, e.g. {@code push}
 * @param visibility {@code public}, {@code internal} or {@code private}
 * @param jobId the CI job id (for the run invocation URI)
 */
public record GitLabIdentity(
        String repository,
        String workflowFilepath,
        String ref,
        String sha,
        String environment,
        boolean emitEnvironmentExtension,
        String projectId,
        String namespaceId,
        String runnerEnvironment,
        String pipelineSource,
        String visibility,
        String jobId)
        implements TestIdentity {

    public static final String ISSUER = "https://gitlab.com";

    public GitLabIdentity {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(workflowFilepath, "workflowFilepath");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(runnerEnvironment, "runnerEnvironment");
        Objects.requireNonNull(pipelineSource, "pipelineSource");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(jobId, "jobId");
        if (repository.lastIndexOf('/') <= 0) {
            throw new IllegalArgumentException("GitLab repository must be namespace/project, got '" + repository + "'");
        }
    }

    static GitLabIdentity of(String repository, String workflowFilepath) {
        String namespace = repository.substring(0, Math.max(0, repository.lastIndexOf('/')));
        return new GitLabIdentity(repository, workflowFilepath, "refs/heads/main", TestIdentity.derivedSha(repository), null,
                true, TestIdentity.derivedId("gitlab-project|" + repository, 10_000_000L, 90_000_000L),
                TestIdentity.derivedId("gitlab-namespace|" + namespace, 1_000_000L, 90_000_000L),
                "gitlab-hosted", "push", "private",
                TestIdentity.derivedId("gitlab-job|" + repository, 1_000_000_000L, 9_000_000_000L));
    }

    public String namespace() {
        return repository.substring(0, repository.lastIndexOf('/'));
    }

    public GitLabIdentity withRef(String newRef) {
        return new GitLabIdentity(repository, workflowFilepath, newRef, sha, environment, emitEnvironmentExtension,
                projectId, namespaceId, runnerEnvironment, pipelineSource, visibility, jobId);
    }

    public GitLabIdentity withSha(String newSha) {
        return new GitLabIdentity(repository, workflowFilepath, ref, newSha, environment, emitEnvironmentExtension,
                projectId, namespaceId, runnerEnvironment, pipelineSource, visibility, jobId);
    }

    public GitLabIdentity withEnvironment(String newEnvironment) {
        return withEnvironment(newEnvironment, true);
    }

    public GitLabIdentity withEnvironment(String newEnvironment, boolean emitExtension) {
        return new GitLabIdentity(repository, workflowFilepath, ref, sha, newEnvironment, emitExtension, projectId,
                namespaceId, runnerEnvironment, pipelineSource, visibility, jobId);
    }

    public GitLabIdentity withProjectId(String newProjectId) {
        return new GitLabIdentity(repository, workflowFilepath, ref, sha, environment, emitEnvironmentExtension,
                newProjectId, namespaceId, runnerEnvironment, pipelineSource, visibility, jobId);
    }

    public GitLabIdentity withNamespaceId(String newNamespaceId) {
        return new GitLabIdentity(repository, workflowFilepath, ref, sha, environment, emitEnvironmentExtension,
                projectId, newNamespaceId, runnerEnvironment, pipelineSource, visibility, jobId);
    }

    public GitLabIdentity withRunner(String newRunnerEnvironment) {
        return new GitLabIdentity(repository, workflowFilepath, ref, sha, environment, emitEnvironmentExtension,
                projectId, namespaceId, newRunnerEnvironment, pipelineSource, visibility, jobId);
    }

    /** {@code https://gitlab.com/<ns>/<project>//<workflow_filepath>@<ref>}: SAN, Build Signer and Build Config URI. */
    public String buildConfigUri() {
        return "https://gitlab.com/" + repository + "//" + workflowFilepath + "@" + ref;
    }

    @Override
    public FulcioClaims claims() {
        Map<Integer, String> legacy = new LinkedHashMap<>();
        legacy.put(FulcioClaims.ISSUER_LEGACY, ISSUER);
        Map<Integer, String> v2 = new LinkedHashMap<>();
        v2.put(FulcioClaims.ISSUER, ISSUER);
        v2.put(FulcioClaims.BUILD_SIGNER_URI, buildConfigUri());
        v2.put(FulcioClaims.BUILD_SIGNER_DIGEST, sha);
        v2.put(FulcioClaims.RUNNER_ENVIRONMENT, runnerEnvironment);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_URI, "https://gitlab.com/" + repository);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_DIGEST, sha);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_REF, ref);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_IDENTIFIER, projectId);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_OWNER_URI, "https://gitlab.com/" + namespace());
        v2.put(FulcioClaims.SOURCE_REPOSITORY_OWNER_IDENTIFIER, namespaceId);
        v2.put(FulcioClaims.BUILD_CONFIG_URI, buildConfigUri());
        v2.put(FulcioClaims.BUILD_CONFIG_DIGEST, sha);
        v2.put(FulcioClaims.BUILD_TRIGGER, pipelineSource);
        v2.put(FulcioClaims.RUN_INVOCATION_URI, "https://gitlab.com/" + repository + "/-/jobs/" + jobId);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_VISIBILITY, visibility);
        if (emitEnvironmentExtension && environment != null && !environment.isEmpty()) {
            v2.put(FulcioClaims.DEPLOYMENT_ENVIRONMENT, environment);
        }
        return new FulcioClaims(buildConfigUri(), false, legacy, v2);
    }

    /** PyPI's GitLab publisher: environment kept as is (GitLab environments are case-sensitive). */
    @Override
    public Map<String, String> publisher() {
        Map<String, String> publisher = new LinkedHashMap<>();
        publisher.put("kind", "GitLab");
        publisher.put("repository", repository);
        publisher.put("workflow_filepath", workflowFilepath);
        publisher.put("environment", environment);
        return Collections.unmodifiableMap(publisher);
    }
}
