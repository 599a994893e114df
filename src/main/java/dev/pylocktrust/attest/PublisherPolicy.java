package dev.pylocktrust.attest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a publisher that the index asserts against the claims Fulcio signed into the certificate. Pure: values in,
 * a value out.
 *
 * <p>The rules (those PyPI applies at upload, plus the deployment environment when Fulcio certifies it):
 * <ol>
 *   <li>GitHub: issuer {@code https://token.actions.githubusercontent.com}; source repository URI
 *       {@code https://github.com/<repository>}; build config URI
 *       {@code https://github.com/<repository>/.github/workflows/<workflow>@<ref or commit>}, where the ref and
 *       commit come from the certificate itself (at least one must be present). The build config URI names the
 *       top-level (caller) workflow, which is what the Trusted Publisher configures; the SAN may name a reusable
 *       workflow and is not checked.</li>
 *   <li>GitLab: issuer {@code https://gitlab.com}; source repository URI {@code https://gitlab.com/<repository>};
 *       build config URI {@code https://gitlab.com/<repository>//<workflow_filepath>@<ref or commit>} (both must be
 *       present in the certificate).</li>
 *   <li>Google: issuer {@code https://accounts.google.com} and the SAN e-mail equal to {@code email}.</li>
 *   <li>Environment: when the publisher names one and the certificate has the deployment environment extension
 *       (.23), they must be equal (GitHub ASCII case-insensitively, GitLab exactly); without .23 the environment is
 *       reported as asserted by the index only.</li>
 * </ol>
 * Values compare by {@link IdentityValues#same}: repository names ASCII case-insensitively (GitHub and GitLab paths
 * are unique regardless of case), workflow file names exactly, and any non-ASCII character exactly (a dotless
 * {@code ı} in a certificate claim never matches an {@code i}); such values are flagged in the messages.
 */
public final class PublisherPolicy {
    public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    public static final String GITLAB_ISSUER = "https://gitlab.com";
    public static final String GOOGLE_ISSUER = "https://accounts.google.com";

    private PublisherPolicy() {}

    /** The outcome of checking one publisher against one certificate. */
    public sealed interface Outcome {
        /** The certificate matches the publisher. */
        record Match(VerifiedIdentity identity) implements Outcome {}

        /** The certificate was issued to someone else; the message shows what was found and expected. */
        record Mismatch(String message) implements Outcome {}

        /** No policy exists for this publisher kind. */
        record Unsupported(String message) implements Outcome {}
    }

    /**
     * How a forge's Trusted Publisher is checked, one per publisher kind: the issuer, where the repository lives, how
     * the workflow sits in the build config URI, which of the ref and commit the certificate must carry, and the key
     * that names the workflow in the identity table. How each value compares (which ones fold case) is
     * {@link IdentityValues}' rule, not the forge's.
     */
    private record ForgeRule(String issuer, String repositoryHost, String workflowPrefix, Suffixes suffixes,
                             String workflowKey) {
        static final ForgeRule GITHUB = new ForgeRule(GITHUB_ISSUER, "https://github.com/", "/.github/workflows/",
                Suffixes.REF_OR_COMMIT, "workflow");
        static final ForgeRule GITLAB = new ForgeRule(GITLAB_ISSUER, "https://gitlab.com/", "//",
                Suffixes.REF_AND_COMMIT, "workflow_filepath");
    }

    /** Which of the source repository ref and commit the build config URI is checked with. */
    private enum Suffixes {
        /** At least one: GitHub's build config URI ends in either. */
        REF_OR_COMMIT,
        /** Both: GitLab's certificates always carry both. */
        REF_AND_COMMIT
    }

    /** What a forge publisher asserts, as its {@link ForgeRule} reads it. */
    private record ForgePublisher(Publisher publisher, String repository, String workflow,
                                  Optional<String> environment) {}

    public static Outcome check(Publisher publisher, CertificateClaims claims) {
        if (publisher instanceof GitHubPublisher gh) {
            return checkForge(ForgeRule.GITHUB, new ForgePublisher(gh, gh.repository(), gh.workflow(),
                    gh.environment()), claims);
        }
        if (publisher instanceof GitLabPublisher gl) {
            return checkForge(ForgeRule.GITLAB, new ForgePublisher(gl, gl.repository(), gl.workflowFilepath(),
                    gl.environment()), claims);
        }
        if (publisher instanceof GooglePublisher g) {
            return checkGoogle(g, claims);
        }
        return new Outcome.Unsupported("publisher kind '" + publisher.kind() + "' is not supported: there is no rule "
                + "to check a certificate against it");
    }

    private static Outcome checkForge(ForgeRule rule, ForgePublisher asserted, CertificateClaims claims) {
        Publisher publisher = asserted.publisher();
        String issuer = claims.issuer().orElse(null);
        if (!rule.issuer().equals(issuer)) {
            return mismatch(publisher, "certificate issuer is " + quote(issuer) + ", expected " + quote(rule.issuer()));
        }
        String expectedRepoUri = rule.repositoryHost() + asserted.repository();
        String repoUri = claims.sourceRepositoryUri().orElse(null);
        if (repoUri == null || !IdentityValues.same(publisher.kind(), "repository", repoUri, expectedRepoUri)) {
            return mismatch(publisher, "certificate source repository URI is " + quote(repoUri) + ", expected "
                    + quote(expectedRepoUri));
        }
        Optional<String> ref = claims.sourceRepositoryRef();
        Optional<String> digest = claims.sourceRepositoryDigest();
        boolean lacking = switch (rule.suffixes()) {
            case REF_OR_COMMIT -> ref.isEmpty() && digest.isEmpty();
            case REF_AND_COMMIT -> ref.isEmpty() || digest.isEmpty();
        };
        if (lacking) {
            return mismatch(publisher, "certificate lacks the source repository ref and/or digest needed to check the "
                    + "build config URI");
        }
        List<String> suffixes = new ArrayList<>();
        ref.ifPresent(suffixes::add);
        digest.ifPresent(suffixes::add);
        String workflowPath = rule.workflowPrefix() + asserted.workflow();
        String buildConfig = claims.buildConfigUri().orElse(null);
        if (!buildConfigMatches(publisher.kind(), buildConfig, expectedRepoUri, workflowPath, suffixes)) {
            return mismatch(publisher, "certificate build config URI is " + quote(buildConfig) + ", expected "
                    + expectedRepoUri + workflowPath + "@" + String.join(" or @", suffixes));
        }
        TreeSet<String> certified = new TreeSet<>(Set.of("kind", "repository", rule.workflowKey()));
        TreeSet<String> assertedOnly = new TreeSet<>();
        if (asserted.environment().isPresent()) {
            String environment = asserted.environment().get();
            Optional<String> certEnv = claims.deploymentEnvironment();
            if (certEnv.isEmpty()) {
                assertedOnly.add("environment");
            } else if (IdentityValues.same(publisher.kind(), "environment", certEnv.get(), environment)) {
                certified.add("environment");
            } else {
                return mismatch(publisher, "certificate deployment environment is " + quote(certEnv.get())
                        + ", expected " + quote(environment));
            }
        }
        return new Outcome.Match(new VerifiedIdentity(publisher, certified, assertedOnly,
                claims.sourceRepositoryIdentifier(), claims.sourceRepositoryOwnerIdentifier()));
    }

    /** Host and repository compare as repositories do; the workflow path and the ref or commit exactly. */
    private static boolean buildConfigMatches(String kind, String actual, String repoUri, String workflowPath,
                                              List<String> suffixes) {
        if (actual == null || !IdentityValues.startsWith(kind, "repository", actual, repoUri)) {
            return false;
        }
        String rest = actual.substring(repoUri.length());
        return suffixes.stream().anyMatch(s -> rest.equals(workflowPath + "@" + s));
    }

    private static Outcome checkGoogle(GooglePublisher publisher, CertificateClaims claims) {
        String issuer = claims.issuer().orElse(null);
        if (!GOOGLE_ISSUER.equals(issuer)) {
            return mismatch(publisher, "certificate issuer is " + quote(issuer) + ", expected " + quote(GOOGLE_ISSUER));
        }
        if (claims.sanType() != CertificateClaims.SanType.EMAIL
                || !IdentityValues.same(publisher.kind(), "email", claims.subjectAlternativeName(), publisher.email())) {
            return mismatch(publisher, "certificate subject is " + quote(claims.subjectAlternativeName())
                    + ", expected e-mail " + quote(publisher.email()));
        }
        return new Outcome.Match(new VerifiedIdentity(publisher, new TreeSet<>(Set.of("kind", "email")),
                new TreeSet<>(), Optional.empty(), Optional.empty()));
    }

    private static Outcome mismatch(Publisher publisher, String detail) {
        return new Outcome.Mismatch("the certificate does not match the publisher " + publisher.describe() + ": "
                + detail);
    }

    /** A certificate or publisher value for a message, flagged when it has non-ASCII characters. */
    private static String quote(String s) {
        return s == null ? "(absent)" : s + IdentityValues.nonAsciiNote(s);
    }
}
