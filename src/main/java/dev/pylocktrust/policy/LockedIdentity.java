package dev.pylocktrust.policy;

import dev.pylocktrust.attest.Publisher;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One identity the lock trusts for a package, with what the lock recorded about the files it signed.
 *
 * @param publisher the identity, parsed for comparison ({@link Publisher#sameIdentity})
 * @param repositoryIds the signed repository ids recorded for files this identity signed (empty: none recorded)
 * @param ownerIds the signed owner ids recorded for files this identity signed (empty: none recorded)
 * @param kinds the kinds of file the lock records as signed by this identity (empty: the lock does not say)
 */
public record LockedIdentity(Publisher publisher, SortedSet<String> repositoryIds, SortedSet<String> ownerIds,
                             Set<FileKind> kinds) {
    public LockedIdentity {
        Objects.requireNonNull(publisher, "publisher");
        repositoryIds = Collections.unmodifiableSortedSet(new TreeSet<>(repositoryIds));
        ownerIds = Collections.unmodifiableSortedSet(new TreeSet<>(ownerIds));
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** An identity the lock records nothing else about. */
    public static LockedIdentity of(Publisher publisher) {
        return new LockedIdentity(publisher, new TreeSet<>(), new TreeSet<>(), Set.of());
    }

    /** The recorded ids, for people. */
    public SignedIds recordedIds() {
        return new SignedIds(repositoryIds.stream().findFirst(), ownerIds.stream().findFirst());
    }

    /**
     * Whether a certificate's ids are the ones recorded: each recorded kind of id must be signed and among the
     * recorded values. An identity without recorded ids accepts any.
     */
    public boolean idsMatch(SignedIds ids) {
        boolean repo = repositoryIds.isEmpty()
                || ids.repositoryId().filter(repositoryIds::contains).isPresent();
        boolean owner = ownerIds.isEmpty() || ids.ownerId().filter(ownerIds::contains).isPresent();
        return repo && owner;
    }

    /** Whether the certificate's repository id is one recorded here: the same repository under another name. */
    public boolean sameRepositoryId(SignedIds ids) {
        return ids.repositoryId().filter(repositoryIds::contains).isPresent();
    }
}
