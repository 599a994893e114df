package dev.pylocktrust.cli;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.Progress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The package index options shared by {@code lock} and {@code verify}. {@link #config(Progress, Clock)} turns them into
 * an {@link IndexConfig}. {@code --extra-index-url} is accepted only to explain why it is refused.
 */
@HelpSection("Package index")
public final class IndexOptions {
    /** Where the fine-tuning options are described in full. */
    static final String DETAILS = "docs/indexes.md";

    // The first name is the one lock's regenerate command writes.
    @Option(names = {"--index-url", "-i"}, paramLabel = "URL|DIR", defaultValue = IndexLocation.PYPI_URL,
            description = "Simple API URL or mirror directory. Default: ${DEFAULT-VALUE}.")
    String indexUrl;

    @OneOff
    @Option(names = "--extra-index-url", paramLabel = "URL", hidden = true)
    List<String> extraIndexUrls;

    @HelpSection.Detail(DETAILS)
    @Option(names = "--trusted-host", paramLabel = "HOST",
            description = "Allow plain http for this host[:port]. Repeatable.")
    List<String> trustedHosts;

    @HelpSection.Detail(DETAILS)
    @Option(names = "--integrity-url", paramLabel = "BASE",
            description = "Integrity API URL (default: PyPI's, for PyPI).")
    String integrityUrl;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Requests at once (default: 8 per core, 8 to 32).")
    Integer jobs;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Connect and read timeout, s. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @OneOff
    @HelpSection("Cache")
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache directory (default: $PYLOCK_TRUST_CACHE_DIR, else e.g. ~/.cache/pylock-trust).")
    Path cacheDir;

    @OneOff
    @HelpSection("Cache")
    @Option(names = "--no-cache", description = "Use no on-disk cache.")
    boolean noCache;

    @OneOff
    @HelpSection("Cache")
    @Option(names = "--offline", description = "Use only the cache and mirror directories.")
    boolean offline;

    @OneOff
    @HelpSection.Detail(DETAILS)
    @Option(names = "--cert", paramLabel = "PEM",
            description = "CA certificates (PEM) for https, not the JDK's.")
    Path cert;

    /**
     * The configuration these options describe.
     *
     * @param clock the command's clock (for a {@code Retry-After} date)
     * @throws UsageException for contradictory or invalid values
     */
    public IndexConfig config(Progress progress, Clock clock) {
        if (extraIndexUrls != null && !extraIndexUrls.isEmpty()) {
            throw new UsageException("--extra-index-url is not supported",
                    "a second index lets anyone who registers the same project name there win (dependency "
                            + "confusion); serve all packages from one index, e.g. a proxy that mirrors PyPI and "
                            + "hosts your private packages, and pass it with --index-url");
        }
        if (noCache && cacheDir != null) {
            throw new UsageException("--no-cache and --cache-dir contradict each other");
        }
        if (noCache && offline && !(IndexLocation.parse(indexUrl) instanceof IndexLocation.Directory)) {
            throw new UsageException("--offline needs the cache, but --no-cache turns it off");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new UsageException("--timeout must be between 1 and 3600 seconds, not " + timeoutSeconds);
        }
        if (jobs != null && (jobs < 1 || jobs > IndexConfig.MAX_JOBS)) {
            throw new UsageException("--jobs must be between 1 and " + IndexConfig.MAX_JOBS + ", not " + jobs);
        }
        IndexConfig.Builder b = IndexConfig.builder(IndexLocation.parse(indexUrl))
                .trustedHosts(trustedHosts == null ? java.util.Set.of() : new LinkedHashSet<>(trustedHosts))
                .integrityUrl(Optional.ofNullable(integrityUrl).map(IndexOptions::integrityUri))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .offline(offline)
                .caCertificates(Optional.ofNullable(cert))
                .progress(progress)
                .clock(clock);
        if (jobs != null) {
            b.jobs(jobs);
        }
        if (noCache) {
            b.cacheDir(Optional.empty());
        } else if (cacheDir != null) {
            b.cacheDir(Optional.of(cacheDir));
        }
        return b.build();
    }

    private static URI integrityUri(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
                throw new UsageException("--integrity-url must be an http(s) URL such as https://pypi.org");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("--integrity-url is not a valid URL");
        }
    }
}
