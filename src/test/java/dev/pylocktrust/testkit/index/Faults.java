package dev.pylocktrust.testkit.index;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switchable faults for {@link TestIndexServer}. Each rule applies to request paths starting with a prefix, either
 * a number of times or forever ({@link #FOREVER}); the first matching rule with uses left wins. Latency applies to
 * every request. Thread-safe: tests change faults while the server runs.
 */
public final class Faults {
    public static final int FOREVER = -1;

    /** What a rule does to the response. */
    public enum Kind {
        /** Answer with a status (and a Retry-After header if given) instead of the real response. */
        STATUS,
        /** Answer 302: the path prefix replaced by a target prefix (possibly an absolute URL on another origin). */
        REDIRECT,
        /** Serve the first half of the real body as if it were complete. */
        TRUNCATE,
        /** Start sending the real body, then drop the connection. */
        DISCONNECT,
        /** Serve the real body with another Content-Type. */
        CONTENT_TYPE,
        /** Serve a body of the given size instead of the real one (with or without Content-Length). */
        OVERSIZE,
        /** Accept the request and never answer. */
        HANG,
        /** Serve the given bytes with the given Content-Type (a hostile page or document). */
        BODY,
        /** Answer 200 with a chunked body that never ends. */
        ENDLESS,
        /** Serve the real answer one byte a second. */
        TRICKLE
    }

    /** One fault. */
    public record Rule(String pathPrefix, Kind kind, int status, String value, long size, boolean chunked,
            AtomicInteger remaining, byte[] body) {
        Rule(String pathPrefix, Kind kind, int status, String value, long size, boolean chunked,
                AtomicInteger remaining) {
            this(pathPrefix, kind, status, value, size, chunked, remaining, null);
        }

        boolean matches(String path) {
            return path.startsWith(pathPrefix) && (remaining.get() == FOREVER || remaining.get() > 0);
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile Duration latency = Duration.ZERO;

    /** Every request waits this long before it is answered. */
    public Faults latency(Duration d) {
        this.latency = d;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** Answer {@code status} for the next {@code times} matching requests (or forever). */
    public Faults status(String prefix, int status, int times) {
        return add(new Rule(prefix, Kind.STATUS, status, null, 0, false, new AtomicInteger(times)));
    }

    /** Answer 429 with {@code Retry-After: retryAfter} for the next {@code times} matching requests. */
    public Faults tooManyRequests(String prefix, String retryAfter, int times) {
        return add(new Rule(prefix, Kind.STATUS, 429, retryAfter, 0, false, new AtomicInteger(times)));
    }

    /**
     * Redirect (302) matching requests: the matched {@code prefix} of the path is replaced by {@code target}, a path
     * or an absolute URL (another host or scheme); the rest of the path and the query are kept.
     */
    public Faults redirect(String prefix, String target, int times) {
        return add(new Rule(prefix, Kind.REDIRECT, 302, target, 0, false, new AtomicInteger(times)));
    }

    public Faults truncate(String prefix, int times) {
        return add(new Rule(prefix, Kind.TRUNCATE, 0, null, 0, false, new AtomicInteger(times)));
    }

    public Faults disconnect(String prefix, int times) {
        return add(new Rule(prefix, Kind.DISCONNECT, 0, null, 0, false, new AtomicInteger(times)));
    }

    public Faults contentType(String prefix, String type, int times) {
        return add(new Rule(prefix, Kind.CONTENT_TYPE, 0, type, 0, false, new AtomicInteger(times)));
    }

    /** Serve {@code bytes} bytes of JSON-ish filler; {@code chunked} hides the size (no Content-Length). */
    public Faults oversize(String prefix, long bytes, boolean chunked, int times) {
        return add(new Rule(prefix, Kind.OVERSIZE, 0, null, bytes, chunked, new AtomicInteger(times)));
    }

    public Faults hang(String prefix, int times) {
        return add(new Rule(prefix, Kind.HANG, 0, null, 0, false, new AtomicInteger(times)));
    }

    /** Serve {@code body} as {@code contentType} (200) for the next {@code times} matching requests. */
    public Faults body(String prefix, String contentType, byte[] body, int times) {
        return add(new Rule(prefix, Kind.BODY, 200, contentType, body.length, false, new AtomicInteger(times),
                body.clone()));
    }

    /** Answer 200 and send chunks forever (until the client hangs up). */
    public Faults endless(String prefix, int times) {
        return add(new Rule(prefix, Kind.ENDLESS, 200, null, 0, true, new AtomicInteger(times)));
    }

    /** Serve the real answer at one byte a second. */
    public Faults trickle(String prefix, int times) {
        return add(new Rule(prefix, Kind.TRICKLE, 0, null, 0, false, new AtomicInteger(times)));
    }

    /** Removes every rule and the latency. */
    public void clear() {
        rules.clear();
        latency = Duration.ZERO;
    }

    private Faults add(Rule r) {
        rules.add(r);
        return this;
    }

    /** The rule for this request, using up one of its uses. */
    Optional<Rule> take(String path) {
        for (Rule r : rules) {
            if (r.matches(path)) {
                if (r.remaining().get() == FOREVER) {
                    return Optional.of(r);
                }
                if (r.remaining().getAndDecrement() > 0) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
