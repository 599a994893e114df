package dev.pylocktrust.attest;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A publisher whose {@code kind} pylock-trust does not know (for example a future CircleCI kind). It is kept with
 * its raw keys so that it round-trips, but no certificate policy exists for it: attestations attributed to it never
 * verify (fail closed).
 *
 * @param kind the raw kind
 * @param keys every other key except {@code claims}; non-string JSON values are kept as their JSON text
 */
public record UnknownPublisher(String kind, SortedMap<String, String> keys) implements Publisher {
    public UnknownPublisher {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("missing \"kind\"");
        }
        keys = Publishers.copyExtra(keys == null ? new TreeMap<>() : keys);
    }

    @Override
    public boolean sameIdentity(Publisher other) {
        return other instanceof UnknownPublisher o && kind.equals(o.kind) && keys.equals(o.keys);
    }

    @Override
    public boolean sameRepository(Publisher other) {
        return sameIdentity(other);
    }

    @Override
    public SortedMap<String, String> toIdentityTable() {
        return Publishers.table(kind, keys, new TreeMap<>());
    }

    @Override
    public String describe() {
        String d = kind + (keys.isEmpty() ? "" : keys.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", " (", ")")));
        return d + IdentityValues.nonAsciiNote(d);
    }
}
