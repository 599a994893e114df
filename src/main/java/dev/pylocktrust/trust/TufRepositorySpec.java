package dev.pylocktrust.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which TUF repository holds the Sigstore trusted root, and the TUF root metadata that bootstraps trust in it.
 *
 * @param mirror        base URL of the repository's metadata ({@code N.root.json}, {@code timestamp.json}, ...); its
 *                      targets are under {@code targets/}. Always ends with {@code /}.
 * @param bootstrapRoot a TUF {@code root.json} trusted without verification (the trust anchor); newer roots are only
 *                      accepted when signed by a threshold of the previous root's keys
 * @param production    true when this is Sigstore's production repository (or a mirror of it): only then is the
 *                      embedded production snapshot a sensible fallback
 */
public record TufRepositorySpec(URI mirror, byte[] bootstrapRoot, boolean production) {
    /** Sigstore's production TUF repository. */
    public static final URI PRODUCTION_MIRROR = URI.create("https://tuf-repo-cdn.sigstore.dev/");
    /** Largest bootstrap root accepted (real ones are about 6 KiB). */
    static final int MAX_ROOT_BYTES = 512 * 1024;
    private static final String PRODUCTION_ROOT_RESOURCE = "sigstore-production.tuf-root.json";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public TufRepositorySpec {
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(bootstrapRoot, "bootstrapRoot");
        mirror = checkedMirror(mirror);
        bootstrapRoot = bootstrapRoot.clone();
    }

    /** Sigstore's production repository, bootstrapped from the TUF root embedded in the jar. */
    public static TufRepositorySpec sigstoreProduction() {
        return new TufRepositorySpec(PRODUCTION_MIRROR, embeddedProductionRoot(), true);
    }

    /** A mirror of Sigstore's production repository (same signed metadata, another URL). */
    public static TufRepositorySpec productionMirror(URI mirror) {
        return new TufRepositorySpec(mirror, embeddedProductionRoot(), true);
    }

    /** Another TUF repository (a private Sigstore instance, staging), trusted through its own root metadata. */
    public static TufRepositorySpec custom(URI mirror, byte[] bootstrapRoot) {
        return new TufRepositorySpec(mirror, bootstrapRoot, false);
    }

    /** The production TUF root embedded in the jar: the trust anchor, changed only by a reviewed commit. */
    static byte[] embeddedProductionRoot() {
        try (InputStream in = TufRepositorySpec.class.getResourceAsStream(PRODUCTION_ROOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded Sigstore TUF root missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] bootstrapRoot() {
        return bootstrapRoot.clone();
    }

    /**
     * The name of this repository's directory in the cache: the host for humans plus a digest of the URL (and, for a
     * custom repository, of its bootstrap root) so that two repositories never share trusted metadata.
     */
    public String cacheKey() {
        String host = mirror.getHost() == null ? "local" : mirror.getHost().replaceAll("[^A-Za-z0-9.-]", "_");
        if (mirror.getPort() != -1) {
            host = host + "_" + mirror.getPort();
        }
        String identity = mirror + "\n" + (production ? "sigstore-production" : hex(sha256(bootstrapRoot)));
        return host + "-" + hex(sha256(identity.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    /** Parses and checks a {@code --tuf-url} value. */
    public static URI parseMirror(String text) {
        try {
            return checkedMirror(new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
    }

    /**
     * TUF metadata is signed, so transport security is not what protects it; https is still required (it hides
     * what is fetched and stops trivial tampering that would force a fallback), except on loopback for tests and
     * local mirrors. Credentials in the URL are refused: they would end up in messages and the cache key.
     */
    private static URI checkedMirror(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("must be an http(s) URL such as " + PRODUCTION_MIRROR);
        }
        if (scheme.equals("http") && !LOOPBACK.contains(u.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("must use https (plain http is only allowed on loopback)");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not contain credentials");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query or fragment");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        try {
            return new URI(scheme, null, u.getHost(), u.getPort(), null, null, null).resolve(path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TufRepositorySpec s && s.mirror.equals(mirror) && s.production == production
                && java.util.Arrays.equals(s.bootstrapRoot, bootstrapRoot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mirror, production, java.util.Arrays.hashCode(bootstrapRoot));
    }

    @Override
    public String toString() {
        return "TufRepositorySpec[" + mirror + (production ? ", production" : ", custom") + "]";
    }
}
