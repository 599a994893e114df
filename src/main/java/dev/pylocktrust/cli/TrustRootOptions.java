package dev.pylocktrust.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.Printable;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.trust.SelectedTrustRoot;
import dev.pylocktrust.trust.SigstoreTufRepository;
import dev.pylocktrust.trust.TrustRootSelector;
import dev.pylocktrust.trust.TufRepositorySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which Sigstore trusted root to verify against: {@code --trusted-root FILE} (wins), else
 * {@code --trust-root-source tuf} (default: Sigstore's TUF repository through the cache, bounded by
 * {@code --trust-root-timeout}, falling back to the cached or embedded root) or {@code embedded}.
 *
 * <p>The cache directory and {@code --offline} are not options here: a command passes them from whichever mixin
 * declares them ({@link CacheOptions}, or the package index options in {@code lock} and {@code verify}), so that one
 * {@code --cache-dir} and one {@code --offline} govern everything a command does.
 */
@HelpSection("Sigstore trust root")
public final class TrustRootOptions {
    /** Where the trusted root comes from when no file is given. */
    public enum Source { tuf, embedded }

    /** Where the TUF tuning options are described in full. */
    static final String DETAILS = "pylock-trust trust-root show --help";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration DEFAULT_UPDATE_TIMEOUT = Duration.ofSeconds(30);
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(600);
    private static final BigDecimal MAX_AGE_HOURS = BigDecimal.valueOf(24 * 366);
    private static final int MAX_TUF_ROOT_BYTES = 512 * 1024;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json to verify against.")
    Path trustedRoot;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = "--trust-root-source", paramLabel = "SOURCE", defaultValue = "${env:PYLOCK_TRUST_ROOT_SOURCE:-tuf}",
            description = "tuf (Sigstore's TUF repository, cached; if unreachable, the cached root if it verifies and "
                    + "has not expired, else the embedded one, with a warning) or embedded (no network). Default: "
                    + "${DEFAULT-VALUE} ($PYLOCK_TRUST_ROOT_SOURCE).")
    Source source;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = "--trust-root-timeout", paramLabel = "SECONDS",
            description = "Time for the whole TUF refresh before falling back (default: 3; 30 for 'trust-root "
                    + "update').")
    BigDecimal timeoutSeconds;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = "--trust-root-max-age", paramLabel = "HOURS", defaultValue = "24",
            description = "Refresh the cached root once it is this old (0: every run; after a failure, wait 1 to "
                    + "24 hours). Default: ${DEFAULT-VALUE}.")
    BigDecimal maxAgeHours;

    @HelpSection.Detail(DETAILS)
    @Option(names = "--tuf-url", paramLabel = "URL",
            description = "TUF repository (default: https://tuf-repo-cdn.sigstore.dev/); without --tuf-root, a "
                    + "mirror of it.")
    String tufUrl;

    @HelpSection.Detail(DETAILS)
    @Option(names = "--tuf-root", paramLabel = "FILE",
            description = "The TUF root.json of another repository (Sigstore staging, a private instance).")
    Path tufRoot;

    /** The source when no {@code --trusted-root} is given. */
    public Source source() {
        return source == null ? Source.tuf : source;
    }

    /**
     * Selects the trusted root for a command and prints its warning, if any, on {@code err} (not when quiet).
     *
     * @param cacheDir the command's cache directory (empty for {@code --no-cache})
     * @param offline  the command's {@code --offline}
     * @param now      the command's time (its clock's), for the root's age and any refresh
     */
    public TrustRoot trustRoot(Optional<Path> cacheDir, boolean offline, OutputOptions output, PrintWriter err,
                               Instant now) {
        SelectedTrustRoot selected = select(cacheDir, offline, now);
        printWarning(selected, output.quiet(), output.verbose(), now, err);
        return selected.root();
    }

    /** Selects the trusted root for a command (may refresh through TUF, within the time bound). */
    public SelectedTrustRoot select(Optional<Path> cacheDir, boolean offline, Instant now) {
        if (trustedRoot != null) {
            return SelectedTrustRoot.ofFile(TrustRoot.fromFile(trustedRoot), trustedRoot);
        }
        if (source() == Source.embedded) {
            return SelectedTrustRoot.embedded();
        }
        return selector(cacheDir, offline, DEFAULT_TIMEOUT).select(now);
    }

    /**
     * Refreshes through TUF now, whatever the cache holds ({@code trust-root update}).
     *
     * @throws UsageException when the options name no TUF repository (a file, or the embedded source)
     */
    public SelectedTrustRoot update(Optional<Path> cacheDir, Instant now) {
        if (trustedRoot != null) {
            throw new UsageException("'trust-root update' refreshes from TUF, but --trusted-root names a file",
                    "drop --trusted-root");
        }
        if (source() == Source.embedded) {
            throw new UsageException("'trust-root update' refreshes from TUF, but the trust root source is embedded "
                    + "(--trust-root-source or PYLOCK_TRUST_ROOT_SOURCE)", "pass --trust-root-source tuf");
        }
        return selector(cacheDir, false, DEFAULT_UPDATE_TIMEOUT).update(now);
    }

    /** The selector these options describe. */
    TrustRootSelector selector(Optional<Path> cacheDir, boolean offline, Duration defaultTimeout) {
        Duration timeout = timeoutSeconds == null ? defaultTimeout : timeout();
        Duration maxAge = maxAge();
        var repository = new SigstoreTufRepository(repositorySpec(), cacheDir, timeout);
        return new TrustRootSelector(repository, new TrustRootSelector.Settings(maxAge, timeout, offline));
    }

    /**
     * Prints the selection's warning, if any, as one line: in full when {@code detailed} ({@code -v}, and the
     * trust-root commands) or when the TUF cache was not used (a cache that fails verification may be an attack: the
     * failed check is always named), else briefly, pointing at where the detail is. Nothing when {@code quiet}.
     */
    static void printWarning(SelectedTrustRoot selected, boolean quiet, boolean detailed, Instant now,
                             PrintWriter err) {
        if (selected.warning().isPresent() && !quiet) {
            boolean full = detailed || selected.cacheIgnored().isPresent();
            err.println("warning: " + Printable.of(full ? selected.warning().get() : brief(selected, now)));
            err.flush();
        }
    }

    /** {@code the Sigstore trusted root could not be refreshed; using the cached root from 3 days ago (...) ...}. */
    static String brief(SelectedTrustRoot selected, Instant now) {
        String used = switch (selected.origin()) {
            case EMBEDDED -> "the snapshot embedded in pylock-trust";
            case TUF_CACHE -> "the cached root";
            default -> "the root from " + selected.location();
        };
        return "the Sigstore trusted root could not be refreshed; using " + used
                + selected.age(now).map(age -> " from " + age).orElse("")
                + " (details: -v, or 'pylock-trust trust-root show')";
    }

    private Duration timeout() {
        if (timeoutSeconds.signum() <= 0 || timeoutSeconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            throw new UsageException("--trust-root-timeout must be more than 0 and at most 600 seconds, not "
                    + timeoutSeconds.toPlainString());
        }
        return Duration.ofMillis(Math.max(1, timeoutSeconds.movePointRight(3).longValue()));
    }

    private Duration maxAge() {
        BigDecimal hours = maxAgeHours == null ? BigDecimal.valueOf(24) : maxAgeHours;
        if (hours.signum() < 0 || hours.compareTo(MAX_AGE_HOURS) > 0) {
            throw new UsageException("--trust-root-max-age must be between 0 and " + MAX_AGE_HOURS + " hours, not "
                    + hours.toPlainString());
        }
        return Duration.ofSeconds(hours.multiply(BigDecimal.valueOf(3600)).longValue());
    }

    private TufRepositorySpec repositorySpec() {
        URI mirror;
        try {
            mirror = tufUrl == null ? TufRepositorySpec.PRODUCTION_MIRROR : TufRepositorySpec.parseMirror(tufUrl);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tuf-url " + tufUrl + " " + e.getMessage());
        }
        if (tufRoot == null) {
            return tufUrl == null ? TufRepositorySpec.sigstoreProduction() : TufRepositorySpec.productionMirror(mirror);
        }
        return TufRepositorySpec.custom(mirror, readTufRoot(tufRoot));
    }

    private static byte[] readTufRoot(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_TUF_ROOT_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read --tuf-root " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read --tuf-root " + file + ": " + IoErrors.reason(e), e);
        }
        if (bytes.length > MAX_TUF_ROOT_BYTES) {
            throw new UsageException("--tuf-root " + file + " is larger than " + MAX_TUF_ROOT_BYTES + " bytes",
                    "pass the repository's TUF root.json (e.g. 1.root.json)");
        }
        try {
            JsonNode doc = new ObjectMapper().readTree(bytes);
            if (doc == null || !"root".equals(doc.path("signed").path("_type").asText())) {
                throw new UsageException("--tuf-root " + file + " is not TUF root metadata (no signed._type \"root\")",
                        "pass the repository's TUF root.json (e.g. 1.root.json)");
            }
        } catch (IOException e) {
            throw new UsageException("--tuf-root " + file + " is not valid JSON",
                    "pass the repository's TUF root.json (e.g. 1.root.json)");
        }
        return bytes;
    }
}
