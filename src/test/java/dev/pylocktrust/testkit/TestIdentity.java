package dev.pylocktrust.testkit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * A Trusted Publishing identity the test Sigstore can certify: what Fulcio writes into the leaf certificate
 * ({@link #claims()}) and what PyPI would assert as the provenance publisher ({@link #publisher()}).
 */
public sealed interface TestIdentity permits GitHubIdentity, GitLabIdentity, GoogleIdentity {

    /** A GitHub Actions workflow {@code workflow} (file name, e.g. {@code release.yml}) in {@code owner/repo}. */
    static GitHubIdentity github(String repository, String workflow) {
        return GitHubIdentity.of(repository, workflow);
    }

    /** A GitLab CI pipeline defined by {@code workflowFilepath} (e.g. {@code .gitlab-ci.yml}) in {@code namespace/project}. */
    static GitLabIdentity gitlab(String repository, String workflowFilepath) {
        return GitLabIdentity.of(repository, workflowFilepath);
    }

    /** A Google Cloud service account (SAN e-mail, issuer {@code https://accounts.google.com}). */
    static GoogleIdentity google(String email) {
        return new GoogleIdentity(email);
    }

    /** The certificate claims Fulcio would issue for this identity. */
    FulcioClaims claims();

    /**
     * The provenance {@code publisher} object PyPI would serve for this identity's Trusted Publisher, with
     * {@code kind} first and JSON {@code null} values kept as Java {@code null} (the map is unmodifiable but not
     * built with {@code Map.of}, so nulls are allowed).
     */
    Map<String, String> publisher();

    /** A deterministic decimal id in {@code [base, base + span)} derived from {@code name}. */
    static String derivedId(String name, long base, long span) {
        byte[] hash = EcKey.sha256(("id|" + name).getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 7; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return Long.toString(base + value % span);
    }

    /** A deterministic 40-hex-digit git commit id derived from {@code name}. */
    static String derivedSha(String name) {
        byte[] hash = EcKey.sha256(("sha|" + name).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 20);
    }
}
