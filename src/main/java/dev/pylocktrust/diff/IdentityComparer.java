package dev.pylocktrust.diff;

import dev.pylocktrust.diff.Change.AddedIdentity;
import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.SourceMap;
import dev.pylocktrust.lock.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Compares the {@code attestation-identities} of a BASE entry and its HEAD continuation, and looks up approvals in
 * HEAD's policy. An approval counts only for the exact transition: its {@code package} is this package, its
 * {@code from} is one of BASE's identities and its {@code to} is the new identity (same identity rule as
 * {@code lock}). An approval written for another transition approves nothing.
 */
final class IdentityComparer {
    private IdentityComparer() {}

    static Optional<Change> compare(LockedPackage base, LockedPackage head, TrustPolicy headPolicy, SourceMap headMap) {
        List<IdentityView> before = IdentityView.of(base.attestationIdentities());
        List<IdentityView> after = IdentityView.of(head.attestationIdentities());
        String name = head.name();
        OptionalInt packageLine = headMap.lineOf(head);
        if (before.isEmpty() && after.isEmpty()) {
            return Optional.empty();
        }
        if (before.isEmpty()) {
            return Optional.of(new Change.IdentitiesFirstRecorded(name, head.version(), head.attestationIdentities(),
                    firstLine(headMap, head.attestationIdentities(), packageLine)));
        }
        if (after.isEmpty()) {
            return Optional.of(new Change.AttestationsLost(name, base.version(), head.version(),
                    base.attestationIdentities(), List.of(), headPolicy.allowUnattested().contains(name),
                    packageLine));
        }
        List<AddedIdentity> added = new ArrayList<>();
        List<AttestationIdentity> addedRaw = new ArrayList<>();
        for (IdentityView a : after) {
            if (!a.sameAsAny(before)) {
                added.add(new AddedIdentity(a.raw(), approval(name, before, a, headPolicy)));
                addedRaw.add(a.raw());
            }
        }
        List<AttestationIdentity> removed = before.stream().filter(b -> !b.sameAsAny(after))
                .map(IdentityView::raw).toList();
        if (!added.isEmpty()) {
            return Optional.of(new Change.IdentityChanged(name, head.version(), base.attestationIdentities(),
                    head.attestationIdentities(), added, removed, firstLine(headMap, addedRaw, packageLine)));
        }
        if (!removed.isEmpty()) {
            return Optional.of(new Change.IdentitiesRemoved(name, head.version(), removed,
                    head.attestationIdentities(), packageLine));
        }
        return Optional.empty();
    }

    static Optional<ApprovedIdentityChange> approval(String name, List<IdentityView> before, IdentityView to,
            TrustPolicy policy) {
        return policy.approvedIdentityChanges().stream()
                .filter(c -> c.packageName().equals(name))
                .filter(c -> IdentityView.of(c.to()).same(to))
                .filter(c -> IdentityView.of(c.from()).sameAsAny(before))
                .findFirst();
    }

    private static OptionalInt firstLine(SourceMap map, List<AttestationIdentity> ids, OptionalInt fallback) {
        for (AttestationIdentity id : ids) {
            OptionalInt line = map.lineOf(id);
            if (line.isPresent()) {
                return line;
            }
        }
        return fallback;
    }
}
