package dev.pylocktrust.diff;

import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.SignedIds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * One thing that changed between BASE and HEAD. Each kind is a record of plain values (the lockfile's own objects
 * and strings, never rendered text); {@code headLine} is the line in HEAD where a reviewer should look (the new
 * identity, the changed file, the package entry), empty when the thing is not in HEAD (a removed package) or the
 * position is unknown.
 */
public sealed interface Change {

    Risk risk();

    /** The normalized package name, or empty for a change to the whole lockfile. */
    String packageName();

    OptionalInt headLine();

    /** Sorts first within its rank when negative (unapproved identity changes, downgrades). */
    default int priority() {
        return 0;
    }

    // ---- rank 1 ----

    /**
     * A change of who publishes a package that HEAD's policy may approve: every identity it adds needs an approval of
     * its own, and unapproved ones sort first.
     */
    sealed interface IdentityAddition extends Change permits IdentityChanged, IdentityAmbiguous {
        /** The identities the change adds, each with the approval found for it. */
        List<AddedIdentity> additions();

        /** True when HEAD's policy approves every added identity. */
        default boolean approved() {
            return additions().stream().allMatch(a -> a.approval().isPresent());
        }

        @Override
        default Risk risk() {
            return Risk.IDENTITY;
        }

        @Override
        default int priority() {
            return approved() ? 0 : -1;
        }
    }

    /**
     * HEAD records a publisher identity for the package that BASE did not (identities compare with the same rule as
     * {@code lock}: {@code Publisher.sameIdentity}).
     *
     * @param before BASE's identities for the package
     * @param after HEAD's identities for the package
     * @param added identities in HEAD that match none in BASE, with the approval found for each
     * @param removed identities in BASE that match none in HEAD
     */
    record IdentityChanged(String packageName, Optional<String> version, List<AttestationIdentity> before,
                           List<AttestationIdentity> after, List<AddedIdentity> added,
                           List<AttestationIdentity> removed, OptionalInt headLine) implements IdentityAddition {
        public IdentityChanged {
            before = List.copyOf(before);
            after = List.copyOf(after);
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            if (added.isEmpty()) {
                throw new IllegalArgumentException("an identity change adds at least one identity");
            }
        }

        @Override
        public List<AddedIdentity> additions() {
            return added;
        }
    }

    /**
     * An identity HEAD holds a package to that BASE does not: another identity, or BASE's names with other signed ids.
     *
     * @param approval the {@code [[tool.pylock-trust.approved-identity-changes]]} entry in HEAD that approves exactly
     *     this transition, if any
     * @param recreated the names are BASE's, the signed repository or owner ids are not ({@code toIds})
     * @param fromIds the ids BASE records
     * @param toIds the ids HEAD records
     */
    record AddedIdentity(AttestationIdentity identity, Optional<ApprovedIdentityChange> approval, boolean recreated,
                         SignedIds fromIds, SignedIds toIds) {
        public AddedIdentity {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(approval, "approval");
            Objects.requireNonNull(fromIds, "fromIds");
            Objects.requireNonNull(toIds, "toIds");
        }

        /** An identity other than BASE's, with no ids compared. */
        public AddedIdentity(AttestationIdentity identity, Optional<ApprovedIdentityChange> approval) {
            this(identity, approval, false, SignedIds.NONE, SignedIds.NONE);
        }
    }

    /**
     * At first use (BASE holds no identity for the package), HEAD records several identities for one file, or
     * identities of different repositories for one release: {@code lock} refuses that unless approved.
     *
     * @param identities HEAD's identities for the package
     * @param pairs each second identity, with the approval found for it
     */
    record IdentityAmbiguous(String packageName, Optional<String> version, List<AttestationIdentity> identities,
                             List<AddedIdentity> pairs, OptionalInt headLine) implements IdentityAddition {
        public IdentityAmbiguous {
            identities = List.copyOf(identities);
            pairs = List.copyOf(pairs);
        }

        @Override
        public List<AddedIdentity> additions() {
            return pairs;
        }
    }

    /**
     * The same file (same package, version and filename) with different hashes: a changed value, or an algorithm added
     * or removed (installers accept a file when any one of its hashes matches, so every hash stands for the bytes).
     */
    record HashChanged(String packageName, String version, List<FileHashes> files, OptionalInt headLine)
            implements Change {
        public HashChanged {
            files = List.copyOf(files);
        }

        @Override
        public Risk risk() {
            return Risk.IDENTITY;
        }

        @Override
        public int priority() {
            return -1;
        }
    }

