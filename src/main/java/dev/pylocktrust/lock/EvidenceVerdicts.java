package dev.pylocktrust.lock;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.gather.FileEvidence;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns gathered evidence into the trust rules' input ({@link CheckedFile}) and the per-file record written to
 * {@code [packages.tool.pylock-trust]}. A failed lookup has no verdict: {@link #check} throws its error, so a
 * network problem never becomes "no provenance".
 */
final class EvidenceVerdicts {
    private EvidenceVerdicts() {}

    /**
     * @throws dev.pylocktrust.PylockTrustException the lookup's own error for {@link FileEvidence.LookupFailed}
     */
    static CheckedFile check(FileEvidence e) {
        String sha = e.request().sha256();
        if (e instanceof FileEvidence.Attested a) {
            return new CheckedFile(a.file().filename(), sha, new CheckedFile.Verified(a.identities()));
        }
        if (e instanceof FileEvidence.NoProvenance n) {
            return new CheckedFile(n.file().filename(), sha, new CheckedFile.NoProvenance(n.why()));
        }
        if (e instanceof FileEvidence.ProvenanceUnsupported u) {
            return new CheckedFile(u.file().filename(), sha, new CheckedFile.ProvenanceUnknown(u.why()));
        }
        if (e instanceof FileEvidence.Invalid i) {
            return new CheckedFile(i.file().filename(), sha, new CheckedFile.Invalid(i.reason()));
        }
        if (e instanceof FileEvidence.NotOnIndex n) {
            return new CheckedFile(n.request().lockedFilename(), sha, new CheckedFile.NotOnIndex(n.why()));
        }
        throw ((FileEvidence.LookupFailed) e).error();
    }

    /**
     * The record of a file that passed (verified, or without provenance). Nothing is recorded for the other
     * outcomes: they refuse the lock.
     *
     * @throws NetworkException if the index's filename cannot be recorded (it is not a single safe file name)
     */
    static Optional<FileAttestationRecord> record(FileEvidence e) {
        try {
            if (e instanceof FileEvidence.Attested a) {
                return Optional.of(verified(a));
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

    private static FileAttestationRecord verified(FileEvidence.Attested a) {
        // The first attestation whose certificate matched a publisher: its log entry and signed ids are recorded.
        VerifiedAttestation first = a.attestations().stream().filter(v -> v.identity().isPresent()).findFirst()
                .orElse(a.attestations().get(0));
        Optional<VerifiedIdentity> id = first.identity().or(() -> a.identities().stream().findFirst());
        return new FileAttestationRecord(a.file().filename(), a.request().sha256(),
                FileAttestationRecord.Status.VERIFIED, OptionalLong.of(first.logIndex()), first.integratedTime(),
                id.flatMap(VerifiedIdentity::repositoryId), id.flatMap(VerifiedIdentity::ownerId));
    }
}
