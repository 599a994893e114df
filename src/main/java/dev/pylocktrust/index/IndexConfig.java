package dev.pylocktrust.index;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an {@link IndexClient} needs; build one with {@link #builder(IndexLocation)}. The CLI builds it from
 * {@code IndexOptions}; tests build it directly.
 *
 * @param location       the index (URL or mirror directory)
 * @param trustedHosts   hosts ({@code host} or {@code host:port}) that may be reached over plain http
 * @param integrityUrl   base URL of a PyPI-style Integrity API for files whose page has no {@code provenance} key;
 *                       empty means automatic ({@code https://pypi.org} when the index is PyPI, else none)
 * @param jobs           how many requests may run at once in the bulk operations
 * @param timeout        per-request timeout: connect, each read, and the whole exchange
 * @param maxTries       attempts per request (connect errors, 429 and 5xx are retried)
 * @param retryBaseDelay the first backoff wait, before jitter; doubles each time
 * @param maxRetryDelay  the longest single wait, and the longest {@code Retry-After} honoured
 * @param cacheDir       the on-disk cache directory, or empty for no cache
 * @param offline        answer from the cache only; a miss is an error
 * @param limits         size caps
 * @param caCertificates a PEM bundle of CA certificates to trust instead of the JDK's (corporate TLS proxies)
 * @param netrc          the netrc file for credentials, or empty for none
 * @param environment    where proxy variables are read ({@code System.getenv()} in production)
 * @param progress       progress sink
 * @param sleeper        how retries wait
 * @param clock          the clock for {@code Retry-After} dates
 */
public record IndexConfig(
        IndexLocation location,
        Set<String> trustedHosts,
        Optional<URI> integrityUrl,
        int jobs,
        Duration timeout,
        int maxTries,
        Duration retryBaseDelay,
        Duration maxRetryDelay,
        Optional<Path> cacheDir,
        boolean offline,
        SizeLimits limits,
        Optional<Path> caCertificates,
        Optional<Path> netrc,
        Map<String, String> environment,
        Progress progress,
        Sleeper sleeper,
        Clock clock) {

    /** A summary for diagnostics: no credentials, no environment (proxy variables may carry passwords). */
    @Override
    public String toString() {
        return "IndexConfig[location=" + location + ", trustedHosts=" + trustedHosts + ", integrityUrl="
                + integrityUrl.map(u -> Urls.redact(u.toString())).orElse("auto") + ", jobs=" + jobs + ", timeout="
                + timeout + ", maxTries=" + maxTries + ", cacheDir=" + cacheDir.map(Path::toString).orElse("none")
                + ", offline=" + offline + ", limits=" + limits + "]";
    }

    /** Upper bound for {@code --jobs}. */
    public static final int MAX_JOBS = 256;

    public IndexConfig {
        Objects.requireNonNull(location, "location");
        trustedHosts = Set.copyOf(trustedHosts);
        Objects.requireNonNull(integrityUrl, "integrityUrl");
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new IllegalArgumentException("jobs must be between 1 and " + MAX_JOBS);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(netrc, "netrc");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }

    /** The default for {@code --jobs}: eight per core (the work is waiting on the network), between 8 and 32. */
    public static int defaultJobs() {
        return Math.max(8, Math.min(32, 8 * Runtime.getRuntime().availableProcessors()));
    }

    /** A builder with production defaults: no trusted hosts, default jobs, 30 s timeout, 4 tries, default cache. */
    public static Builder builder(IndexLocation location) {
        return new Builder(location);
    }

    /** Mutable builder for {@link IndexConfig}. */
    public static final class Builder {
        private final IndexLocation location;
        private Set<String> trustedHosts = Set.of();
        private Optional<URI> integrityUrl = Optional.empty();
        private int jobs = defaultJobs();
        private Duration timeout = Duration.ofSeconds(30);
        private int maxTries = 4;
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration maxRetryDelay = Duration.ofSeconds(60);
        private Optional<Path> cacheDir = Optional.of(CacheDirs.defaultDir(System.getenv(),
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", "."))));
        private boolean offline;
        private SizeLimits limits = SizeLimits.DEFAULT;
        private Optional<Path> caCertificates = Optional.empty();
        private Optional<Path> netrc = CacheDirs.defaultNetrc(System.getenv(),
                Path.of(System.getProperty("user.home", ".")));
        private Map<String, String> environment = System.getenv();
        private Progress progress = Progress.NONE;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();

        private Builder(IndexLocation location) {
            this.location = Objects.requireNonNull(location, "location");
        }

        public Builder trustedHosts(Set<String> hosts) {
            this.trustedHosts = hosts;
            return this;
        }

        public Builder integrityUrl(Optional<URI> url) {
            this.integrityUrl = url;
            return this;
        }

        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxTries(int maxTries) {
            this.maxTries = maxTries;
            return this;
        }

        public Builder retryBaseDelay(Duration delay) {
            this.retryBaseDelay = delay;
            return this;
        }

        public Builder maxRetryDelay(Duration delay) {
            this.maxRetryDelay = delay;
            return this;
        }

        public Builder cacheDir(Optional<Path> dir) {
            this.cacheDir = dir;
            return this;
        }

        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder limits(SizeLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder caCertificates(Optional<Path> pem) {
            this.caCertificates = pem;
            return this;
        }

        public Builder netrc(Optional<Path> netrc) {
            this.netrc = netrc;
            return this;
        }

        public Builder environment(Map<String, String> env) {
            this.environment = env;
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public IndexConfig build() {
            return new IndexConfig(location, trustedHosts, integrityUrl, jobs, timeout, maxTries, retryBaseDelay,
                    maxRetryDelay, cacheDir, offline, limits, caCertificates, netrc, environment, progress, sleeper,
                    clock);
        }
    }
}
