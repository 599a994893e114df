package dev.pylocktrust.trust;

import dev.pylocktrust.Printable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A failed TUF refresh, remembered in the repository's cache directory so that the next runs can skip asking a
 * repository that just failed (see {@link RefreshBackOff}).
 *
 * <p>The file is a small properties file:
 * <pre>
 *   format=1
 *   repository=https://tuf-repo-cdn.sigstore.dev/
 *   failed-at=2026-11-21T12:00:00Z
 *   reason=no answer within 3 s
 *   consecutive=2
 * </pre>
 * It is read like everything else on disk: as hostile. {@link #parse} reads at most {@link #MAX_BYTES}, and anything
 * it does not fully understand (missing or unknown format, bad time, a reason with control characters or longer than
 * {@link #MAX_REASON_CHARS}, a count out of range) is ignored as if there were no record. The reason is printed in a
 * warning, so control characters (terminal escapes, bidi overrides) are never written and never accepted.
 *
 * @param repository  the URL of the repository the refresh failed against (a record only ever applies to it)
 * @param failedAt    when it failed (the run's time)
 * @param reason      a short one-line reason, as the fallback warning gave it
 * @param consecutive failed refreshes in a row since the last successful one, at least 1
 */
public record RefreshFailure(String repository, Instant failedAt, String reason, int consecutive) {
    /**
     * Largest file read. A typical record is about 250 bytes; the largest this class writes is about 5 KiB plus the
     * URL (a reason of {@link #MAX_REASON_CHARS} characters outside Latin-1, each written as two six-character escapes).
     */
    static final int MAX_BYTES = 16 * 1024;
    /** Longest reason kept; longer ones are shortened when written and refused when read. */
    static final int MAX_REASON_CHARS = 400;
    /** Highest count kept (far beyond where the back-off window stops growing). */
    static final int MAX_CONSECUTIVE = 9999;
    private static final String FORMAT = "1";

    public RefreshFailure {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(reason, "reason");
        if (consecutive < 1 || consecutive > MAX_CONSECUTIVE) {
            throw new IllegalArgumentException("consecutive must be between 1 and " + MAX_CONSECUTIVE);
        }
        reason = clean(reason);
    }

    /** The record as written to disk. */
    byte[] toBytes() {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("repository", repository);
        p.setProperty("failed-at", failedAt.toString());
        p.setProperty("reason", reason);
        p.setProperty("consecutive", Integer.toString(consecutive));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.store(out, "pylock-trust: the last TUF refresh failed (delete this file to retry at once)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The record in {@code bytes}, or empty when they are not exactly a record this version writes. */
    static Optional<RefreshFailure> parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(bytes));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String repository = p.getProperty("repository");
        String failedAt = p.getProperty("failed-at");
        String reason = p.getProperty("reason");
        String consecutive = p.getProperty("consecutive");
        if (!FORMAT.equals(p.getProperty("format")) || repository == null || failedAt == null || reason == null
                || consecutive == null || !consecutive.matches("[0-9]{1,4}") || !reason.equals(clean(reason))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RefreshFailure(repository, Instant.parse(failedAt), reason,
                    Integer.parseInt(consecutive)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * One printable line: line breaks and runs of white space become one space, other control and format characters
     * (escape sequences, bidi overrides, zero-width characters) become {@code ?}, and the result is cut at
     * {@link #MAX_REASON_CHARS}.
     */
    static String clean(String s) {
        String line = s.strip().replaceAll("\\s+", " ");
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < line.length(); i = line.offsetByCodePoints(i, 1)) {
            if (kept == MAX_REASON_CHARS - 3 && line.codePointCount(i, line.length()) > 3) {
                return sb.append("...").toString();
            }
            int c = line.codePointAt(i);
            sb.appendCodePoint(Printable.isUnsafe(c) ? '?' : c);
            kept++;
        }
        return sb.toString();
    }
}
