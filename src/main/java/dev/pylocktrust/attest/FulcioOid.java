package dev.pylocktrust.attest;

/**
 * The Sigstore Fulcio certificate extensions under {@code 1.3.6.1.4.1.57264.1}.
 *
 * <p>Spec trap: the legacy extensions {@code .1} to {@code .6} hold the raw string bytes, while {@code .8} and later
 * hold a DER UTF8String. Both are wrapped in the DER OCTET STRING that {@code X509Certificate.getExtensionValue}
 * returns.
 */
public enum FulcioOid {
    ISSUER_LEGACY(1, false, "issuer (legacy)"),
    GITHUB_WORKFLOW_TRIGGER(2, false, "GitHub workflow trigger (legacy)"),
    GITHUB_WORKFLOW_SHA(3, false, "GitHub workflow SHA (legacy)"),
    GITHUB_WORKFLOW_NAME(4, false, "GitHub workflow name (legacy)"),
    GITHUB_WORKFLOW_REPOSITORY(5, false, "GitHub workflow repository (legacy)"),
    GITHUB_WORKFLOW_REF(6, false, "GitHub workflow ref (legacy)"),
    ISSUER(8, true, "issuer"),
    BUILD_SIGNER_URI(9, true, "build signer URI"),
    BUILD_SIGNER_DIGEST(10, true, "build signer digest"),
    RUNNER_ENVIRONMENT(11, true, "runner environment"),
    SOURCE_REPOSITORY_URI(12, true, "source repository URI"),
    SOURCE_REPOSITORY_DIGEST(13, true, "source repository digest"),
    SOURCE_REPOSITORY_REF(14, true, "source repository ref"),
    SOURCE_REPOSITORY_IDENTIFIER(15, true, "source repository identifier"),
    SOURCE_REPOSITORY_OWNER_URI(16, true, "source repository owner URI"),
    SOURCE_REPOSITORY_OWNER_IDENTIFIER(17, true, "source repository owner identifier"),
    BUILD_CONFIG_URI(18, true, "build config URI"),
    BUILD_CONFIG_DIGEST(19, true, "build config digest"),
    BUILD_TRIGGER(20, true, "build trigger"),
    RUN_INVOCATION_URI(21, true, "run invocation URI"),
    SOURCE_REPOSITORY_VISIBILITY(22, true, "source repository visibility at signing"),
    DEPLOYMENT_ENVIRONMENT(23, true, "deployment environment"),
    TOKEN_SUBJECT(24, true, "token subject");

    private static final String ARC = "1.3.6.1.4.1.57264.1.";

    private final int arc;
    private final boolean derUtf8String;
    private final String label;

    FulcioOid(int arc, boolean derUtf8String, String label) {
        this.arc = arc;
        this.derUtf8String = derUtf8String;
        this.label = label;
    }

    /** The dotted OID, e.g. {@code 1.3.6.1.4.1.57264.1.12}. */
    public String oid() {
        return ARC + arc;
    }

    /** Whether the value is a DER UTF8String ({@code .8} and later) rather than raw bytes. */
    public boolean derUtf8String() {
        return derUtf8String;
    }

    /** A human label, as in Fulcio's OID documentation. */
    public String label() {
        return label;
    }
}
