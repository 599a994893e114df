package dev.pylocktrust.policy;

import dev.pylocktrust.attest.Publisher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What a lock says about one package name: the expectation evidence is held to. For {@code verify} it is the lock
 * being verified; for {@code lock}, the earlier lock (the trust-on-first-use anchor); for {@code diff}, BASE.
 *
 * @param name normalized package name
 * @param known the lock has the package at all (with or without identities)
 * @param identities the locked identities (empty: nothing anchors the package)
 * @param files the locked files, for hash changes
 * @param rules what the policy says about the package
 * @param location where the package is in that lock, for findings
 */
public record Expectation(String name, boolean known, List<LockedIdentity> identities, List<PriorFile> files,
                          PackageRules rules, Optional<SourceLocation> location) {
    public Expectation {
        Objects.requireNonNull(name, "name");
        identities = List.copyOf(identities);
        files = List.copyOf(files);
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(location, "location");
    }

    /** A package the lock does not have. */
    public static Expectation none(String name, PackageRules rules, Optional<SourceLocation> location) {
        return new Expectation(name, false, List.of(), List.of(), rules, location);
    }

    /** Whether locked identities anchor the package. */
    public boolean anchored() {
        return !identities.isEmpty();
    }

    /** The position of the first locked identity equal to {@code p} ({@link Publisher#sameIdentity}). */
    public OptionalInt indexOf(Publisher p) {
        for (int i = 0; i < identities.size(); i++) {
            if (identities.get(i).publisher().sameIdentity(p)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether the lock shows which identity signs which kind of file, and they differ (e.g. sdists from one workflow,
     * wheels from another): then each kind is held to its own identities.
     */
    public boolean showsSplit() {
        return identities.stream().anyMatch(i -> i.kinds().size() == 1)
                && identities.stream().map(LockedIdentity::kinds).distinct().count() > 1;
    }

    /** The locked identities that signed files of this kind, where the lock shows the split. */
    public List<LockedIdentity> signersOf(FileKind kind) {
        return identities.stream().filter(i -> i.kinds().contains(kind)).toList();
    }

    /** For people: {@code GitHub a/b (release.yml) or GitHub a/b (wheels.yml)}. */
    public String describeIdentities() {
        return describe(identities.stream().map(LockedIdentity::publisher).toList());
    }

    static String describe(List<Publisher> publishers) {
        return publishers.stream().map(Publisher::describe).collect(Collectors.joining(" or "));
    }
}
