package dev.pylocktrust.cli;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.Progress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The package index options shared by {@code lock} and {@code verify}. {@link #config(Progress)} turns them into an
 * {@link IndexConfig}. {@code --extra-index-url} is accepted only to explain why it is refused.
 */
public final class IndexOptions {
    @Option(names = {"-i", "--index-url"}, paramLabel = "URL|DIR", defaultValue = "https://pypi.org/simple",
            description = "Simple API base URL, or a mirror directory (file: URL or path). Default: ${DEFAULT-VALUE}. "
                    + "Credentials may be given as https://user:token@host/...; they are never printed.")
    String indexUrl;

    @Option(names = "--extra-index-url", paramLabel = "URL", hidden = true)
    List<String> extraIndexUrls;

    @Option(names = "--trusted-host", paramLabel = "HOST",
            description = "Allow plain http for this host (host or host:port). Repeatable. Use only on networks you trust.")
    List<String> trustedHosts;

    @Option(names = "--integrity-url", paramLabel = "BASE",
            description = "PyPI-style Integrity API base URL, asked for provenance when a page has no provenance key "
                    + "(default: https://pypi.org when the index is PyPI, else none).")
    String integrityUrl;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Requests in flight at once (default: 8 per core, between 8 and 32).")
    Integer jobs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Per-request timeout in seconds (connect, each read). Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache directory (default: the user cache directory, e.g. ~/.cache/pylock-trust).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Use no on-disk cache.")
    boolean noCache;

    @Option(names = "--offline", description = "Use only the cache (and a mirror directory); never the network.")
    boolean offline;

    @Option(names = "--cert", paramLabel = "PEM",
            description = "Trust these CA certificates (PEM bundle) for https instead of the JDK's.")
    Path cert;

    /**
     * The configuration these options describe.
     *
     * @throws UsageException for contradictory or invalid values
     */
    public IndexConfig config(Progress progress) {
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
                .progress(progress);
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
