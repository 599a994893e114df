package dev.pylocktrust.verify;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.report.VerifyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A package's {@code [[packages.attestation-identities]]} as {@link Publisher}s, the form {@code attest} compares
 * with {@link Publisher#sameIdentity}: one equality rule for {@code lock} and {@code verify}.
 */
final class LockedIdentities {
    private LockedIdentities() {}

    /**
     * The package's locked identities.
     *
     * @throws UsageException naming the file and line of an identity that is not a valid publisher (a GitHub identity
     *     without {@code workflow}, say): a lock that cannot be checked is an input error, never a pass
     */
    static List<Publisher> of(ParsedLockfile parsed, LockedPackage p) {
        List<Publisher> out = new ArrayList<>();
        for (AttestationIdentity id : p.attestationIdentities()) {
            try {
                out.add(Publisher.fromTable(id.fields().entries()));
            } catch (IllegalArgumentException e) {
                OptionalInt line = parsed.sourceMap().lineOf(id);
                throw new UsageException(parsed.file() + (line.isPresent() ? ":" + line.getAsInt() : "")
                        + ": package " + p.name() + ": attestation identity is not a valid publisher: "
                        + e.getMessage(), "fix the identity (as PyPI's provenance 'publisher' object spells it), or "
                        + "re-lock with pylock-trust lock");
            }
        }
        return out;
    }

    static VerifyReport.Identity view(Publisher p) {
        return new VerifyReport.Identity(p.describe(), p.toIdentityTable());
    }
}
