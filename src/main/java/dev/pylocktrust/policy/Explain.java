package dev.pylocktrust.policy;

import dev.pylocktrust.attest.IdentityValues;
import dev.pylocktrust.attest.Publisher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Explains an identity change to the person who must decide whether to accept it: which publisher keys differ, and
 * what the signed numeric ids say. Names can be re-registered by anyone; the forge's numeric repository id (Fulcio
 * OID .15) survives a rename or transfer, and the owner id (.17) changes when the repository moves to another
 * account. Pure.
 */
public final class Explain {
    private Explain() {}

    /** The command that approves an identity-level change of {@code name}, recorded in the lock. */
    public static String acceptCommand(String name) {
        return "pylock-trust lock --accept-identity-change " + name + " --reason \"<why>\"";
    }

    /** Up to three names, then how many more. */
    public static String names(List<String> names) {
        int shown = Math.min(3, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }

    /** The publisher keys that differ, e.g. {@code repository acme/widget -> acme/widget-ng}. */
    public static String difference(Publisher locked, Publisher now) {
        if (!locked.kind().equals(now.kind())) {
            return "another kind of publisher: " + locked.kind() + " -> " + now.kind();
        }
        SortedMap<String, String> a = locked.toIdentityTable();
        SortedMap<String, String> b = now.toIdentityTable();
        Set<String> keys = new LinkedHashSet<>();
        keys.add("kind");
        keys.addAll(new TreeSet<>(a.keySet()));
        keys.addAll(new TreeSet<>(b.keySet()));
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            String x = a.getOrDefault(k, "(none)");
            String y = b.getOrDefault(k, "(none)");
            boolean same = IdentityValues.same(now.kind(), k, x, y);
            if (!same) {
                parts.add(k + " " + x + IdentityValues.nonAsciiNote(x) + " -> " + y + IdentityValues.nonAsciiNote(y));
            }
        }
        return parts.isEmpty() ? "the same identity, for the other kind of file" : String.join(", ", parts);
    }

    /** What the signed ids say about a transition away from a locked identity. */
    public static String claims(Expectation expected, Transition t) {
        Set<String> oldRepos = new TreeSet<>();
        Set<String> oldOwners = new TreeSet<>();
        for (LockedIdentity l : expected.identities()) {
            oldRepos.addAll(l.repositoryIds());
            oldOwners.addAll(l.ownerIds());
        }
        SignedIds now = t.toIds();
        Optional<String> repo = now.repositoryId();
        Optional<String> owner = now.ownerId();
        if (repo.isEmpty() && owner.isEmpty()) {
            return "the new certificate carries no repository or owner id to compare";
        }
        String newIds = now.describe();
        if (oldRepos.isEmpty() && oldOwners.isEmpty()) {
            return "the locked identity has no signed repository or owner id to compare (new: " + newIds + ")";
        }
        boolean sameRepo = repo.isPresent() && oldRepos.contains(repo.get());
        boolean sameOwner = owner.isPresent() && oldOwners.contains(owner.get());
        String lockedRepos = String.join(", ", oldRepos);
        String lockedOwners = String.join(", ", oldOwners);
        if (sameRepo && sameOwner) {
            boolean renamed = t.from().filter(f -> !f.sameRepository(t.to().publisher())).isPresent();
            return "same signed repository id " + repo.get() + " and owner id " + owner.get() + ": "
                    + (renamed ? "the repository was renamed" : "the same repository now publishes from another "
                    + "workflow or environment");
        }
        if (sameRepo) {
            return "same signed repository id " + repo.get() + ", so the repository was renamed or transferred; "
                    + "different owner id " + owner.map(String::valueOf).orElse("(none)") + " (locked: "
                    + orNone(lockedOwners) + "), so it moved to another account";
        }
        if (sameOwner) {
            return "different signed repository id " + repo.map(String::valueOf).orElse("(none)") + " (locked: "
                    + orNone(lockedRepos) + ") under the same owner id " + owner.get()
                    + ": another repository of the same account";
        }
        return "different signed repository id " + repo.map(String::valueOf).orElse("(none)") + " (locked: "
                + orNone(lockedRepos) + ") and owner id " + owner.map(String::valueOf).orElse("(none)")
                + " (locked: " + orNone(lockedOwners) + "): a different repository in another account";
    }

    private static String orNone(String s) {
        return s.isEmpty() ? "none" : s;
    }
}
