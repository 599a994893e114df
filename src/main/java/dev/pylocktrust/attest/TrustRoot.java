package dev.pylocktrust.attest;

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
 * <p>No network is ever used: the default is a snapshot of the Sigstore production root embedded in the jar (never
 * a TUF refresh, which stalls for seconds when Sigstore is unreachable).
 */
public final class TrustRoot {
    /** Largest trusted_root.json accepted (real ones are about 10 KiB). */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String RESOURCE = "production.trusted_root.json";
    private static final String RESOURCE_INFO = "production.trusted_root.properties";

    private final String label;
    private final Optional<Instant> snapshotDate;
    private final KeylessVerifier verifier;

    private TrustRoot(String label, Optional<Instant> snapshotDate, KeylessVerifier verifier) {
        this.label = label;
        this.snapshotDate = snapshotDate;
        this.verifier = verifier;
    }

    /** The embedded Sigstore production trusted root (built once per process, then shared). */
    public static TrustRoot embeddedProduction() {
        return Embedded.PRODUCTION;
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
            throw new UsageException("cannot read trusted root " + file + ": " + e.getMessage(), e,
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
        try {
            SigstoreTrustedRoot root = SigstoreTrustedRoot.from(new ByteArrayInputStream(json));
            if (root.getCAs().isEmpty() || root.getTLogs().isEmpty()) {
                throw new IllegalArgumentException("it has no certificate authority or no transparency log");
            }
            KeylessVerifier verifier = KeylessVerifier.builder().trustedRootProvider(() -> root).build();
            return new TrustRoot(label, snapshotDate, verifier);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            // sigstore-java throws several checked and unchecked types here; all mean "not a usable root".
            throw new IllegalArgumentException(rootCauseMessage(e), e);
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

    KeylessVerifier keylessVerifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return label;
    }

    private static String rootCauseMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder();
        while (t != null) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(t.getMessage());
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }

    /** Holder idiom: the embedded root is loaded on first use, once, by the JVM's class initialization. */
    private static final class Embedded {
        static final TrustRoot PRODUCTION = load();

        private static TrustRoot load() {
            try (InputStream in = TrustRoot.class.getResourceAsStream(RESOURCE);
                 InputStream info = TrustRoot.class.getResourceAsStream(RESOURCE_INFO)) {
                if (in == null || info == null) {
                    throw new IllegalStateException("embedded trusted root missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                Properties p = new Properties();
                p.load(info);
                String expected = p.getProperty("sha256");
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                if (!actual.equals(expected)) {
                    throw new IllegalStateException("embedded trusted root has sha256 " + actual + ", expected "
                            + expected);
                }
                Optional<Instant> date;
                try {
                    date = Optional.of(Instant.parse(p.getProperty("snapshot-date")));
                } catch (DateTimeParseException | NullPointerException e) {
                    date = Optional.empty();
                }
                return fromBytes(bytes, "embedded Sigstore production root", date);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
