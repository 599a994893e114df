package dev.pylocktrust.lock;

import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.List;
import java.util.Objects;

/**
 * One file of a package about to be locked, with what checking its provenance found: the input of {@link TofuRules}.
 *
 * @param filename the file's name as the index serves it
 * @param sha256 lower-case hex
 * @param verdict what its provenance says
 */
public record CheckedFile(String filename, String sha256, Verdict verdict) {
    public CheckedFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The outcomes that matter to the trust rules. A failed lookup never gets here: it stops the run (exit 3). */
    public sealed interface Verdict {}

    /** Every attestation verified; these are the identities of the bundles that verified (never empty). */
    public record Verified(List<VerifiedIdentity> identities) implements Verdict {
        public Verified {
            identities = List.copyOf(identities);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("a verified file has at least one identity");
            }
        }
    }

    /** The index states that the file has no provenance. */
    public record NoProvenance(String why) implements Verdict {}

    /** The index does not serve provenance at all: nothing is known. */
    public record ProvenanceUnknown(String why) implements Verdict {}

    /** Provenance exists and does not verify. */
    public record Invalid(String reason) implements Verdict {}

    /** No file with this sha256 is on the index. */
    public record NotOnIndex(String why) implements Verdict {}

    public boolean isVerified() {
        return verdict instanceof Verified;
    }

    /** The verified identities, or an empty list. */
    public List<VerifiedIdentity> identities() {
        return verdict instanceof Verified v ? v.identities() : List.of();
    }
}
