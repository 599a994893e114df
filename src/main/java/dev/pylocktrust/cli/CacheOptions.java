package dev.pylocktrust.cli;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.CacheDirs;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --cache-dir}, {@code --no-cache} and {@code --offline} for commands without package index options
 * ({@code inspect}, {@code trust-root}). Same names, meanings and default directory as the index options, so the
 * TUF cache and the index cache share one directory.
 */
@HelpSection("Cache")
public final class CacheOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache directory (default: $PYLOCK_TRUST_CACHE_DIR, else e.g. ~/.cache/pylock-trust).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Use no on-disk cache.")
    boolean noCache;

    @Option(names = "--offline",
            description = "Never use the network (cached or embedded root).")
    boolean offline;

    /**
     * The cache directory, or empty with {@code --no-cache}.
     *
     * @throws UsageException for {@code --no-cache} together with {@code --cache-dir}
     */
    public Optional<Path> cacheDir() {
        if (noCache && cacheDir != null) {
            throw new UsageException("--no-cache and --cache-dir contradict each other");
        }
        if (noCache) {
            return Optional.empty();
        }
        if (cacheDir != null) {
            return Optional.of(cacheDir);
        }
        return Optional.of(CacheDirs.defaultDir(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", "."))));
    }

    public boolean offline() {
        return offline;
    }
}
