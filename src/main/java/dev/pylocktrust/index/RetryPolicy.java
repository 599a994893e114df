package dev.pylocktrust.index;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try again (pure: the random number and the current time are passed in). Retried: connect errors and
 * timeouts, 429 and transient 5xx. Waits grow exponentially ({@code base * 2^(n-1)}, capped) with "equal jitter"
 * (a random point in the upper half), so that many clients backing off together do not return together. A
 * {@code Retry-After} header (seconds or HTTP-date) replaces the computed wait; one that asks for more than the
 * cap ends the retries instead of stalling a CI job.
 *
 * @param maxTries  total attempts, at least 1
 * @param baseDelay the wait before the second attempt, before jitter
 * @param maxDelay  the longest single wait, and the longest {@code Retry-After} honoured
 */
record RetryPolicy(int maxTries, Duration baseDelay, Duration maxDelay) {
    RetryPolicy {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** True for statuses worth repeating: 429, and 5xx except 501 (Not Implemented) and 505 (HTTP Version). */
    static boolean retryableStatus(int code) {
        return code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
    }

    /**
     * The wait after {@code failedTries} failed attempts.
     *
     * @param random a number in [0, 1)
     */
    Duration backoff(int failedTries, double random) {
        long base = Math.max(0, baseDelay.toMillis());
        int shift = Math.min(30, Math.max(0, failedTries - 1));
        long full = Math.min(maxDelay.toMillis(), base << shift);
        if ((base << shift) >>> shift != base) {
            full = maxDelay.toMillis();
        }
        long half = full / 2;
        return Duration.ofMillis(half + (long) (random * (full - half)));
    }

    /**
     * The wait a {@code Retry-After} header asks for: delay-seconds or an HTTP-date relative to {@code now}. Empty if
     * the header is absent or unreadable (then the computed backoff applies).
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                return Optional.of(Duration.ofSeconds(999_999_999L));
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
