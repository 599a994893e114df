package dev.pylocktrust.attest;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A publisher identity whose attestation verified, with an honest account of which of its keys the certificate
 * certifies and which only the index asserts.
 *
 * @param publisher the publisher as the index asserted it (and as it goes into the lockfile)
 * @param certifiedKeys identity-table keys the Fulcio certificate binds (e.g. {@code kind}, {@code repository},
 *     {@code workflow})
 * @param indexAssertedKeys keys with a value that only the index vouches for (e.g. a GitHub {@code environment}
 *     when the certificate has no deployment environment extension)
 * @param repositoryId the forge's numeric repository id from the certificate, when present
 * @param ownerId the forge's numeric owner id from the certificate, when present
 */
public record VerifiedIdentity(Publisher publisher, SortedSet<String> certifiedKeys, SortedSet<String> indexAssertedKeys,
                               Optional<String> repositoryId, Optional<String> ownerId) {
    public VerifiedIdentity {
        Objects.requireNonNull(publisher, "publisher");
        certifiedKeys = Collections.unmodifiableSortedSet(new TreeSet<>(certifiedKeys));
        indexAssertedKeys = Collections.unmodifiableSortedSet(new TreeSet<>(indexAssertedKeys));
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
