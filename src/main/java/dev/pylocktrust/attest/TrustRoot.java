package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A Sigstore trusted root (Fulcio CAs, Rekor and CT log keys, TSAs) together with the sigstore-java verifier built
 * from it. Building the verifier is expensive (class loading, key parsing): build one {@code TrustRoot} per root and
 * share it; it is immutable and thread-safe.
 *
 * <p>This class never uses the network: it is built from bytes (the embedded snapshot of the Sigstore production root,
 * a file, or a root that {@code dev.pylocktrust.trust} fetched and verified through TUF).
 */
public final class TrustRoot {
    /** Largest trusted_root.json accepted (real ones are about 10 KiB). */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String RESOURCE = "production.trusted_root.json";
    private static final String RESOURCE_INFO = "production.trusted_root.properties";
    private static final String EMBEDDED_LABEL = "embedded Sigstore production root";

    private final String label;
    private final Optional<Instant> snapshotDate;
    private final KeylessVerifier verifier;
    private final byte[] json;

    private TrustRoot(String label, Optional<Instant> snapshotDate, KeylessVerifier verifier, byte[] json) {
        this.label = label;
        this.snapshotDate = snapshotDate;
        this.verifier = verifier;
        this.json = json;
    }

    /** The embedded Sigstore production trusted root (built once per process, then shared). */
    public static TrustRoot embeddedProduction() {
        return Embedded.PRODUCTION;
    }

    /**
     * When the embedded production root was snapshotted (its {@code .properties} {@code snapshot-date}), without
     * loading the root itself: cheap enough to compare with a cached root before deciding which one to build.
     */
    public static Optional<Instant> embeddedProductionSnapshotDate() {
        return EmbeddedInfo.snapshotDate();
    }

    /**
     * A trusted root from a {@code trusted_root.json} file (for example Sigstore staging, or a private instance).
     *
     * @throws UsageException naming the file if it cannot be read or is not a usable trusted root
     */
    public static TrustRoot fromFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException("trusted root " + file + " is larger than " + MAX_BYTES + " bytes",
                        "pass a Sigstore trusted_root.json file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read trusted root " + file + ": " + IoErrors.reason(e), e,
                    "check the path given to --trusted-root");
        }
        try {
            return fromBytes(bytes, "trusted root " + file, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new UsageException("trusted root " + file + " is not a usable Sigstore trusted_root.json: "
                    + e.getMessage(), e, "pass a trusted_root.json as distributed by Sigstore's TUF repository");
        }
    }

    /**
     * A trusted root from the bytes of a {@code trusted_root.json}.
     *
     * @throws IllegalArgumentException if it cannot be parsed or a verifier cannot be built from it
     */
    public static TrustRoot fromBytes(byte[] json, String label, Optional<Instant> snapshotDate) {
        Objects.requireNonNull(label, "label");
        if (json.length > MAX_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes");
        }
        EcdsaProvider.install();
        try {
            SigstoreTrustedRoot root = SigstoreTrustedRoot.from(new ByteArrayInputStream(json));
            if (root.getCAs().isEmpty() || root.getTLogs().isEmpty()) {
                throw new IllegalArgumentException("it has no certificate authority or no transparency log");
            }
            KeylessVerifier verifier = KeylessVerifier.builder().trustedRootProvider(() -> root).build();
            return new TrustRoot(label, snapshotDate, verifier, json.clone());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            // sigstore-java throws several checked and unchecked types here; all mean "not a usable root". Their
            // messages name library classes and may quote the input's bytes: the cause goes behind -v.
            throw new IllegalArgumentException(isJson(json) ? "it is JSON, but not a Sigstore trusted root "
                    + "(certificateAuthorities, tlogs, ctlogs, timestampAuthorities)" : "it is not valid JSON", e);
        }
    }

    /** A human name, e.g. {@code embedded Sigstore production root} or {@code trusted root /path/file.json}. */
    public String label() {
        return label;
    }

    /** When the root was snapshotted, if known (known for the embedded root, not for files). */
    public Optional<Instant> snapshotDate() {
        return snapshotDate;
    }

    /** The {@code trusted_root.json} this root was built from (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** The sha256 of {@link #json()}, as 64 lowercase hex digits. */
    public String sha256() {
        return HexFormat.of().formatHex(HexSha.sha256(json));
    }

    KeylessVerifier keylessVerifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return label;
    }

    private static boolean isJson(byte[] bytes) {
        try {
            new ObjectMapper().readTree(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Holder idiom: the embedded root's provenance is read on first use, once (cheap: no verifier is built). */
    private static final class EmbeddedInfo {
        static final Properties PROPERTIES = load();

        private static Properties load() {
            try (InputStream info = TrustRoot.class.getResourceAsStream(RESOURCE_INFO)) {
                if (info == null) {
                    throw new IllegalStateException("embedded trusted root metadata missing from the jar");
                }
                Properties p = new Properties();
                p.load(info);
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Optional<Instant> snapshotDate() {
            try {
                return Optional.of(Instant.parse(PROPERTIES.getProperty("snapshot-date")));
            } catch (DateTimeParseException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    /** Holder idiom: the embedded root is loaded on first use, once, by the JVM's class initialization. */
    private static final class Embedded {
        static final TrustRoot PRODUCTION = load();

        private static TrustRoot load() {
            try (InputStream in = TrustRoot.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("embedded trusted root missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                String expected = EmbeddedInfo.PROPERTIES.getProperty("sha256");
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                if (!actual.equals(expected)) {
                    throw new IllegalStateException("embedded trusted root has sha256 " + actual + ", expected "
                            + expected);
                }
                return fromBytes(bytes, EMBEDDED_LABEL, EmbeddedInfo.snapshotDate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
