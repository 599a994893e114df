package dev.pylocktrust.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a Fulcio leaf certificate says about its signer: the OIDC issuer, the one Subject Alternative Name, and the
 * Sigstore extensions under {@code 1.3.6.1.4.1.57264.1}, keyed by their last arc.
 *
 * @param san the SAN value: a URI for CI identities, an e-mail address for Google
 * @param sanIsEmail true for an rfc822Name SAN, false for a uniformResourceIdentifier SAN
 * @param legacyRaw arcs 1 to 6: deprecated extensions whose value is the raw string bytes (no DER wrapping)
 * @param derUtf8 arcs 8 and up: extensions whose value is a DER UTF8String
 */
public record FulcioClaims(String san, boolean sanIsEmail, Map<Integer, String> legacyRaw, Map<Integer, String> derUtf8) {

    /** The arc under which Fulcio's extensions live. */
    public static final String OID_PREFIX = "1.3.6.1.4.1.57264.1.";

    public static final int ISSUER_LEGACY = 1;
    public static final int GITHUB_TRIGGER_LEGACY = 2;
    public static final int GITHUB_SHA_LEGACY = 3;
    public static final int GITHUB_WORKFLOW_NAME_LEGACY = 4;
    public static final int GITHUB_REPOSITORY_LEGACY = 5;
    public static final int GITHUB_REF_LEGACY = 6;
    public static final int ISSUER = 8;
    public static final int BUILD_SIGNER_URI = 9;
    public static final int BUILD_SIGNER_DIGEST = 10;
    public static final int RUNNER_ENVIRONMENT = 11;
    public static final int SOURCE_REPOSITORY_URI = 12;
    public static final int SOURCE_REPOSITORY_DIGEST = 13;
    public static final int SOURCE_REPOSITORY_REF = 14;
    public static final int SOURCE_REPOSITORY_IDENTIFIER = 15;
    public static final int SOURCE_REPOSITORY_OWNER_URI = 16;
    public static final int SOURCE_REPOSITORY_OWNER_IDENTIFIER = 17;
    public static final int BUILD_CONFIG_URI = 18;
    public static final int BUILD_CONFIG_DIGEST = 19;
    public static final int BUILD_TRIGGER = 20;
    public static final int RUN_INVOCATION_URI = 21;
    public static final int SOURCE_REPOSITORY_VISIBILITY = 22;
    public static final int DEPLOYMENT_ENVIRONMENT = 23;

    public FulcioClaims {
        Objects.requireNonNull(san, "san");
        legacyRaw = Collections.unmodifiableMap(new LinkedHashMap<>(legacyRaw));
        derUtf8 = Collections.unmodifiableMap(new LinkedHashMap<>(derUtf8));
        if (!derUtf8.containsKey(ISSUER)) {
            throw new IllegalArgumentException("a Fulcio certificate always names its issuer (arc 8)");
        }
    }

    /** The OIDC issuer (extension {@code .8}). */
    public String issuer() {
        return derUtf8.get(ISSUER);
    }

    /** Full dotted OID of arc {@code arc}, e.g. {@code oid(18)} = {@code 1.3.6.1.4.1.57264.1.18}. */
    public static String oid(int arc) {
        return OID_PREFIX + arc;
    }
}
