package dev.pylocktrust.lock;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.gather.FileEvidence;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The per-file record written to {@code [packages.tool.pylock-trust]} from gathered evidence. */
final class EvidenceVerdicts {
    private EvidenceVerdicts() {}

    /**
     * The record of a file that passed (verified, or without provenance). Nothing is recorded for the other
     * outcomes: they refuse the lock.
     *
     * @param signer for a verified file, the identity that attests it (as recorded)
     * @param position the 1-based position of {@code signer} among the recorded identities
     * @throws NetworkException if the index's filename cannot be recorded (it is not a single safe file name)
     */
    static Optional<FileAttestationRecord> record(FileEvidence e, Optional<Publisher> signer, OptionalInt position) {
        try {
            if (e instanceof FileEvidence.Attested a) {
                return Optional.of(verified(a, signer).withIdentity(position));
            }
            if (e instanceof FileEvidence.NoProvenance n) {
                return Optional.of(FileAttestationRecord.noProvenance(n.file().filename(), e.request().sha256()));
            }
            if (e instanceof FileEvidence.ProvenanceUnsupported u) {
                return Optional.of(new FileAttestationRecord(u.file().filename(), e.request().sha256(),
                        FileAttestationRecord.Status.PROVENANCE_UNKNOWN, OptionalLong.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
            return Optional.empty();
        } catch (IllegalArgumentException ex) {
            throw new NetworkException("the index lists a file name that cannot be recorded for sha256 "
                    + e.request().sha256() + ": " + ex.getMessage());
        }
    }

    /** The log entry and signed ids of the attestation by the recorded signer (else the first that verified). */
    private static FileAttestationRecord verified(FileEvidence.Attested a, Optional<Publisher> signer) {
        VerifiedAttestation chosen = a.attestations().stream()
                .filter(v -> v.identity().isPresent() && signer.isPresent()
                        && v.identity().get().publisher().sameIdentity(signer.get()))
                .findFirst()
                .or(() -> a.attestations().stream().filter(v -> v.identity().isPresent()).findFirst())
                .orElse(a.attestations().get(0));
        var id = chosen.identity().or(() -> a.identities().stream().findFirst());
        return new FileAttestationRecord(a.file().filename(), a.request().sha256(),
                FileAttestationRecord.Status.VERIFIED, OptionalLong.of(chosen.logIndex()), chosen.integratedTime(),
                id.flatMap(v -> v.repositoryId()), id.flatMap(v -> v.ownerId()));
    }
}
