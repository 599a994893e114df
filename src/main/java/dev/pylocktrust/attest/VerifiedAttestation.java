package dev.pylocktrust.attest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified attestation proves.
 *
 * @param predicateType PyPI publish v1 or SLSA provenance v1
 * @param subject the signed subject (name as signed, sha256)
 * @param claims the certificate's identity claims (SAN, issuer, repository, workflow, ref, ids ...)
 * @param logIndex the transparency log index of the entry
 * @param integratedTime the log's integrated time, authenticated by its signed entry timestamp; empty for Rekor v2
 *     entries, which carry no integrated time
 * @param timestampTimes the times of the verified RFC 3161 timestamps, if any
 * @param identity the publisher identity the certificate matched; empty when no publisher was asserted (a bare
 *     attestation), in which case only the signature and the signer's claims were verified
 * @param distributionChecked whether the subject was checked against a distribution's filename and sha256
 */
public record VerifiedAttestation(String predicateType, InTotoStatement.Subject subject, CertificateClaims claims,
                                  long logIndex, Optional<Instant> integratedTime, List<Instant> timestampTimes,
                                  Optional<VerifiedIdentity> identity, boolean distributionChecked) {
    public VerifiedAttestation {
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(claims, "claims");
        timestampTimes = List.copyOf(timestampTimes);
        if (integratedTime.isEmpty() && timestampTimes.isEmpty()) {
            throw new IllegalArgumentException("a verified attestation has a signed time");
        }
    }

    /** The signing time: the integrated time, else the earliest RFC 3161 time. */
    public Instant signedTime() {
        return integratedTime.orElseGet(() -> timestampTimes.stream().min(Instant::compareTo).orElseThrow());
    }
}
