package dev.pylocktrust.trust;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a failed TUF refresh is remembered: pure rules over a {@link RefreshFailure} record, the repository URL
 * and the time.
 *
 * <p>Why: a runner that cannot reach the TUF repository (a firewall, an outage) would otherwise pay the whole time
 * bound ({@code --trust-root-timeout}, 3 s) on every run. After a failure, normal commands skip the refresh for a
 * window and use the root a failed refresh would have given them anyway. {@code trust-root update} always tries.
 *
 * <p>The window is {@link #FIRST} (1 hour) after one failure and doubles with each failure in a row (2, 4, 8, 16
 * hours), up to {@link #CAP} (24 hours, the default {@code --trust-root-max-age}): a repository that keeps failing is
 * still asked at least as often as a healthy one is refreshed by default, and a short outage costs at most an hour of
 * delay. Trusted roots change rarely and with notice, and the root in use meanwhile is one that verified through TUF
 * (or the reviewed embedded snapshot), so the delay costs freshness, never verification.
 *
 * <p>Security: a record can only make a command skip a refresh and use the root it would have used after a failed
 * refresh (the cached root, verified through TUF when it was fetched, or the embedded snapshot); it never makes the
 * tool accept a root that did not verify. Someone who can write the cache can thus suppress refreshes only as much as
 * blocking the network would, and for at most {@link #CAP} per record. A record applies only to the repository URL it
 * names, and one dated after "now" (a clock that moved back, or a forged record meant to suppress refreshes forever)
 * is ignored, as are malformed ones ({@link RefreshFailure#parse}).
 */
final class RefreshBackOff {
    /** The window after a first failure. */
    static final Duration FIRST = Duration.ofHours(1);
    /** The longest window, however many failures in a row. */
    static final Duration CAP = Duration.ofHours(24);

    private RefreshBackOff() {}

    /**
     * A recorded failure that still suppresses refreshes.
     *
     * @param failure     the record
     * @param nextAttempt when the window ends (the first run at or after it refreshes again)
     */
    record Active(RefreshFailure failure, Instant nextAttempt) {
        Active {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }
    }

    /** {@link #FIRST} doubled for each failure in a row after the first, at most {@link #CAP}. */
    static Duration window(int consecutive) {
        Duration w = FIRST;
        for (int i = 1; i < consecutive && w.compareTo(CAP) < 0; i++) {
            w = w.multipliedBy(2);
        }
        return w.compareTo(CAP) > 0 ? CAP : w;
    }

    /** Whether {@code record} is about {@code url} and not dated after {@code now}; anything else is ignored. */
    static boolean applies(RefreshFailure record, String url, Instant now) {
        return record.repository().equals(url) && !record.failedAt().isAfter(now);
    }

    /** The recorded failure that suppresses a refresh of {@code url} at {@code now}, if any. */
    static Optional<Active> active(Optional<RefreshFailure> record, String url, Instant now) {
        if (record.isEmpty() || !applies(record.get(), url, now)) {
            return Optional.empty();
        }
        Instant next = record.get().failedAt().plus(window(record.get().consecutive()));
        return now.isBefore(next) ? Optional.of(new Active(record.get(), next)) : Optional.empty();
    }

    /** The record to keep after a refresh of {@code url} failed at {@code now} for {@code reason}. */
    static RefreshFailure next(Optional<RefreshFailure> previous, String url, String reason, Instant now) {
        // A failure counts as "in a row" only if no more than a day passed after its window: an old record (the
        // runner was idle for weeks) starts the back-off afresh at one hour.
        int count = previous.filter(p -> applies(p, url, now)
                        && p.failedAt().plus(window(p.consecutive())).plus(CAP).isAfter(now))
                .map(RefreshFailure::consecutive).orElse(0);
        return new RefreshFailure(url, now, reason, Math.min(count + 1, RefreshFailure.MAX_CONSECUTIVE));
    }

    /** The one warning printed while a failure is remembered: when and why, when next, how to force, what is used. */
    static String warning(String url, Active active, TrustRootDecisions.Fallback used, Instant now) {
        RefreshFailure f = active.failure();
        String inARow = f.consecutive() > 1 ? "; " + f.consecutive() + " failures in a row" : "";
        return "not refreshing the Sigstore trusted root from " + url + ": the last attempt failed at "
                + f.failedAt().truncatedTo(ChronoUnit.SECONDS) + " (" + f.reason() + inARow + "), the next is due "
                + "after " + active.nextAttempt().truncatedTo(ChronoUnit.SECONDS) + " (to try now, run "
                + "'pylock-trust trust-root update' with the same options); using " + TrustRootDecisions.standIn(used,
                now);
    }
}
