package dev.pylocktrust.trust;

import dev.pylocktrust.attest.TrustRoot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The trusted root a command verifies against, and how it was chosen.
 *
 * @param root     the root (with its verifier)
 * @param origin   where it came from
 * @param location the file, the TUF repository URL, or {@code embedded}
 * @param asOf     when it was known current: the TUF refresh, or the embedded snapshot's date; empty for a file
 * @param tuf      the TUF details when it came through TUF
 * @param cacheDir the TUF cache directory of the repository, when there is one
 * @param cacheIgnored why what the cache holds was not used, when it failed verification or expired (and was not
 *                 replaced by a refresh in this run), e.g. {@code timestamp.json: not signed by enough trusted keys
 *                 (threshold 1, valid signatures 0)}
 * @param warning  the one warning to print (the cache was ignored, a refresh failed and an older root is used), if any
 */
public record SelectedTrustRoot(TrustRoot root, TrustRootOrigin origin, String location, Optional<Instant> asOf,
                                Optional<TufRoot> tuf, Optional<Path> cacheDir, Optional<String> cacheIgnored,
                                Optional<String> warning) {
    public SelectedTrustRoot {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(tuf, "tuf");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(cacheIgnored, "cacheIgnored");
        Objects.requireNonNull(warning, "warning");
    }

    /** A root given as a file: no TUF, no age. */
    public static SelectedTrustRoot ofFile(TrustRoot root, Path file) {
        return new SelectedTrustRoot(root, TrustRootOrigin.FILE, file.toString(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The embedded snapshot, chosen explicitly ({@code --trust-root-source embedded}). */
    public static SelectedTrustRoot embedded() {
        TrustRoot root = TrustRoot.embeddedProduction();
        return new SelectedTrustRoot(root, TrustRootOrigin.EMBEDDED, "embedded", root.snapshotDate(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This selection with {@code text} as its warning, after any it already has ({@code "; "} between). */
    SelectedTrustRoot warn(String text) {
        String joined = warning.map(w -> w + "; " + text).orElse(text);
        return new SelectedTrustRoot(root, origin, location, asOf, tuf, cacheDir, cacheIgnored, Optional.of(joined));
    }

    /** How old the root is at {@code now}, e.g. {@code 3 days ago (2026-11-18T10:00:00Z)}; empty for a file. */
    public Optional<String> age(Instant now) {
        return asOf.map(t -> TrustRootDecisions.age(asOf, now));
    }
}