    /** @param comparable false when the two entries share no hash algorithm, so nothing could be compared */
    record FileHashes(String filename, SortedMap<String, String> base, SortedMap<String, String> head,
                      boolean comparable) {}

    // ---- rank 2 ----

    /**
     * Files of an attested package that HEAD does not hold to an identity: HEAD records no identity for the package
     * at all, records files without (valid) provenance, or makes it a source that carries none; or a package HEAD
     * requires to be attested is not.
     *
     * @param code what the policy found: {@code attestation-missing} (or {@code -allowed}),
     *     {@code provenance-unsupported}, {@code attestation-required} or {@code unverifiable-source}
     * @param baseIdentities what BASE recorded
     * @param files the files concerned (empty: the package as a whole)
     * @param allowedUnattested HEAD's policy lists the package in {@code allow-unattested}
     */
    record AttestationsLost(String packageName, FindingCode code, Optional<String> baseVersion,
                            Optional<String> headVersion, List<AttestationIdentity> baseIdentities,
                            List<LostFile> files, boolean allowedUnattested, OptionalInt headLine)
            implements Change {
        public AttestationsLost {
            baseIdentities = List.copyOf(baseIdentities);
            files = List.copyOf(files);
        }

        @Override
        public Risk risk() {
            return Risk.ATTESTATION;
        }

        @Override
        public int priority() {
            return allowedUnattested ? 0 : -1;
        }
    }

    /**
     * A HEAD file that is not held to an identity.
     *
     * @param baseFilename its BASE counterpart (same file, or the same kind of file of the previous version), or empty
     * @param headStatus what HEAD says about it, e.g. {@code no-provenance}
     */
    record LostFile(String filename, String baseFilename, String headStatus) {}

    /**
     * HEAD contradicts itself about a package (records of verified files without identities, a record that matches no
     * file, a file without a record, an identity that signs no recorded file): a hand edit that weakens the anchor.
     *
     * @param finding what the policy found, worded
     */
    record Inconsistent(String packageName, Finding finding, OptionalInt headLine) implements Change {
        @Override
        public Risk risk() {
            return Risk.ATTESTATION;
        }

        @Override
        public int priority() {
            return -1;
        }
    }

    // ---- rank 3 ----


    /**
     * Files in HEAD that come from a host none of the package's BASE files came from (a file that moved, or a new
     * file from a new place).
     *
     * @param baseOrigins where BASE's files came from ({@code https://host}, or {@code local path})
     */
    record FilesFromNewHost(String packageName, Optional<String> version, List<String> baseOrigins,
                            List<MovedFile> files, OptionalInt headLine) implements Change {
        public FilesFromNewHost {
            baseOrigins = List.copyOf(baseOrigins);
            files = List.copyOf(files);
        }

        @Override
        public Risk risk() {
            return Risk.INTEGRITY;
        }
    }

    /**
     * @param baseLocation where BASE had this same file, if it did (URL with credentials redacted, or path)
     * @param headLocation where HEAD has it
     */
    record MovedFile(String filename, Optional<String> baseLocation, String headLocation, String headOrigin) {}

    /** The package's {@code index} changed from one URL to another (both present; a trailing slash does not count). */
    record IndexChanged(String packageName, String from, String to, OptionalInt headLine)
            implements Change {
        @Override
        public Risk risk() {
            return Risk.INTEGRITY;
        }
    }

    /**
     * The package's source changed in a way that is not a version or file change: its kind (index files, vcs,
     * directory, archive), or a key of a vcs/archive/directory table. Rank 3 when it moves the source to another host
     * or changes an archive's hash for the same URL, else rank 5.
     *
     * @param what e.g. {@code source}, {@code vcs url}, {@code vcs commit-id}, {@code archive hashes}
     */
    record SourceChanged(String packageName, String what, String from, String to, Risk risk, OptionalInt headLine)
            implements Change {
        public SourceChanged {
            if (risk != Risk.INTEGRITY && risk != Risk.ROUTINE) {
                throw new IllegalArgumentException("a source change is rank 3 or 5");
            }
        }
    }

    // ---- rank 4 ----

