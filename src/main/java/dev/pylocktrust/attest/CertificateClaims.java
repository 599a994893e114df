package dev.pylocktrust.attest;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity claims Fulcio signed into a leaf certificate: the subject alternative name and the Sigstore
 * extensions. Values are only as trustworthy as the certificate: read them after the chain has verified.
 *
 * @param subjectAlternativeName the single SAN value (a URI for CI identities, an e-mail for people and Google)
 * @param sanType what kind of name {@link #subjectAlternativeName} is
 * @param extensions every Sigstore extension present, decoded
 * @param notBefore the certificate's validity start
 * @param notAfter the certificate's validity end (Fulcio certificates live about 10 minutes)
 */
public record CertificateClaims(String subjectAlternativeName, SanType sanType, Map<FulcioOid, String> extensions,
                                Instant notBefore, Instant notAfter) {

    /** The kind of subject alternative name. */
    public enum SanType { EMAIL, URI, OTHER }

    public CertificateClaims {
        EnumMap<FulcioOid, String> copy = new EnumMap<>(FulcioOid.class);
        copy.putAll(extensions);
        extensions = Collections.unmodifiableMap(copy);
    }

    /**
     * Decodes the claims of a certificate.
     *
     * @throws IllegalArgumentException if the certificate does not have exactly one subject alternative name or an
     *     extension value is not encoded as Fulcio encodes it
     */
    public static CertificateClaims of(X509Certificate cert) {
        Map<FulcioOid, String> values = new EnumMap<>(FulcioOid.class);
        for (FulcioOid oid : FulcioOid.values()) {
            byte[] ext = cert.getExtensionValue(oid.oid());
            if (ext == null) {
                continue;
            }
            try {
                byte[] inner = Der.unwrap(ext, Der.OCTET_STRING);
                byte[] raw = oid.derUtf8String() ? Der.unwrap(inner, Der.UTF8_STRING) : inner;
                values.put(oid, Der.utf8(raw));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certificate extension " + oid.oid() + " (" + oid.label()
                        + ") is malformed: " + e.getMessage(), e);
            }
        }
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("certificate subject alternative name is malformed: " + e.getMessage(), e);
        }
        if (sans == null || sans.size() != 1) {
            throw new IllegalArgumentException("certificate must have exactly one subject alternative name, found "
                    + (sans == null ? 0 : sans.size()));
        }
        List<?> san = sans.iterator().next();
        int type = (Integer) san.get(0);
        Object value = san.get(1);
        SanType sanType = switch (type) {
            case 1 -> SanType.EMAIL;
            case 6 -> SanType.URI;
            default -> SanType.OTHER;
        };
        String text = value instanceof String s ? s : value instanceof byte[] b ? HexFormat.of().formatHex(b)
                : String.valueOf(value);
        return new CertificateClaims(text, sanType, values, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant());
    }

    private Optional<String> get(FulcioOid oid) {
        return Optional.ofNullable(extensions.get(oid));
    }

    /** The OIDC issuer: extension .8, or the legacy .1 on certificates that predate .8. */
    public Optional<String> issuer() {
        return get(FulcioOid.ISSUER).or(() -> get(FulcioOid.ISSUER_LEGACY));
    }

    public Optional<String> buildSignerUri() {
        return get(FulcioOid.BUILD_SIGNER_URI);
    }

    public Optional<String> runnerEnvironment() {
        return get(FulcioOid.RUNNER_ENVIRONMENT);
    }

    public Optional<String> sourceRepositoryUri() {
        return get(FulcioOid.SOURCE_REPOSITORY_URI);
    }

    /** The commit the workflow ran on. */
    public Optional<String> sourceRepositoryDigest() {
        return get(FulcioOid.SOURCE_REPOSITORY_DIGEST);
    }

    /** The git ref, e.g. {@code refs/tags/v1.0}. */
    public Optional<String> sourceRepositoryRef() {
        return get(FulcioOid.SOURCE_REPOSITORY_REF);
    }

    /** The forge's numeric repository (project) id: survives renames, changes when a name is re-registered. */
    public Optional<String> sourceRepositoryIdentifier() {
        return get(FulcioOid.SOURCE_REPOSITORY_IDENTIFIER);
    }

    public Optional<String> sourceRepositoryOwnerUri() {
        return get(FulcioOid.SOURCE_REPOSITORY_OWNER_URI);
    }

    /** The forge's numeric owner (namespace) id. */
    public Optional<String> sourceRepositoryOwnerIdentifier() {
        return get(FulcioOid.SOURCE_REPOSITORY_OWNER_IDENTIFIER);
    }

    /** The top-level workflow that ran, with its ref: what PyPI's Trusted Publisher policy binds to. */
    public Optional<String> buildConfigUri() {
        return get(FulcioOid.BUILD_CONFIG_URI);
    }

    /** The event that triggered the run, e.g. {@code release} or {@code push}. */
    public Optional<String> buildTrigger() {
        return get(FulcioOid.BUILD_TRIGGER);
    }

    public Optional<String> runInvocationUri() {
        return get(FulcioOid.RUN_INVOCATION_URI);
    }

    public Optional<String> sourceRepositoryVisibility() {
        return get(FulcioOid.SOURCE_REPOSITORY_VISIBILITY);
    }

    /** The CI deployment environment; Fulcio emits it (since November 2025) only when non-empty. */
    public Optional<String> deploymentEnvironment() {
        return get(FulcioOid.DEPLOYMENT_ENVIRONMENT);
    }

    /**
     * The workflow file path inside the repository, taken from the build config URI, e.g.
     * {@code .github/workflows/release.yml} (GitHub) or {@code .gitlab-ci.yml} (GitLab, after the {@code //}).
     */
    public Optional<String> workflowPath() {
        return buildConfigUri().flatMap(uri -> {
            int at = uri.lastIndexOf('@');
            String noRef = at < 0 ? uri : uri.substring(0, at);
            int gitlab = noRef.indexOf("//", "https://".length());
            if (gitlab >= 0) {
                return Optional.of(noRef.substring(gitlab + 2));
            }
            int gh = noRef.indexOf("/.github/workflows/");
            return gh >= 0 ? Optional.of(noRef.substring(gh + 1)) : Optional.empty();
        });
    }
}
