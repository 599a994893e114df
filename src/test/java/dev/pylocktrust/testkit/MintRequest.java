package dev.pylocktrust.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to mint: a distribution file (name and sha256), the identity that signs it, the predicate type, optional extra
 * statement subjects and {@link Fault}s. Immutable; start with {@link #of} or {@link #forContent} and refine with the
 * {@code with*} methods.
 *
 * @param filename the statement's (first) subject name; not validated, so tests can mint odd names on purpose
 * @param sha256Hex the subject's {@code digest.sha256}, written verbatim
 * @param signedAt when the certificate is issued (its notBefore); {@code null} means the Sigstore's clock
 */
public record MintRequest(
        String filename,
        String sha256Hex,
        TestIdentity identity,
        PredicateType predicateType,
        List<Subject> extraSubjects,
        Set<Fault> faults,
        Instant signedAt) {

    /** An additional in-toto subject. */
    public record Subject(String name, String sha256Hex) {
        public Subject {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256Hex, "sha256Hex");
        }
    }

    public MintRequest {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(predicateType, "predicateType");
        extraSubjects = List.copyOf(extraSubjects);
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    }

    /** A publish/v1 attestation of {@code filename} with digest {@code sha256Hex}, no faults. */
    public static MintRequest of(String filename, String sha256Hex, TestIdentity identity) {
        return new MintRequest(filename, sha256Hex, identity, PredicateType.PUBLISH_V1, List.of(), Set.of(), null);
    }

    /** Like {@link #of} with the sha256 of {@code content}. */
    public static MintRequest forContent(String filename, byte[] content, TestIdentity identity) {
        return of(filename, HexFormat.of().formatHex(EcKey.sha256(content)), identity);
    }

    public MintRequest withPredicateType(PredicateType newPredicateType) {
        return new MintRequest(filename, sha256Hex, identity, newPredicateType, extraSubjects, faults, signedAt);
    }

    /** Shorthand for {@code withPredicateType(PredicateType.SLSA_V1)}. */
    public MintRequest slsa() {
        return withPredicateType(PredicateType.SLSA_V1);
    }

    public MintRequest withExtraSubject(String name, String subjectSha256Hex) {
        List<Subject> subjects = new ArrayList<>(extraSubjects);
        subjects.add(new Subject(name, subjectSha256Hex));
        return new MintRequest(filename, sha256Hex, identity, predicateType, subjects, faults, signedAt);
    }

    /** Adds {@code more} to the faults already requested. */
    public MintRequest withFaults(Fault... more) {
        EnumSet<Fault> all = EnumSet.noneOf(Fault.class);
        all.addAll(faults);
        all.addAll(List.of(more));
        return new MintRequest(filename, sha256Hex, identity, predicateType, extraSubjects, all, signedAt);
    }

    public MintRequest withIdentity(TestIdentity newIdentity) {
        return new MintRequest(filename, sha256Hex, newIdentity, predicateType, extraSubjects, faults, signedAt);
    }

    /** Issues the certificate at {@code instant} instead of the Sigstore clock's time. */
    public MintRequest signedAt(Instant instant) {
        return new MintRequest(filename, sha256Hex, identity, predicateType, extraSubjects, faults, instant);
    }

    public boolean has(Fault fault) {
        return faults.contains(fault);
    }
}