    /**
     * A package only HEAD has.
     *
     * @param source {@code index}, {@code vcs}, {@code directory} or {@code archive}
     * @param allowedUnattested HEAD's policy lists it in {@code allow-unattested}
     */
    record PackageAdded(String packageName, Optional<String> version, String source,
                        List<AttestationIdentity> identities, boolean allowedUnattested, OptionalInt headLine)
            implements Change {
        public PackageAdded {
            identities = List.copyOf(identities);
        }

        public boolean attested() {
            return !identities.isEmpty();
        }

        @Override
        public Risk risk() {
            return Risk.MEMBERSHIP;
        }

        @Override
        public int priority() {
            return attested() || allowedUnattested ? 0 : -1;
        }
    }

    /** A package only BASE has. */
    record PackageRemoved(String packageName, Optional<String> version, List<AttestationIdentity> identities)
            implements Change {
        public PackageRemoved {
            identities = List.copyOf(identities);
        }

        @Override
        public Risk risk() {
            return Risk.MEMBERSHIP;
        }

        @Override
        public OptionalInt headLine() {
            return OptionalInt.empty();
        }
    }

    /** BASE recorded no identity for the package, HEAD does: from now on this publisher is trusted (first use). */
    record IdentitiesFirstRecorded(String packageName, Optional<String> version, List<AttestationIdentity> identities,
                                   OptionalInt headLine) implements Change {
        public IdentitiesFirstRecorded {
            identities = List.copyOf(identities);
        }

        @Override
        public Risk risk() {
            return Risk.MEMBERSHIP;
        }
    }

    // ---- rank 5 ----

    /** The version changed; a downgrade is flagged. */
    record VersionChanged(String packageName, String from, String to, boolean downgrade, OptionalInt headLine)
            implements Change {
        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }

        @Override
        public int priority() {
            return downgrade ? -1 : 0;
        }
    }

    /**
     * Files added or removed within the same version, or moved to another URL on the same host.
     *
     * @param relocated files whose URL or path changed but whose host did not
     */
    record FilesChanged(String packageName, String version, List<String> added, List<String> removed,
                        List<String> relocated, OptionalInt headLine) implements Change {
        public FilesChanged {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            relocated = List.copyOf(relocated);
        }

        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }
    }

    record MarkerChanged(String packageName, Optional<String> from, Optional<String> to, OptionalInt headLine)
            implements Change {
        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }
    }

    /** {@code requires-python} of a package, or of the whole lockfile when {@code packageName} is empty. */
    record RequiresPythonChanged(String packageName, Optional<String> from, Optional<String> to,
                                 OptionalInt headLine) implements Change {
        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }
    }

    /** The lockfile's {@code environments}. */
    record EnvironmentsChanged(Optional<List<String>> from, Optional<List<String>> to) implements Change {
        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }

        @Override
        public String packageName() {
            return "";
        }

        @Override
        public OptionalInt headLine() {
            return OptionalInt.empty();
        }
    }

    /** HEAD no longer records some of BASE's identities but still records others (fewer publishers accepted). */
    record IdentitiesRemoved(String packageName, Optional<String> version, List<AttestationIdentity> removed,
                             List<AttestationIdentity> remaining, OptionalInt headLine) implements Change {
        public IdentitiesRemoved {
            removed = List.copyOf(removed);
            remaining = List.copyOf(remaining);
        }

        @Override
        public Risk risk() {
            return Risk.ROUTINE;
        }
    }

    // ---- rank 6 ----

    /**
     * A change to {@code [tool.pylock-trust]}.
     *
     * @param approval the approval added or removed, for {@link PolicyChangeKind#APPROVAL_ADDED} and
     *     {@link PolicyChangeKind#APPROVAL_REMOVED}
     */
    record PolicyChanged(PolicyChangeKind kind, String packageName, Optional<ApprovedIdentityChange> approval,
                         OptionalInt headLine) implements Change {
        @Override
        public Risk risk() {
            return Risk.POLICY;
        }

        @Override
        public int priority() {
            return kind.weakens() ? -1 : 0;
        }
    }

    /** What changed in the policy. */
    enum PolicyChangeKind {
        APPROVAL_ADDED(true),
        APPROVAL_REMOVED(false),
        ALLOW_UNATTESTED_ADDED(true),
        ALLOW_UNATTESTED_REMOVED(false),
        REQUIRE_ATTESTATIONS_ADDED(false),
        REQUIRE_ATTESTATIONS_REMOVED(true);

        private final boolean weakens;

        PolicyChangeKind(boolean weakens) {
            this.weakens = weakens;
        }

        /** True when HEAD accepts more than BASE because of this change. */
        public boolean weakens() {
            return weakens;
        }
    }
}
