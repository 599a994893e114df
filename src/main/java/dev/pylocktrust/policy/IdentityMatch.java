package dev.pylocktrust.policy;

import dev.pylocktrust.attest.GitHubPublisher;
import dev.pylocktrust.attest.GitLabPublisher;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one verified identity stands to a package's locked identities: the one identity rule of {@code lock},
 * {@code verify} and {@code diff}. Pure.
 *
 * <ol>
 *   <li>Names are compared with {@link Publisher#sameIdentity} (kind, repository, workflow, environment, e-mail).</li>
 *   <li>Equal names are not enough where the lock records the signed numeric ids of that identity (GitHub and GitLab
 *       certificates sign the repository and owner ids): other ids mean the repository or its owner account was
 *       deleted and re-created under the same name ({@link Recreated}).</li>
 *   <li>Where the lock shows that sdists and wheels are signed by different identities, a file of one kind signed by
 *       the other kind's identity is a change ({@link OtherKind}).</li>
 *   <li>Anything else is a change ({@link Changed}); when the certificate signs a repository id the lock records, it is
 *       the same repository under another name (renamed or transferred).</li>
 * </ol>
 */
public sealed interface IdentityMatch {

    /** The identity is locked; {@code index} is its position among the locked identities. */
    record Locked(int index) implements IdentityMatch {}

    /** The locked names, signed with other ids than the lock records. */
    record Recreated(int index) implements IdentityMatch {}

    /** A locked identity, but the lock shows it signs the other kind of file. */
    record OtherKind(int index, FileKind kind) implements IdentityMatch {}

    /**
     * An identity the lock does not record.
     *
     * @param closest the locked identity to compare it with (same kind and repository, else same kind, else first)
     * @param renamed the certificate signs a repository id the lock records for {@code closest}'s package
     */
    record Changed(int closest, boolean renamed) implements IdentityMatch {}

    /** Whether this match passes without an approval. */
    default boolean passes() {
        return this instanceof Locked;
    }

    /**
     * Classifies the identities of one file (the first that passes wins, else the first identity's match).
     *
     * @param expected an anchored expectation
     * @param identities the file's verified identities (not empty)
     * @param kind the file's kind; empty when the identities are claimed for the package, not known to have signed
     *     this file (then neither the kinds nor the ids can be compared)
     * @return the match and the identity it is about
     */
    static Result classify(Expectation expected, List<VerifiedIdentity> identities, Optional<FileKind> kind) {
        if (!expected.anchored() || identities.isEmpty()) {
            throw new IllegalArgumentException("classify needs locked identities and at least one verified identity");
        }
        Result first = null;
        for (VerifiedIdentity id : identities) {
            Result r = new Result(of(expected, id, kind), id);
            if (r.match().passes()) {
                return r;
            }
            if (first == null || rank(r.match()) < rank(first.match())) {
                first = r;
            }
        }
        return first;
    }

    /** A match and the identity it is about. */
    record Result(IdentityMatch match, VerifiedIdentity identity) {
        public Result {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * One identity against the locked ones.
     *
     * @param kind the kind of file it signed; empty for an identity claimed for the package as a whole
     */
    static IdentityMatch of(Expectation expected, VerifiedIdentity id, Optional<FileKind> kind) {
        SignedIds ids = SignedIds.of(id);
        List<LockedIdentity> locked = expected.identities();
        Optional<Integer> sameNames = Optional.empty();
        for (int i = 0; i < locked.size(); i++) {
            if (locked.get(i).publisher().sameIdentity(id.publisher())) {
                sameNames = Optional.of(i);
                break;
            }
        }
        if (sameNames.isPresent()) {
            int i = sameNames.get();
            LockedIdentity l = locked.get(i);
            if (kind.isEmpty()) {
                return new Locked(i);
            }
            if (carriesIds(l.publisher()) && !l.idsMatch(ids)) {
                return new Recreated(i);
            }
            if (expected.showsSplit()) {
                List<LockedIdentity> signers = expected.signersOf(kind.get());
                if (!signers.isEmpty() && !signers.contains(l)) {
                    return new OtherKind(i, kind.get());
                }
            }
            return new Locked(i);
        }
        int closest = closest(locked, id.publisher());
        boolean renamed = kind.isPresent() && carriesIds(id.publisher())
                && locked.stream().anyMatch(l -> carriesIds(l.publisher()) && l.sameRepositoryId(ids));
        return new Changed(closest, renamed);
    }

    /** Forges whose certificates sign numeric repository and owner ids. */
    static boolean carriesIds(Publisher p) {
        return p instanceof GitHubPublisher || p instanceof GitLabPublisher;
    }

    /** The locked identity a new one is compared with: same kind and repository, else same kind, else the first. */
    private static int closest(List<LockedIdentity> locked, Publisher now) {
        for (int i = 0; i < locked.size(); i++) {
            if (locked.get(i).publisher().sameRepository(now)) {
                return i;
            }
        }
        for (int i = 0; i < locked.size(); i++) {
            if (locked.get(i).publisher().kind().equals(now.kind())) {
                return i;
            }
        }
        return 0;
    }

    /** Which of two failing matches to report: the most specific explanation first. */
    private static int rank(IdentityMatch m) {
        if (m instanceof Locked) {
            return 0;
        }
        if (m instanceof Recreated) {
            return 1;
        }
        return m instanceof OtherKind ? 2 : 3;
    }
}
