package dev.pylocktrust.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A GitHub Actions Trusted Publisher identity. Build with {@link TestIdentity#github(String, String)} and the
 * {@code with*} methods; every unspecified value is derived deterministically from the repository name.
 *
 * @param repository {@code owner/repo}
 * @param workflow the top-level (caller) workflow file name, e.g. {@code release.yml}
 * @param ref the git ref the workflow ran on, e.g. {@code refs/tags/v1.0.0}
 * @param sha the 40-hex commit the workflow ran on
 * @param environment the GitHub deployment environment, or {@code null}
 * @param emitEnvironmentExtension whether the certificate carries extension {@code .23} (Fulcio emits it only since
 *     Nov 2025, and only for a non-empty environment); ignored when {@code environment} is null or empty
 * @param repositoryId numeric repository id (extension {@code .15}); {@code null}: the certificate has none, as
 *     Fulcio's certificates before the extension existed
 * @param ownerId numeric owner id (extension {@code .17}); {@code null}: the certificate has none
 * @param runnerEnvironment {@code github-hosted} or {@code self-hosted}
 * @param eventName the triggering event, e.g. {@code release} or {@code push}
 * @param jobWorkflowRef the workflow that actually ran the signing job ({@code owner/repo/.github/workflows/f.yml@ref});
 *     differs from the caller only for a reusable workflow; {@code null} means the caller itself
 * @param visibility {@code public}, {@code private} or {@code internal}
 * @param runId the Actions run id (for the run invocation URI)
 */
public record GitHubIdentity(
        String repository,
        String workflow,
        String ref,
        String sha,
        String environment,
        boolean emitEnvironmentExtension,
        String repositoryId,
        String ownerId,
        String runnerEnvironment,
        String eventName,
        String jobWorkflowRef,
        String visibility,
        String runId)
        implements TestIdentity {

    public static final String ISSUER = "https://token.actions.githubusercontent.com";

    public GitHubIdentity {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(runnerEnvironment, "runnerEnvironment");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(runId, "runId");
        if (repository.indexOf('/') <= 0) {
            throw new IllegalArgumentException("GitHub repository must be owner/repo, got '" + repository + "'");
        }
    }

    static GitHubIdentity of(String repository, String workflow) {
        String owner = repository.substring(0, Math.max(0, repository.indexOf('/')));
        return new GitHubIdentity(repository, workflow, "refs/tags/v1.0.0", TestIdentity.derivedSha(repository), null, true,
                TestIdentity.derivedId("github-repo|" + repository, 100_000_000L, 900_000_000L),
                TestIdentity.derivedId("github-owner|" + owner, 1_000_000L, 200_000_000L),
                "github-hosted", "release", null, "public",
                TestIdentity.derivedId("github-run|" + repository, 10_000_000_000L, 9_000_000_000L));
    }

    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    public GitHubIdentity withRef(String newRef) {
        return new GitHubIdentity(repository, workflow, newRef, sha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, runnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    public GitHubIdentity withSha(String newSha) {
        return new GitHubIdentity(repository, workflow, ref, newSha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, runnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    /** Sets the deployment environment and emits it in extension {@code .23}, as current Fulcio does. */
    public GitHubIdentity withEnvironment(String newEnvironment) {
        return withEnvironment(newEnvironment, true);
    }

    /** Sets the deployment environment; {@code emitExtension = false} models a certificate from before Nov 2025. */
    public GitHubIdentity withEnvironment(String newEnvironment, boolean emitExtension) {
        return new GitHubIdentity(repository, workflow, ref, sha, newEnvironment, emitExtension, repositoryId, ownerId,
                runnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    public GitHubIdentity withRepositoryId(String newRepositoryId) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, newRepositoryId,
                ownerId, runnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    /** A certificate without the repository and owner id extensions ({@code .15}, {@code .17}). */
    public GitHubIdentity withoutIds() {
        return withRepositoryId(null).withOwnerId(null);
    }

    public GitHubIdentity withOwnerId(String newOwnerId) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, repositoryId,
                newOwnerId, runnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    public GitHubIdentity withRunner(String newRunnerEnvironment) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, newRunnerEnvironment, eventName, jobWorkflowRef, visibility, runId);
    }

    public GitHubIdentity withEventName(String newEventName) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, runnerEnvironment, newEventName, jobWorkflowRef, visibility, runId);
    }

    /**
     * Signs from a reusable workflow: SAN and Build Signer URI name {@code newJobWorkflowRef}
     * ({@code owner/repo/.github/workflows/file.yml@ref}) while Build Config URI still names the caller.
     */
    public GitHubIdentity withJobWorkflowRef(String newJobWorkflowRef) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, runnerEnvironment, eventName, newJobWorkflowRef, visibility, runId);
    }

    public GitHubIdentity withVisibility(String newVisibility) {
        return new GitHubIdentity(repository, workflow, ref, sha, environment, emitEnvironmentExtension, repositoryId,
                ownerId, runnerEnvironment, eventName, jobWorkflowRef, newVisibility, runId);
    }

    /** {@code https://github.com/<repo>/.github/workflows/<workflow>@<ref>}: what PyPI's policy checks. */
    public String buildConfigUri() {
        return "https://github.com/" + repository + "/.github/workflows/" + workflow + "@" + ref;
    }

    /** {@code https://github.com/<job_workflow_ref>}: the SAN and Build Signer URI. */
    public String buildSignerUri() {
        return jobWorkflowRef == null ? buildConfigUri() : "https://github.com/" + jobWorkflowRef;
    }

    @Override
    public FulcioClaims claims() {
        Map<Integer, String> legacy = new LinkedHashMap<>();
        legacy.put(FulcioClaims.ISSUER_LEGACY, ISSUER);
        legacy.put(FulcioClaims.GITHUB_TRIGGER_LEGACY, eventName);
        legacy.put(FulcioClaims.GITHUB_SHA_LEGACY, sha);
        legacy.put(FulcioClaims.GITHUB_WORKFLOW_NAME_LEGACY, workflowDisplayName());
        legacy.put(FulcioClaims.GITHUB_REPOSITORY_LEGACY, repository);
        legacy.put(FulcioClaims.GITHUB_REF_LEGACY, ref);
        Map<Integer, String> v2 = new LinkedHashMap<>();
        v2.put(FulcioClaims.ISSUER, ISSUER);
        v2.put(FulcioClaims.BUILD_SIGNER_URI, buildSignerUri());
        v2.put(FulcioClaims.BUILD_SIGNER_DIGEST, sha);
        v2.put(FulcioClaims.RUNNER_ENVIRONMENT, runnerEnvironment);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_URI, "https://github.com/" + repository);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_DIGEST, sha);
        v2.put(FulcioClaims.SOURCE_REPOSITORY_REF, ref);
        if (repositoryId != null) {
            v2.put(FulcioClaims.SOURCE_REPOSITORY_IDENTIFIER, repositoryId);
        }
        v2.put(FulcioClaims.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/" + owner());
        if (ownerId != null) {
            v2.put(FulcioClaims.SOURCE_REPOSITORY_OWNER_IDENTIFIER, ownerId);
        }
        v2.put(FulcioClaims.BUILD_CONFIG_URI, buildConfigUri());
        v2.put(FulcioClaims.BUILD_CONFIG_DIGEST, sha);
        v2.put(FulcioClaims.BUILD_TRIGGER, eventName);
        v2.put(FulcioClaims.RUN_INVOCATION_URI, "https://github.com/" + repository + "/actions/runs/" + runId + "/attempts/1");
        v2.put(FulcioClaims.SOURCE_REPOSITORY_VISIBILITY, visibility);
        if (emitEnvironmentExtension && environment != null && !environment.isEmpty()) {
            v2.put(FulcioClaims.DEPLOYMENT_ENVIRONMENT, environment);
        }
        return new FulcioClaims(buildSignerUri(), false, legacy, v2);
    }

    /** PyPI's GitHub publisher: environment lower-cased as PyPI stores it, {@code null} when there is none. */
    @Override
    public Map<String, String> publisher() {
        Map<String, String> publisher = new LinkedHashMap<>();
        publisher.put("kind", "GitHub");
        publisher.put("repository", repository);
        publisher.put("workflow", workflow);
        publisher.put("environment", environment == null ? null : environment.toLowerCase(Locale.ROOT));
        return Collections.unmodifiableMap(publisher);
    }

    private String workflowDisplayName() {
        int dot = workflow.lastIndexOf('.');
        return dot > 0 ? workflow.substring(0, dot) : workflow;
    }
}
