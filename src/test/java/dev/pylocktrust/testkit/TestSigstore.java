package dev.pylocktrust.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private Sigstore for tests: a Fulcio-like CA, a CT log and a Rekor-like transparency log with real keys, real
 * signatures and a real Merkle tree, plus a matching {@code trusted_root.json}. It mints PEP 740 attestations that
 * verify through the production path (sigstore-java's {@code KeylessVerifier} plus pylock-trust's own checks) under
 * {@link #trustedRootJson()}, and fail under the public-good root.
 *
 * <p>Deterministic: the same seed and clock, and the same sequence of {@link #mint} calls, give the same keys and
 * byte-identical attestations (keys are derived from the seed, ECDSA nonces follow RFC 6979, JSON key order is fixed).
 *
 * <p>Usage:
 * <pre>{@code
 * TestSigstore sigstore = TestSigstore.create(42, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
 * Path root = sigstore.writeTrustedRoot(tempDir);
 * Minted minted = sigstore.mint(MintRequest.forContent("demo-1.0-py3-none-any.whl", wheelBytes,
 *         TestIdentity.github("octo/demo", "release.yml").withEnvironment("pypi")));
 * byte[] provenance = minted.provenanceJson();
 * }</pre>
 *
 * <p>Thread-safe: minting is serialised (the log is append-only).
 */
public final class TestSigstore {

    public static final String FULCIO_URL = "https://fulcio.sigstore.test";
    public static final String REKOR_URL = "https://rekor.sigstore.test";
    public static final String CT_LOG_URL = "https://ctfe.sigstore.test/test";
    /** Fulcio issues 10-minute certificates. */
    public static final Duration CERTIFICATE_VALIDITY = Duration.ofMinutes(10);
    /** The subject {@link Fault#TWO_SUBJECTS} adds. */
    public static final String EXTRA_SUBJECT_NAME = "evil-6.6.6.tar.gz";
    /** The predicate type {@link Fault#WRONG_PREDICATE_TYPE} writes. */
    public static final String WRONG_PREDICATE_TYPE = "https://slsa.dev/provenance/v0.2";
    /** How far {@link Fault#EXPIRED_AT_LOG_TIME} and {@link Fault#LOG_TIME_OUTSIDE_VALIDITY} move the log time. */
    public static final Duration LOG_TIME_SKEW = Duration.ofSeconds(60);

    private static final String REKOR_HOST = "rekor.sigstore.test";

    private final long seed;
    private final Clock clock;
    private final Instant validFrom;
    private final Instant validUntil;
    private final TestCa ca;
    private final TestCa untrustedCa;
    private final EcKey ctKey;
    private final EcKey rogueCtKey;
    private final EcKey rogueRekorKey;
    private final TestRekor rekor;
    private final TestRekor untrustedRekor;
    private final byte[] trustedRoot;
    private long mintCount;

    private TestSigstore(Builder builder) {
        this.seed = builder.seed;
        this.clock = builder.clock;
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        this.validFrom = today.minus(builder.validBefore);
        this.validUntil = today.plus(builder.validAfter);
        this.ca = TestCa.create(seed, "fulcio", validFrom, validUntil);
        this.untrustedCa = TestCa.create(seed, "untrusted-fulcio", validFrom, validUntil);
        this.ctKey = EcKey.derive(EcKey.Curve.P256, seed, "ctlog");
        this.rogueCtKey = EcKey.derive(EcKey.Curve.P256, seed, "rogue-ctlog");
        this.rogueRekorKey = EcKey.derive(EcKey.Curve.P256, seed, "rogue-rekor");
        long treeId = 1_000_000_000_000L + Math.floorMod(seed * 2_654_435_761L, 1_000_000_000L);
        this.rekor = new TestRekor(EcKey.derive(EcKey.Curve.P256, seed, "rekor"), REKOR_HOST, treeId, builder.logIndexOffset);
        this.untrustedRekor = new TestRekor(rogueRekorKey, REKOR_HOST, treeId + 1, builder.logIndexOffset);
        this.trustedRoot = TrustedRootJson.build(ca, rekor.key(), ctKey, validFrom, validUntil);
    }

    /** A test Sigstore with keys derived from {@code seed}; {@code clock} gives the default signing time. */
    public static TestSigstore create(long seed, Clock clock) {
        return builder(seed, clock).build();
    }

    public static Builder builder(long seed, Clock clock) {
        return new Builder(seed, clock);
    }

    /** Options beyond seed and clock. */
    public static final class Builder {
        private final long seed;
        private final Clock clock;
        private long logIndexOffset;
        private Duration validBefore = Duration.ofDays(5 * 365);
        private Duration validAfter = Duration.ofDays(10 * 365);

        private Builder(long seed, Clock clock) {
            this.seed = seed;
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * Added to every tree index to form the global {@code logIndex}, so that {@code logIndex} and
         * {@code inclusionProof.logIndex} differ as on Rekor's sharded log (default 0: they are equal).
         */
        public Builder logIndexOffset(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("log index offset must be >= 0, got " + offset);
            }
            this.logIndexOffset = offset;
            return this;
        }

        /**
         * The CA, CT log and Rekor key are valid from {@code before} ahead of the clock's day to {@code after} past it
         * (default 5 and 10 years); {@link MintRequest#signedAt} must fall inside.
         */
        public Builder validity(Duration before, Duration after) {
            this.validBefore = Objects.requireNonNull(before, "before");
            this.validAfter = Objects.requireNonNull(after, "after");
            return this;
        }

        public TestSigstore build() {
            return new TestSigstore(this);
        }
    }

    /** The {@code trusted_root.json} under which minted attestations (without faults) verify. */
    public byte[] trustedRootJson() {
        return trustedRoot.clone();
    }

    /** Writes {@link #trustedRootJson()} to {@code dir/trusted_root.json} and returns that path. */
    public Path writeTrustedRoot(Path dir) {
        Path file = dir.resolve("trusted_root.json");
        try {
            Files.createDirectories(dir);
            Files.write(file, trustedRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public X509Certificate rootCertificate() {
        return ca.root();
    }

    public X509Certificate intermediateCertificate() {
        return ca.intermediate();
    }

    public PublicKey rekorPublicKey() {
        return rekor.key().publicKey();
    }

    public PublicKey ctLogPublicKey() {
        return ctKey.publicKey();
    }

    /**
     * How many entries the trusted transparency log holds (every mint appends one, faulty or not, except
     * {@link Fault#UNTRUSTED_LOG} mints, which go to another log).
     */
    public synchronized int logSize() {
        return rekor.size();
    }

    /**
     * Mints one attestation: a fresh leaf key and certificate for the identity (with an SCT), the statement signed as
     * DSSE, a dsse 0.0.1 log entry appended to the log with its SET, inclusion proof and checkpoint.
     *
     * @throws IllegalArgumentException if the signing time falls outside the CA's validity, or both log-time faults
     *     are requested
     */
    public synchronized Minted mint(MintRequest request) {
        Instant notBefore = (request.signedAt() != null ? request.signedAt() : clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(CERTIFICATE_VALIDITY);
        if (notBefore.isBefore(validFrom) || notAfter.isAfter(validUntil)) {
            throw new IllegalArgumentException("signing time " + notBefore + " is outside the test CA's validity "
                    + validFrom + " .. " + validUntil + "; widen it with TestSigstore.builder(...).validity(...)");
        }
        if (request.has(Fault.EXPIRED_AT_LOG_TIME) && request.has(Fault.LOG_TIME_OUTSIDE_VALIDITY)) {
            throw new IllegalArgumentException("EXPIRED_AT_LOG_TIME and LOG_TIME_OUTSIDE_VALIDITY set the log time both ways");
        }
        long number = ++mintCount;
        String label = "leaf/" + number;
        FulcioClaims claims = request.identity().claims();
        TestCa issuer = request.has(Fault.UNTRUSTED_CA) ? untrustedCa : ca;
        CtLogSigner ctLog = request.has(Fault.WRONG_CT_KEY) ? new CtLogSigner(rogueCtKey, ctKey.keyId()) : CtLogSigner.honest(ctKey);
        long sctTime = notBefore.toEpochMilli();

        EcKey leafKey = EcKey.derive(EcKey.Curve.P256, seed, label);
        X509Certificate leaf = issuer.issueLeaf(leafKey, claims, notBefore, notAfter, TestCa.serial(seed, label), ctLog, sctTime);

        List<MintRequest.Subject> subjects = new ArrayList<>();
        subjects.add(new MintRequest.Subject(request.filename(), request.sha256Hex()));
        subjects.addAll(request.extraSubjects());
        if (request.has(Fault.TWO_SUBJECTS)) {
            subjects.add(new MintRequest.Subject(EXTRA_SUBJECT_NAME, "66".repeat(32)));
        }
        String predicateType = request.has(Fault.WRONG_PREDICATE_TYPE) ? WRONG_PREDICATE_TYPE : request.predicateType().uri();
        byte[] statement = AttestationDocuments.statement(subjects, predicateType,
                request.predicateType() == PredicateType.SLSA_V1 ? AttestationDocuments.slsaPredicate(claims) : null);

        byte[] signedStatement = statement;
        if (request.has(Fault.BAD_DSSE_SIGNATURE)) {
            List<MintRequest.Subject> other = new ArrayList<>(subjects);
            other.set(0, new MintRequest.Subject(request.filename(), "00".repeat(32)));
            signedStatement = AttestationDocuments.statement(other, predicateType, null);
        }
        byte[] signature = leafKey.sign(AttestationDocuments.pae(signedStatement));

        X509Certificate logged = leaf;
        if (request.has(Fault.LOG_ENTRY_OTHER_CERTIFICATE)) {
            String otherLabel = label + "/other";
            logged = issuer.issueLeaf(EcKey.derive(EcKey.Curve.P256, seed, otherLabel), claims, notBefore, notAfter,
                    TestCa.serial(seed, otherLabel), ctLog, sctTime);
        }
        byte[] body = AttestationDocuments.rekorDsseBody(statement, signature, logged);

        Instant integrated = notBefore.plusSeconds(1);
        if (request.has(Fault.EXPIRED_AT_LOG_TIME)) {
            integrated = notAfter.plus(LOG_TIME_SKEW);
        } else if (request.has(Fault.LOG_TIME_OUTSIDE_VALIDITY)) {
            integrated = notBefore.minus(LOG_TIME_SKEW);
        }
        TestRekor log = request.has(Fault.UNTRUSTED_LOG) ? untrustedRekor : rekor;
        EcKey setSigner = request.has(Fault.WRONG_LOG_KEY) ? rogueRekorKey : log.key();
        EcKey checkpointSigner = request.has(Fault.WRONG_LOG_KEY) || request.has(Fault.WRONG_CHECKPOINT_KEY)
                ? rogueRekorKey : log.key();
        TestRekor.LogEntry entry = log.append(body, integrated.getEpochSecond(), setSigner, checkpointSigner);
        if (request.has(Fault.BAD_INCLUSION_PROOF)) {
            entry = entry.withProofHashes(corrupted(entry.proofHashes()));
        }

        byte[] attestation = AttestationDocuments.bytes(AttestationDocuments.attestation(leaf, entry, statement, signature));
        byte[] provenance = AttestationDocuments.provenance(request.identity().publisher(), List.of(attestation));
        return new Minted(attestation, provenance, entry.logIndex(), integrated, leaf, statement, request);
    }

    /**
     * A provenance object whose single bundle asserts {@code publisher} (e.g. a publisher the certificates do not
     * support) over {@code attestations}. Map values may be {@code null} (written as JSON null).
     */
    public static byte[] provenanceAsserting(Map<String, String> publisher, Minted... attestations) {
        Objects.requireNonNull(publisher, "publisher");
        List<byte[]> documents = new ArrayList<>();
        for (Minted minted : attestations) {
            documents.add(minted.attestationJson());
        }
        return AttestationDocuments.provenance(publisher, documents);
    }

    /**
     * The provenance PyPI would serve for several attestations of one file (e.g. publish and SLSA), asserting their
     * common identity's publisher.
     *
     * @throws IllegalArgumentException if the attestations' identities have different publishers, or none is given
     */
    public static byte[] provenance(Minted... attestations) {
        if (attestations.length == 0) {
            throw new IllegalArgumentException("a provenance needs at least one attestation");
        }
        Map<String, String> publisher = attestations[0].publisher();
        for (Minted minted : attestations) {
            if (!minted.publisher().equals(publisher)) {
                throw new IllegalArgumentException("attestations have different publishers: " + publisher + " and "
                        + minted.publisher() + "; use provenanceAsserting to choose one");
            }
        }
        return provenanceAsserting(publisher, attestations);
    }

    /**
     * The provenance PyPI would serve for a file published by several Trusted Publishers: one bundle per attestation,
     * each asserting its own identity's publisher.
     */
    public static byte[] provenanceOfEach(Minted... attestations) {
        if (attestations.length == 0) {
            throw new IllegalArgumentException("a provenance needs at least one attestation");
        }
        List<AttestationDocuments.Bundle> bundles = new ArrayList<>();
        for (Minted minted : attestations) {
            bundles.add(new AttestationDocuments.Bundle(minted.publisher(), List.of(minted.attestationJson())));
        }
        return AttestationDocuments.provenance(bundles);
    }

    private static List<byte[]> corrupted(List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>(proof);
        if (copy.isEmpty()) {
            copy.add(new byte[32]);
        } else {
            byte[] first = copy.get(0).clone();
            first[0] ^= 0x01;
            copy.set(0, first);
        }
        return copy;
    }
}
