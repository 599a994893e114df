package dev.pylocktrust.diff;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.lock.AttestationIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An identity from a lockfile, interpreted with the attestation layer's rules: two identities are the same when
 * {@link Publisher#sameIdentity} says so (the rule {@code lock} uses). An identity the attestation layer rejects
 * (a GitHub identity without a workflow, say) can only equal an identity with exactly the same keys and values:
 * nothing malformed is ever treated as a known publisher.
 */
record IdentityView(AttestationIdentity raw, Optional<Publisher> publisher) {

    static IdentityView of(AttestationIdentity identity) {
        Optional<Publisher> parsed;
        try {
            parsed = Optional.of(Publisher.fromTable(identity.fields().toMap()));
        } catch (IllegalArgumentException e) {
            parsed = Optional.empty();
        }
        return new IdentityView(identity, parsed);
    }

    static List<IdentityView> of(List<AttestationIdentity> identities) {
        return identities.stream().map(IdentityView::of).toList();
    }

    boolean same(IdentityView other) {
        if (publisher.isPresent() && other.publisher.isPresent()) {
            return publisher.get().sameIdentity(other.publisher.get());
        }
        return raw.fields().equals(other.raw.fields());
    }

    boolean sameAsAny(List<IdentityView> others) {
        return others.stream().anyMatch(this::same);
    }

    /** One line, e.g. {@code GitHub pypa/sampleproject (release.yml, environment pypi)}. */
    String describe() {
        return describe(raw);
    }

    static String describe(AttestationIdentity identity) {
        try {
            return Publisher.fromTable(identity.fields().toMap()).describe();
        } catch (IllegalArgumentException e) {
            Map<String, Object> fields = identity.fields().toMap();
            return identity.kind() + " (not a valid " + identity.kind() + " identity: " + fields.entrySet().stream()
                    .filter(en -> !en.getKey().equals("kind"))
                    .map(en -> en.getKey() + "=" + en.getValue())
                    .collect(Collectors.joining(", ")) + ")";
        }
    }
}
