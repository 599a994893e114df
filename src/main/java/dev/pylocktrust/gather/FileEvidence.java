package dev.pylocktrust.gather;

import dev.pylocktrust.PylockTrustException;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.index.IndexFile;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one file's publisher. Exactly one of six outcomes; callers switch over them exhaustively,
 * so a new outcome cannot be silently treated as a pass.
 */
public sealed interface FileEvidence {

    /** The request this evidence answers. */
    FileRequest request();

    /** The file as the index lists it, for the outcomes that found it there. */
    default java.util.Optional<IndexFile> indexFile() {
        if (this instanceof Attested a) {
            return java.util.Optional.of(a.file());
        }
        if (this instanceof NoProvenance n) {
            return java.util.Optional.of(n.file());
        }
        if (this instanceof ProvenanceUnsupported u) {
            return java.util.Optional.of(u.file());
        }
        if (this instanceof Invalid i) {
            return java.util.Optional.of(i.file());
        }
        return java.util.Optional.empty();
    }

    /**
     * Every attestation in the file's provenance verified, and at least one bundle's publisher matches its
     * certificates.
     *
     * @param file the file as the index lists it (its filename is the one that was checked)
     * @param identities the verified identities, one per bundle that verified
     * @param attestations the verified attestations (log index, times, signed claims), in document order
     * @param fromCache whether the provenance bytes came from the on-disk cache (they were verified all the same)
     */
    record Attested(FileRequest request, IndexFile file, List<VerifiedIdentity> identities,
                    List<VerifiedAttestation> attestations, boolean fromCache) implements FileEvidence {
        public Attested {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(file, "file");
            identities = List.copyOf(identities);
            attestations = List.copyOf(attestations);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("attested evidence needs at least one verified identity");
            }
        }
    }

    /** The index states that the file has no provenance. */
    record NoProvenance(FileRequest request, IndexFile file, String why) implements FileEvidence {}

    /** The index does not serve provenance at all (old API, stripped mirror); nothing is known. */
    record ProvenanceUnsupported(FileRequest request, IndexFile file, String why) implements FileEvidence {}

    /**
     * Provenance exists but does not hold: what the index served is not provenance (not JSON, over the size cap, a
     * forbidden URL), is malformed, or an attestation was rejected (signature, subject, digest, publisher not matching
     * the certificate, ...). A trust failure.
     *
     * @param result the per-attestation verdicts, when the document parsed at all
     */
    record Invalid(FileRequest request, IndexFile file, String reason, java.util.Optional<ProvenanceResult> result)
            implements FileEvidence {}

    /** No file with the locked sha256 is listed on the index's page for the project. A trust failure. */
    record NotOnIndex(FileRequest request, String why) implements FileEvidence {}

    /**
     * The index could not be asked (transport failure, 5xx after retries, a non-200 answer, offline cache miss).
     * Nothing was decided: exit 3, never a pass.
     */
    record LookupFailed(FileRequest request, PylockTrustException error) implements FileEvidence {}
}
