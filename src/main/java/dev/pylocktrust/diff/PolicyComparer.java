package dev.pylocktrust.diff;

import dev.pylocktrust.diff.Change.PolicyChangeKind;
import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.SourceMap;
import dev.pylocktrust.lock.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Changes to {@code [tool.pylock-trust]}: approvals, {@code allow-unattested} and {@code require-attestations}. */
final class PolicyComparer {
    private static final String TABLE = "tool.pylock-trust";

    private PolicyComparer() {}

    static List<Change> compare(TrustPolicy base, TrustPolicy head, SourceMap headMap) {
        List<Change> changes = new ArrayList<>();
        OptionalInt tableLine = headMap.lineOf(TABLE);
        for (ApprovedIdentityChange c : head.approvedIdentityChanges()) {
            if (!base.approvedIdentityChanges().contains(c)) {
                OptionalInt line = headMap.lineOf(c);
                changes.add(new Change.PolicyChanged(PolicyChangeKind.APPROVAL_ADDED, c.packageName(), Optional.of(c),
                        line.isPresent() ? line : tableLine));
            }
        }
        for (ApprovedIdentityChange c : base.approvedIdentityChanges()) {
            if (!head.approvedIdentityChanges().contains(c)) {
                changes.add(new Change.PolicyChanged(PolicyChangeKind.APPROVAL_REMOVED, c.packageName(),
                        Optional.of(c), tableLine));
            }
        }
        names(changes, base.allowUnattested(), head.allowUnattested(), PolicyChangeKind.ALLOW_UNATTESTED_ADDED,
                PolicyChangeKind.ALLOW_UNATTESTED_REMOVED, tableLine);
        names(changes, base.requireAttestations(), head.requireAttestations(),
                PolicyChangeKind.REQUIRE_ATTESTATIONS_ADDED, PolicyChangeKind.REQUIRE_ATTESTATIONS_REMOVED, tableLine);
        return changes;
    }

    private static void names(List<Change> out, Set<String> base, Set<String> head, PolicyChangeKind added,
            PolicyChangeKind removed, OptionalInt line) {
        for (String name : head) {
            if (!base.contains(name)) {
                out.add(new Change.PolicyChanged(added, name, Optional.empty(), line));
            }
        }
        for (String name : base) {
            if (!head.contains(name)) {
                out.add(new Change.PolicyChanged(removed, name, Optional.empty(), line));
            }
        }
    }
}
