package dev.pylocktrust.diff;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.lock.AttestationIdentity;
import java.util.List;
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
        return new IdentityView(identity, identity.publisher());
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
        return identity.publisher().map(Publisher::describe).orElseGet(() -> identity.kind() + " (not a valid "
                + identity.kind() + " identity: " + identity.fields().toMap().entrySet().stream()
                .filter(en -> !en.getKey().equals("kind"))
                .map(en -> en.getKey() + "=" + en.getValue())
                .collect(Collectors.joining(", ")) + ")");
    }
}
