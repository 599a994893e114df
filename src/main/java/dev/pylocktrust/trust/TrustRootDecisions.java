package dev.pylocktrust.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure part of trust root selection: whether to refresh, which root stands in when a refresh is impossible, and
 * what the user is told. Values in, values out; the time is a parameter.
 */
final class TrustRootDecisions {
    /** A cached root refreshed later than this after "now" is treated as stale (the clock moved back). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private TrustRootDecisions() {}

    /** What to do before verifying anything. */
    sealed interface Plan {
        /** The cached root is fresh: use it, no request. */
        record UseCache(TufRoot root) implements Plan {}

        /** Ask the repository (within the time bound). */
        record Refresh() implements Plan {}

        /**
         * A refresh failed recently ({@link RefreshBackOff}): do not ask; use the root a failed refresh would give
         * (when there is none, the selector asks anyway: only a refresh can give a root then).
         */
        record BackOff(RefreshBackOff.Active active) implements Plan {}

        /** {@code --offline}: never ask; use the local root ({@link #fallback}). */
        record Offline() implements Plan {}
    }

    /**
     * @param backOff the recorded failure still in force ({@link RefreshBackOff#active}); it only matters when a
     *                refresh would otherwise happen, whatever {@code maxAge} is (zero included): the maximum age says
     *                how often a working repository is asked, the back-off how often a failing one is
     */
    static Plan plan(CacheLookup lookup, boolean offline, Duration maxAge, Optional<RefreshBackOff.Active> backOff,
                     Instant now) {
        if (offline) {
            return new Plan.Offline();
        }
        if (lookup instanceof CacheLookup.Hit hit && fresh(hit.root(), maxAge, now)) {
            return new Plan.UseCache(hit.root());
        }
        if (backOff.isPresent()) {
            return new Plan.BackOff(backOff.get());
        }
        return new Plan.Refresh();
    }

    /**
     * Fresh: refreshed less than {@code maxAge} ago (and not in the future beyond {@link #CLOCK_SKEW}), and every
     * TUF metadata file it was checked against is still unexpired. A {@code maxAge} of zero means never fresh.
     */
    static boolean fresh(TufRoot root, Duration maxAge, Instant now) {
        Instant refreshed = root.refreshedAt();
        if (refreshed.isAfter(now.plus(CLOCK_SKEW))) {
            return false;
        }
        return Duration.between(refreshed, now).compareTo(maxAge) < 0 && now.isBefore(root.metadataExpires());
    }

    /** The root that stands in when no refresh happens. */
    sealed interface Fallback {
        Optional<Instant> asOf();

        /** The root of the last successful refresh. */
        record Cached(TufRoot root) implements Fallback {
            @Override
            public Optional<Instant> asOf() {
                return Optional.of(root.refreshedAt());
            }
        }

        /** The production snapshot embedded in the jar. */
        record Embedded(Optional<Instant> asOf) implements Fallback {}
    }

    /**
     * The root standing in when no refresh happens: the cached one when there is one (a {@link CacheLookup.Hit}: its
     * TUF metadata verified and is unexpired, so the repository still vouches for it), else, for the production
     * repository only, the embedded snapshot. Empty when there is neither. Which root is trusted never depends on
     * the refresh time the cache records: that only decides when to refresh.
     */
    static Optional<Fallback> fallback(Optional<TufRoot> cached, boolean embeddedAllowed,
                                       Optional<Instant> embeddedDate) {
        Objects.requireNonNull(cached, "cached");
        Objects.requireNonNull(embeddedDate, "embeddedDate");
        if (cached.isPresent()) {
            return Optional.of(new Fallback.Cached(cached.get()));
        }
        return embeddedAllowed ? Optional.of(new Fallback.Embedded(embeddedDate)) : Optional.empty();
    }

    /**
     * Why the cache is not used, as the first part of the one warning: a failed check (always worth saying), or
     * expired metadata (worth saying only when no refresh replaced it: the caller decides). Empty for a hit or a miss.
     */
    static Optional<String> cacheNote(CacheLookup lookup, Optional<Path> dir) {
        String where = "the TUF cache" + dir.map(d -> " in " + d).orElse("");
        if (lookup instanceof CacheLookup.Rejected r) {
            return Optional.of(where + " failed verification and is ignored (" + r.reason() + ")");
        }
        if (lookup instanceof CacheLookup.Expired e) {
            return Optional.of(where + " is not used: its signed metadata expired (" + e.reason() + ")");
        }
        return Optional.empty();
    }

    /** What the cache holds, for the error when no root is available at all. */
    static String cacheState(CacheLookup lookup) {
        if (lookup instanceof CacheLookup.Rejected r) {
            return "the cache failed verification (" + r.reason() + ")";
        }
        if (lookup instanceof CacheLookup.Expired e) {
            return "the cached copy has expired (" + e.reason() + ")";
        }
        return "nothing is cached";
    }

    /** The one warning printed when a refresh failed: why, and the age of the root used instead. */
    static String fallbackWarning(String url, String reason, Fallback used, Instant now) {
        return "could not refresh the Sigstore trusted root from " + url + " (" + reason + "); using "
                + standIn(used, now);
    }

    /** The root standing in, for warnings: {@code the cached copy, refreshed 3 days ago (...)}. */
    static String standIn(Fallback used, Instant now) {
        if (used instanceof Fallback.Cached) {
            return "the cached copy, refreshed " + age(used.asOf(), now);
        }
        if (used.asOf().isPresent()) {
            return "the trusted root embedded in pylock-trust, a snapshot from " + age(used.asOf(), now);
        }
        return "the trusted root embedded in pylock-trust (snapshot date unknown)";
    }

    /** {@code 3 days ago (2026-11-18T10:00:00Z)}, or {@code of unknown age}. */
    static String age(Optional<Instant> asOf, Instant now) {
        if (asOf.isEmpty()) {
            return "of unknown age";
        }
        return ageText(Duration.between(asOf.get(), now)) + " (" + asOf.get().truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    /** {@code 5 minutes ago}, {@code 3 hours ago}, {@code 92 days ago}; a time ahead of the clock says so. */
    static String ageText(Duration age) {
        if (age.compareTo(CLOCK_SKEW.negated()) < 0) {
            return "in the future (check this machine's clock)";
        }
        if (age.toMinutes() < 1) {
            return "less than a minute ago";
        }
        if (age.toHours() < 1) {
            return plural(age.toMinutes(), "minute") + " ago";
        }
        if (age.toHours() < 48) {
            return plural(age.toHours(), "hour") + " ago";
        }
        return plural(age.toDays(), "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
