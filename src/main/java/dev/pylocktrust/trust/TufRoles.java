package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a trusted TUF root metadata file says: which keys may sign for each top-level role, and how many of them must.
 *
 * @param version            the root's version
 * @param consistentSnapshot whether the repository serves versioned file names ({@code 3.snapshot.json})
 */
record TufRoles(int version, boolean consistentSnapshot, Map<String, TufKey> keys, Map<String, Role> roles) {
    static final List<String> TOP_LEVEL = List.of("root", "timestamp", "snapshot", "targets");
    /** Most keys read from one root (Sigstore's has six). */
    static final int MAX_KEYS = 1024;

    /** The key ids allowed to sign for a role and how many distinct keys must. */
    record Role(Set<String> keyids, int threshold) {
        Role {
            keyids = Set.copyOf(keyids);
        }
    }

    TufRoles {
        keys = Map.copyOf(keys);
        roles = Map.copyOf(roles);
    }

    /** @throws TufCheckException {@link TufCheck#MALFORMED} when a top-level role is missing or has no threshold */
    static TufRoles of(TufMetadata root) throws TufCheckException {
        JsonNode keyNodes = root.signed().path("keys");
        if (!keyNodes.isObject() || keyNodes.size() > MAX_KEYS) {
            throw TufMetadata.malformed(root.file(), "no valid keys");
        }
        Map<String, TufKey> keys = new HashMap<>();
        keyNodes.fields().forEachRemaining(e -> keys.put(e.getKey(), TufKey.parse(e.getValue())));
        Map<String, Role> roles = new HashMap<>();
        for (String name : TOP_LEVEL) {
            JsonNode role = root.signed().path("roles").path(name);
            JsonNode threshold = role.path("threshold");
            if (!role.path("keyids").isArray() || !threshold.isIntegralNumber() || !threshold.canConvertToInt()
                    || threshold.intValue() < 1) {
                throw TufMetadata.malformed(root.file(), "the " + name + " role has no key ids or a threshold below 1");
            }
            Set<String> ids = new LinkedHashSet<>();
            role.path("keyids").forEach(id -> ids.add(id.asText()));
            roles.put(name, new Role(ids, threshold.intValue()));
        }
        return new TufRoles(root.version(), root.signed().path("consistent_snapshot").asBoolean(false), keys, roles);
    }

    /**
     * Requires {@code meta} to carry valid signatures by at least the threshold of distinct keys that this root names
     * for {@code role}. A signature whose key id is not the role's, that does not verify, or that is by a key already
     * counted (the same key id twice, or the same key under two ids) does not count.
     *
     * @param whose for the message: {@code trusted keys}, {@code keys of TUF root version 4}...
     * @throws TufCheckException {@link TufCheck#SIGNATURES}
     */
    void requireSigned(TufMetadata meta, String role, String whose) throws TufCheckException {
        Role r = roles.get(role);
        Set<String> counted = new HashSet<>();
        for (TufMetadata.Sig sig : meta.signatures()) {
            TufKey key = keys.get(sig.keyid());
            if (!r.keyids().contains(sig.keyid()) || key == null || key.identity().isEmpty()
                    || counted.contains(key.identity())) {
                continue;
            }
            if (key.verifies(meta.canonical(), sig.value())) {
                counted.add(key.identity());
                if (counted.size() >= r.threshold()) {
                    return;
                }
            }
        }
        throw new TufCheckException(TufCheck.SIGNATURES, meta.file() + ": not signed by enough " + whose
                + " (threshold " + r.threshold() + ", valid signatures " + counted.size() + ")");
    }

    /** Whether {@code role} has exactly the same keys here as in {@code other} (TUF 5.3.11: else forget its state). */
    boolean sameKeys(TufRoles other, String role) {
        return roles.get(role).keyids().equals(other.roles.get(role).keyids());
    }
}
