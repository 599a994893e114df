package dev.pylocktrust.lock;

import dev.pylocktrust.python.PackageName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The reviewer-visible policy in {@code [tool.pylock-trust]}: which packages must be attested, which may be
 * installed without attestations, and which identity changes were approved. Unknown keys there are errors, so a
 * misspelt key cannot silently weaken the policy.
 *
 * @param requireAttestations packages that must have verified attestations even on first use
 * @param allowUnattested packages accepted without attestations (disjoint from requireAttestations)
 * @param approvedIdentityChanges approved changes, in the order written
 */
public record TrustPolicy(
        SortedSet<String> requireAttestations,
        SortedSet<String> allowUnattested,
        List<ApprovedIdentityChange> approvedIdentityChanges) {

    public static final TrustPolicy EMPTY = new TrustPolicy(new TreeSet<>(), new TreeSet<>(), List.of());

    public TrustPolicy {
        requireAttestations = names(requireAttestations, "requireAttestations");
        allowUnattested = names(allowUnattested, "allowUnattested");
        approvedIdentityChanges = List.copyOf(approvedIdentityChanges);
        Set<String> both = new TreeSet<>(requireAttestations);
        both.retainAll(allowUnattested);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("packages both required and allowed unattested: " + both);
        }
    }

    private static SortedSet<String> names(Set<String> in, String what) {
        Objects.requireNonNull(in, what);
        for (String name : in) {
            if (!PackageName.isNormalized(name)) {
                throw new IllegalArgumentException(what + ": package name is not normalized: " + name);
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(in));
    }

    public boolean isEmpty() {
        return requireAttestations.isEmpty() && allowUnattested.isEmpty() && approvedIdentityChanges.isEmpty();
    }

    /** This policy with one more approved change appended. */
    public TrustPolicy withApprovedChange(ApprovedIdentityChange change) {
        List<ApprovedIdentityChange> changes = new ArrayList<>(approvedIdentityChanges);
        changes.add(change);
        return new TrustPolicy(requireAttestations, allowUnattested, changes);
    }
}
