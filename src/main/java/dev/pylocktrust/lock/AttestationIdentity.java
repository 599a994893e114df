package dev.pylocktrust.lock;

import dev.pylocktrust.attest.Publisher;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [[packages.attestation-identities]]} table: a Trusted Publisher identity, with {@code kind} and the
 * publisher's own keys flat beside it, exactly as the index serves the provenance {@code publisher} object
 * (PEP 751; e.g. {@code kind = "GitHub"}, {@code repository}, {@code workflow}, {@code environment}).
 *
 * <p>This package does not interpret the keys; reading and comparing identities is the attestation layer's job
 * ({@link #publisher()}). The fields
 * are kept as TOML data so keys from publishers we do not know survive a round trip.
 */
public record AttestationIdentity(RawTable fields) implements Comparable<AttestationIdentity> {
    private static final Comparator<AttestationIdentity> ORDER =
            Comparator.comparing(AttestationIdentity::kind).thenComparing(id -> TomlEmitter.inlineTable(id.fields));

    public AttestationIdentity {
        Objects.requireNonNull(fields, "fields");
        if (!(fields.entries().get("kind") instanceof String kind) || kind.isEmpty()) {
            throw new IllegalArgumentException("an attestation identity needs a non-empty string 'kind'");
        }
    }

    /** An identity from plain values, e.g. {@code of(Map.of("kind", "GitHub", "repository", "o/r", ...))}. */
    public static AttestationIdentity of(Map<String, ?> fields) {
        return new AttestationIdentity(RawTable.of(fields));
    }

    public String kind() {
        return (String) fields.entries().get("kind");
    }

    /**
     * The identity as the attestation layer reads it ({@link Publisher#fromTable}); empty when it is not a valid
     * publisher (a GitHub identity without {@code workflow}, say), which nothing may then treat as a known one.
     */
    public Optional<Publisher> publisher() {
        try {
            return Optional.of(Publisher.fromTable(fields.toMap()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A string field such as {@code repository}; empty when absent or not a string. */
    public Optional<String> get(String key) {
        return fields.getString(key);
    }

    /** Orders by kind, then by the canonical TOML text of all fields: the order the writer uses. */
    @Override
    public int compareTo(AttestationIdentity other) {
        return ORDER.compare(this, other);
    }
}
