package dev.pylocktrust.testkit;

import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.ProvenanceMinter;

/**
 * Plugs the test Sigstore into the test index builder: every file with an identity gets a provenance holding one
 * real-crypto publish attestation, signed by a certificate that carries that identity.
 */
public final class SigstoreProvenanceMinter implements ProvenanceMinter {
    private final TestSigstore sigstore;

    public SigstoreProvenanceMinter(TestSigstore sigstore) {
        this.sigstore = sigstore;
    }

    @Override
    public byte[] provenanceFor(String filename, String sha256Hex, IdentitySpec identity) {
        return sigstore.mint(MintRequest.of(filename, sha256Hex, toTestIdentity(identity))).provenanceJson();
    }

    /** The certificate identity that matches what the index will assert for {@code spec}. */
    public static TestIdentity toTestIdentity(IdentitySpec spec) {
        return switch (spec.kind()) {
            case "GitHub" -> {
                GitHubIdentity id = TestIdentity.github(spec.repository(), spec.workflow());
                yield spec.environment() == null || spec.environment().isEmpty() ? id
                        : id.withEnvironment(spec.environment());
            }
            case "GitLab" -> {
                GitLabIdentity id = TestIdentity.gitlab(spec.repository(), spec.workflow());
                yield spec.environment() == null || spec.environment().isEmpty() ? id
                        : id.withEnvironment(spec.environment());
            }
            case "Google" -> TestIdentity.google(spec.email());
            default -> throw new IllegalArgumentException("the test Sigstore cannot mint for kind " + spec.kind());
        };
    }
}
