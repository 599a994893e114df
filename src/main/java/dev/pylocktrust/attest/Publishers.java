package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Construction, validation and shared helpers for {@link Publisher} implementations. */
final class Publishers {
    static final String KIND = "kind";
    static final String CLAIMS = "claims";
    static final int MAX_KEYS = 32;
    static final int MAX_VALUE_LENGTH = 1024;

    private static final Set<String> KNOWN_KINDS = Set.of(GitHubPublisher.KIND, GitLabPublisher.KIND,
            GooglePublisher.KIND);
    /** The keys of the known kinds that name the identity (the rest are extra keys, kept as text). */
    private static final Set<String> IDENTITY_KEYS = Set.of("repository", "workflow", "workflow_filepath",
            "environment", "email");

    private Publishers() {}

    /** Parses the {@code publisher} object of a provenance bundle. */
    static Publisher fromJson(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Json.wrongType(path, "an object", node);
        }
        if (node.size() > MAX_KEYS) {
            throw new MalformedAttestationException(path + " has " + node.size() + " keys, more than the limit of "
                    + MAX_KEYS);
        }
        JsonNode kind = node.get(KIND);
        if (kind == null || !kind.isTextual()) {
            throw new MalformedAttestationException(path + ": missing \"kind\" (a string naming the publisher type)");
        }
        boolean known = KNOWN_KINDS.contains(kind.textValue());
        Map<String, String> flat = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            JsonNode v = f.getValue();
            if (v.isNull() || f.getKey().equals(CLAIMS)) {
                continue;
            }
            if (!v.isTextual() && known && IDENTITY_KEYS.contains(f.getKey())) {
                // PyPI serves these as strings; {"environment": 0} must not become the environment "0".
                throw Json.wrongType(path + "." + f.getKey(), "a string", v);
            }
            flat.put(f.getKey(), v.isTextual() ? v.textValue() : v.toString());
        }
        try {
            return fromFlatMap(flat);
        } catch (IllegalArgumentException e) {
            throw new MalformedAttestationException(path + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> stringify(Map<String, ?> table) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (table.size() > MAX_KEYS) {
            throw new IllegalArgumentException("publisher identity has " + table.size() + " keys, more than the limit "
                    + "of " + MAX_KEYS);
        }
        table.forEach((k, v) -> {
            if (v != null && !k.equals(CLAIMS)) {
                flat.put(k, v.toString());
            }
        });
        return flat;
    }

    static Publisher fromFlatMap(Map<String, String> flat) {
        String kind = flat.get(KIND);
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("missing \"kind\" (a string naming the publisher type)");
        }
        flat.forEach((k, v) -> {
            if (v.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("\"" + k + "\" is longer than " + MAX_VALUE_LENGTH + " characters");
            }
        });
        SortedMap<String, String> rest = new TreeMap<>(flat);
        rest.remove(KIND);
        return switch (kind) {
            case GitHubPublisher.KIND -> new GitHubPublisher(take(rest, "repository"), take(rest, "workflow"),
                    optional(rest.remove("environment")), rest);
            case GitLabPublisher.KIND -> new GitLabPublisher(take(rest, "repository"), take(rest, "workflow_filepath"),
                    optional(rest.remove("environment")), rest);
            case GooglePublisher.KIND -> new GooglePublisher(take(rest, "email"), rest);
            default -> new UnknownPublisher(kind, rest);
        };
    }

    private static String take(SortedMap<String, String> rest, String key) {
        String v = rest.remove(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        return v;
    }

    /** Empty, null and absent environments are the same thing. */
    static Optional<String> optional(String environment) {
        return environment == null || environment.isEmpty() ? Optional.empty() : Optional.of(environment);
    }

    static void requirePattern(String key, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid \"" + key + "\" " + quote(value) + ": " + rule);
        }
    }

    static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    static SortedMap<String, String> table(String kind, Map<String, String> keys, SortedMap<String, String> extra) {
        SortedMap<String, String> t = new TreeMap<>(extra);
        t.putAll(keys);
        t.put(KIND, kind);
        return java.util.Collections.unmodifiableSortedMap(t);
    }

    static SortedMap<String, String> copyExtra(SortedMap<String, String> extra) {
        SortedMap<String, String> copy = new TreeMap<>(extra);
        copy.remove(KIND);
        copy.remove(CLAIMS);
        return java.util.Collections.unmodifiableSortedMap(copy);
    }
}
