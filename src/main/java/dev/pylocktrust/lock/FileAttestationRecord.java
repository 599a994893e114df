package dev.pylocktrust.lock;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What pylock-trust found when it checked one file's attestations, kept in {@code [packages.tool.pylock-trust]}
 * for reviewers and auditors. Installers never need it, and no trust decision rests on it alone: the decision
 * input is {@code attestation-identities}.
 *
 * @param filename the file's name as the index serves it (may differ in spelling from the lock's {@code name})
 * @param sha256 the file's digest; equals the sha256 of one of the package's files
 * @param status what was found
 * @param logIndex the transparency log index of the verified attestation
 * @param integratedTime when the log integrated it
 * @param repositoryId the signed source repository id (Fulcio OID 1.3.6.1.4.1.57264.1.15), e.g. GitHub's numeric id
 * @param repositoryOwnerId the signed repository owner id (Fulcio OID 1.3.6.1.4.1.57264.1.17)
 * @param identity for a verified file: the 1-based position, in the package entry's {@code attestation-identities},
 *     of the identity that signed it (so the lock shows which identity signs which kind of file)
 */
public record FileAttestationRecord(
        String filename,
        String sha256,
        Status status,
        OptionalLong logIndex,
        Optional<Instant> integratedTime,
        Optional<String> repositoryId,
        Optional<String> repositoryOwnerId,
        OptionalInt identity) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The outcome for one file. */
    public enum Status {
        /** At least one attestation verified and its publisher is recorded in attestation-identities. */
        VERIFIED("verified"),
        /** The index publishes no provenance for this file. */
        NO_PROVENANCE("no-provenance"),
        /** Provenance exists but did not verify. */
        FAILED("failed"),
        /** The index does not serve provenance at all (a mirror older than PEP 740): nothing is known. */
        PROVENANCE_UNKNOWN("provenance-unknown");

        private final String tomlValue;

        Status(String tomlValue) {
            this.tomlValue = tomlValue;
        }

        /** The string written to the lock file. */
        public String tomlValue() {
            return tomlValue;
        }

        public static Optional<Status> fromToml(String value) {
            return Arrays.stream(values()).filter(s -> s.tomlValue.equals(value)).findFirst();
        }
    }

    public FileAttestationRecord {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(logIndex, "logIndex");
        Objects.requireNonNull(integratedTime, "integratedTime");
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(repositoryOwnerId, "repositoryOwnerId");
        Objects.requireNonNull(identity, "identity");
        DistFilenames.checkSafe(filename).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
        if (logIndex.isPresent() && logIndex.getAsLong() < 0) {
            throw new IllegalArgumentException("log index must not be negative");
        }
        if (identity.isPresent() && (identity.getAsInt() < 1 || status != Status.VERIFIED)) {
            throw new IllegalArgumentException("identity is a position from 1, for verified files only");
        }
    }

    /** A record without the signing identity's position. */
    public FileAttestationRecord(String filename, String sha256, Status status, OptionalLong logIndex,
                                 Optional<Instant> integratedTime, Optional<String> repositoryId,
                                 Optional<String> repositoryOwnerId) {
        this(filename, sha256, status, logIndex, integratedTime, repositoryId, repositoryOwnerId, OptionalInt.empty());
    }

    /** This record with the signing identity's 1-based position. */
    public FileAttestationRecord withIdentity(OptionalInt position) {
        return new FileAttestationRecord(filename, sha256, status, logIndex, integratedTime, repositoryId,
                repositoryOwnerId, position);
    }

    /** A file for which the index has no provenance. */
    public static FileAttestationRecord noProvenance(String filename, String sha256) {
        return new FileAttestationRecord(filename, sha256, Status.NO_PROVENANCE, OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
