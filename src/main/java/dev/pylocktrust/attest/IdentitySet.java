package dev.pylocktrust.attest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Publishers told apart by {@link Publisher#sameIdentity}, in the order first added: the one way pylock-trust
 * de-duplicates identities (a lock's identities merged over its entries, the identities recorded at first use, the
 * signers seen on a package's files). The publisher first added for an identity is the one kept, so an identity keeps
 * the spelling (and the extra keys) it was first seen with. Not thread-safe.
 */
public final class IdentitySet implements Iterable<Publisher> {
    private final List<Publisher> members = new ArrayList<>();

    /** The identities of {@code publishers}, each once, in the order first seen. */
    public static IdentitySet of(Collection<? extends Publisher> publishers) {
        IdentitySet set = new IdentitySet();
        publishers.forEach(set::add);
        return set;
    }

    /**
     * Adds {@code p} unless its identity is here already.
     *
     * @return the position of {@code p}'s identity (0-based), whether added now or before
     */
    public int add(Publisher p) {
        OptionalInt at = indexOf(p);
        if (at.isPresent()) {
            return at.getAsInt();
        }
        members.add(p);
        return members.size() - 1;
    }

    /** The position of {@code p}'s identity (0-based), if it is here. */
    public OptionalInt indexOf(Publisher p) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).sameIdentity(p)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public boolean contains(Publisher p) {
        return indexOf(p).isPresent();
    }

    /** The member with {@code p}'s identity, as it was first added. */
    public Optional<Publisher> find(Publisher p) {
        OptionalInt at = indexOf(p);
        return at.isPresent() ? Optional.of(members.get(at.getAsInt())) : Optional.empty();
    }

    public Publisher get(int index) {
        return members.get(index);
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** The members, in the order first added (a copy). */
    public List<Publisher> toList() {
        return List.copyOf(members);
    }

    @Override
    public Iterator<Publisher> iterator() {
        return Collections.unmodifiableList(members).iterator();
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
