package dev.pylocktrust.lock;

/**
 * Hard limits for reading a lock file, which may come from an untrusted pull request. Far above anything real (a
 * large uv export is a few MiB, a package rarely has more than a few hundred wheels).
 *
 * <p>The file size limit is set by what tomlj costs, measured on copies of the uv fixture: about 270 MB of heap
 * and 1-6 seconds (idle to heavily loaded 2-core machine) per MB of TOML, because it keeps the whole token stream
 * and parse tree. So the default is 16 MiB, not more: 64 MiB would need some 17 GB of heap. If memory still runs
 * out, the reader reports a usage error instead of crashing.
 *
 * @param maxFileBytes largest file read at all
 * @param maxPackages most {@code [[packages]]} entries
 * @param maxArrayLength most elements in any other array (wheels, dependencies, identities, records, policy lists)
 * @param maxHashesPerFile most entries in one {@code hashes} table
 */
public record LockfileLimits(long maxFileBytes, int maxPackages, int maxArrayLength, int maxHashesPerFile) {
    public static final LockfileLimits DEFAULT = new LockfileLimits(16L * 1024 * 1024, 100_000, 10_000, 32);

    public LockfileLimits {
        if (maxFileBytes <= 0 || maxPackages <= 0 || maxArrayLength <= 0 || maxHashesPerFile <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
