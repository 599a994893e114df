package dev.pylocktrust.trust;

import dev.pylocktrust.index.BudgetedHttpClient;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TufRepository} backed by sigstore-java's TUF client ({@code dev.sigstore.tuf.Updater}: the TUF client
 * workflow with root rotation, thresholds, rollback and freeze checks) and a {@link TufCacheDir}.
 *
 * <p>Each refresh asks for the metadata and for the one target that matters ({@code trusted_root.json}), not for
 * every target the repository lists. A second refresh with unchanged metadata costs two small requests
 * ({@code N+1.root.json}, answered 404, and {@code timestamp.json}).
 *
 * <p>Checks added to sigstore-java's: after the update, the trusted timestamp, snapshot and targets metadata must
 * all be unexpired at {@code now} (sigstore-java 2.0.0 keeps an expired timestamp when the mirror serves the same
 * version again, which would let a frozen mirror pass), and the target is re-read and checked against the signed
 * targets metadata before it is returned.
 */
public final class SigstoreTufRepository implements TufRepository {
    /** Where the repositories live inside the tool's cache directory. */
    public static final String CACHE_SUBDIR = "sigstore-tuf";

    private final TufRepositorySpec spec;
    private final Optional<TufCacheDir> cache;
    private final Duration connectTimeout;
    private final Map<String, String> env;

    /** As {@link #SigstoreTufRepository(TufRepositorySpec, Optional, Duration, Map)} with this process's environment. */
    public SigstoreTufRepository(TufRepositorySpec spec, Optional<Path> cacheRoot, Duration connectTimeout) {
        this(spec, cacheRoot, connectTimeout, System.getenv());
    }

    /**
     * @param cacheRoot the tool's cache directory ({@code --cache-dir}), or empty for no cache (every refresh then
     *                  starts from the bootstrap root in a temporary directory)
     * @param env       where proxy variables ({@code https_proxy}, {@code no_proxy}) are read from (a malformed one
     *                  makes refreshes fail with a reason, not the command)
     */
    public SigstoreTufRepository(TufRepositorySpec spec, Optional<Path> cacheRoot, Duration connectTimeout,
                                 Map<String, String> env) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.cache = cacheRoot.map(r -> new TufCacheDir(r.resolve(CACHE_SUBDIR).resolve(spec.cacheKey())));
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.env = Map.copyOf(env);
    }

    @Override
    public String url() {
        return spec.mirror().toString();
    }

    @Override
    public boolean productionFallback() {
        return spec.production();
    }

    @Override
    public Optional<Path> cacheDir() {
        return cache.map(TufCacheDir::dir);
    }

    @Override
    public CacheLookup cached() {
        return cache.map(TufCacheDir::lookup).orElseGet(CacheLookup.Miss::new);
    }

    @Override
    public Optional<RefreshFailure> lastFailure() {
        return cache.flatMap(TufCacheDir::lastFailure);
    }

    @Override
    public void recordFailure(RefreshFailure failure) {
        cache.ifPresent(c -> c.recordFailure(failure));
    }

    @Override
    public void clearFailure() {
        cache.ifPresent(TufCacheDir::clearFailure);
    }

    @Override
    public Refreshed refresh(Instant now, RefreshBudget budget) throws TufRefreshException {
        BudgetedHttpClient client;
        try {
            client = BudgetedHttpClient.create(connectTimeout, env, "pylock-trust");
        } catch (IllegalArgumentException e) {
            throw new TufRefreshException("cannot use the proxy settings: " + e.getMessage(), e);
        }
        Path work;
        IOException unwritableCache = null;
        try {
            if (cache.isPresent()) {
                try {
                    work = cache.get().newWorkDir();
                } catch (IOException e) {
                    // A read-only cache must not cost the refresh: verify in a temporary directory, report at commit.
                    unwritableCache = e;
                    work = temporaryWorkDir();
                }
            } else {
                work = temporaryWorkDir();
            }
        } catch (IOException e) {
            throw new TufRefreshException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        TufHttpFetcher metaFetcher = new TufHttpFetcher(client, spec.mirror(), budget);
        TufHttpFetcher targetFetcher = new TufHttpFetcher(client, spec.mirror().resolve("targets/"), budget);
        try {
            FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(work);
            Updater updater = Updater.builder()
                    .setClock(Clock.fixed(now, ZoneOffset.UTC))
                    .setTrustedRootPath(spec::bootstrapRootText)
                    .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(
                            PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
                    .setTargetStore(store)
                    .setMetaFetcher(MetaFetcher.newFetcher(metaFetcher))
                    .setTargetFetcher(targetFetcher)
                    .build();
            updater.updateMeta();
            updater.downloadTarget(TufStoreFiles.TRUSTED_ROOT);
            TufRoot root = TufStoreFiles.read(work, now);
            if (!root.metadataExpires().isAfter(now)) {
                throw new TufRefreshException("the repository's signed metadata expired at " + root.metadataExpires()
                        + " and it serves nothing newer (a stale mirror, or a freeze attack)");
            }
            return new WorkDirRefresh(work, root, unwritableCache);
        } catch (TufRefreshException e) {
            TufCacheDir.discard(work);
            throw e;
        } catch (TufStoreFiles.InvalidStoreException e) {
            TufCacheDir.discard(work);
            throw new TufRefreshException("the updated TUF metadata is inconsistent: " + e.getMessage(), e);
        } catch (Exception e) {
            // sigstore-java reports TUF failures as checked and unchecked exceptions of many types.
            TufCacheDir.discard(work);
            String where = targetFetcher.lastRequested().isEmpty() ? metaFetcher.lastRequested()
                    : "targets/" + targetFetcher.lastRequested();
            throw new TufRefreshException(TufFailures.describe(e, where, budget.totalText()), e);
        }
    }

    private static Path temporaryWorkDir() throws IOException {
        Path work = Files.createTempDirectory("pylock-trust-tuf-");
        Files.createDirectory(work.resolve("targets"));
        return work;
    }

    private final class WorkDirRefresh implements Refreshed {
        private final Path work;
        private final TufRoot root;
        private final IOException unwritableCache;

        WorkDirRefresh(Path work, TufRoot root, IOException unwritableCache) {
            this.work = work;
            this.root = root;
            this.unwritableCache = unwritableCache;
        }

        @Override
        public TufRoot root() {
            return root;
        }

        @Override
        public void commit() throws IOException {
            if (unwritableCache != null) {
                TufCacheDir.discard(work);
                throw new IOException(unwritableCache.getClass().getSimpleName() + ": " + unwritableCache.getMessage(),
                        unwritableCache);
            }
            if (cache.isPresent()) {
                cache.get().commit(work, root);
            } else {
                TufCacheDir.discard(work);
            }
        }

        @Override
        public void discard() {
            TufCacheDir.discard(work);
        }
    }
}
