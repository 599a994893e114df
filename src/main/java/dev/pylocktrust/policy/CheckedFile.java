package dev.pylocktrust.policy;

import dev.pylocktrust.attest.VerifiedIdentity;
import java.util.List;
import java.util.Objects;

/**
 * One file of a package with what its provenance says: the rules' input.
 *
 * @param filename the file's name (as the lock or the index spells it)
 * @param sha256 lower-case hex
 * @param evidence what its provenance says
 */
public record CheckedFile(String filename, String sha256, Evidence evidence) {
    public CheckedFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(evidence, "evidence");
    }

    public FileKind kind() {
        return FileKind.of(filename);
    }

    /** The verified identities, or an empty list. */
    public List<VerifiedIdentity> identities() {
        return evidence instanceof Evidence.Attested a ? a.identities() : List.of();
    }

    /** No provenance, or an index that serves none. */
    public boolean unattested() {
        return evidence instanceof Evidence.NoProvenance || evidence instanceof Evidence.ProvenanceUnsupported;
    }
}
