package dev.pylocktrust.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.GitHubPublisher;
import dev.pylocktrust.attest.Provenance;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProvenanceLink;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Verdict;
import dev.pylocktrust.report.VerifyReport.Outcome;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust decision table of {@link VerifyPolicy}, through {@link Verification#run} with evidence given as values
 * (no network). Attested evidence carries a real verified attestation (a production-signed fixture).
 */
class VerifyPolicyTest {
    static final String LOCKED_SHA = "a".repeat(64);
    static final String UNLOCKED_SHA = "b".repeat(64);
    static final Publisher ACME = GitHubPublisher.of("acme/widget", "release.yml", null);
    static final Publisher ACME_OTHER_CASE = GitHubPublisher.of("ACME/Widget", "release.yml", null);
    static final Publisher ACME_IN_ENVIRONMENT = GitHubPublisher.of("acme/widget", "release.yml", "pypi");
    static final Publisher EVIL = GitHubPublisher.of("evil/widget", "release.yml", null);

    static List<VerifiedAttestation> realAttestations;

    @BeforeAll
    static void verifyARealAttestation() throws Exception {
        byte[] json;
        try (InputStream in = VerifyPolicyTest.class.getResourceAsStream(
                "/fixtures/provenance/abi3info-2024.10.3-py3-none-any.whl.provenance.json")) {
            json = in.readAllBytes();
        }
        ProvenanceResult r = new ProvenanceVerifier(TrustRoot.embeddedProduction()).verify(Provenance.parse(json),
                new Distribution("abi3info-2024.10.3-py3-none-any.whl",
                        "01577e2314093011854ec7e888dc3fd25e19031bc121a8c394430da06e1fd4dc"),
                Instant.parse("2026-11-21T12:00:00Z"));
        realAttestations = r.results().stream().map(i -> ((AttestationResult.Verified) i.result()).attestation())
                .toList();
        assertThat(realAttestations).isNotEmpty();
    }

    static final String LOCK = """
            lock-version = "1.0"
            created-by = "test"

            [[packages]]
            name = "widget"
            version = "1.0"
            wheels = [{url = "https://x.example/widget-1.0-py3-none-any.whl", hashes = {sha256 = "%s"}}]
            attestation-identities = [{kind = "GitHub", repository = "acme/widget", workflow = "release.yml"}]

            [[packages]]
            name = "plain"
            version = "2.0"
            wheels = [{url = "https://x.example/plain-2.0-py3-none-any.whl", hashes = {sha256 = "%s"}}]
            %s
            """;

    static ParsedLockfile lock(String tail) {
        return new LockfileReader().parse(LOCK.formatted(LOCKED_SHA, UNLOCKED_SHA, tail), "pylock.toml");
    }

    static IndexFile indexFile(FileRequest r) {
        return new IndexFile(r.project(), r.lockedFilename(), "https://x.example/" + r.lockedFilename(),
                Map.of("sha256", r.sha256()), Optional.empty(), false, Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), new ProvenanceLink.Listed("https://x.example/p"));
    }

    static Function<FileRequest, FileEvidence> attested(Publisher... who) {
        return r -> new FileEvidence.Attested(r, indexFile(r), Stream.of(who).map(p -> new VerifiedIdentity(p,
                new java.util.TreeSet<>(Set.of("kind", "repository", "workflow")), new java.util.TreeSet<String>(),
                Optional.<String>empty(), Optional.<String>empty())).toList(),
                realAttestations, false);
    }

    static final Function<FileRequest, FileEvidence> NONE =
            r -> new FileEvidence.NoProvenance(r, indexFile(r), "the index lists no provenance");
    static final Function<FileRequest, FileEvidence> UNSUPPORTED =
            r -> new FileEvidence.ProvenanceUnsupported(r, indexFile(r), "Simple API 1.0 page");
    static final Function<FileRequest, FileEvidence> INVALID =
            r -> new FileEvidence.Invalid(r, indexFile(r), "signature: the DSSE signature does not verify",
                    Optional.empty());
    static final Function<FileRequest, FileEvidence> NOT_ON_INDEX =
            r -> new FileEvidence.NotOnIndex(r, "no file with sha256 " + r.sha256() + " is listed");
    static final Function<FileRequest, FileEvidence> DOWN =
            r -> new FileEvidence.LookupFailed(r, new NetworkException("GET https://x.example/p failed: 503"));

    /**
     * One row: what the index says about the locked package's file and the unlocked package's file, the switches, and
     * the expected statuses and finding codes.
     */
    record Row(String name, Function<FileRequest, FileEvidence> locked, Function<FileRequest, FileEvidence> unlocked,
               VerifyPolicy.Options options, String lockTail, Verdict lockedStatus, Verdict unlockedStatus,
               List<String> codes, Outcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final VerifyPolicy.Options DEFAULT = new VerifyPolicy.Options(false, false, true, false);
    static final VerifyPolicy.Options REQUIRE = new VerifyPolicy.Options(true, false, true, false);
    static final VerifyPolicy.Options OFFLINE = new VerifyPolicy.Options(false, true, true, false);
    static final VerifyPolicy.Options OFFLINE_MIRROR = new VerifyPolicy.Options(false, true, false, false);
    static final String NO_PROVENANCE_RECORD = "";

    static Stream<Arguments> table() {
        List<Row> rows = List.of(
                new Row("locked identity verified", attested(ACME), NONE, DEFAULT, "",
                        Verdict.ATTESTED, Verdict.UNATTESTED, List.of(), Outcome.PASSED),
                new Row("repository compared case-insensitively", attested(ACME_OTHER_CASE), NONE, DEFAULT, "",
                        Verdict.ATTESTED, Verdict.UNATTESTED, List.of(), Outcome.PASSED),
                new Row("one matching bundle among others is enough", attested(EVIL, ACME), NONE, DEFAULT, "",
                        Verdict.ATTESTED, Verdict.UNATTESTED, List.of(), Outcome.PASSED),
                new Row("another repository", attested(EVIL), NONE, DEFAULT, "",
                        Verdict.FAILED, Verdict.UNATTESTED, List.of("identity-changed"), Outcome.FAILED),
                new Row("an environment the lock does not record", attested(ACME_IN_ENVIRONMENT), NONE, DEFAULT, "",
                        Verdict.FAILED, Verdict.UNATTESTED, List.of("identity-changed"), Outcome.FAILED),
                new Row("attestation removed", NONE, NONE, DEFAULT, "",
                        Verdict.FAILED, Verdict.UNATTESTED, List.of("attestation-missing"), Outcome.FAILED),
                new Row("index without provenance support", UNSUPPORTED, UNSUPPORTED, DEFAULT, "",
                        Verdict.FAILED, Verdict.UNATTESTED, List.of("provenance-unsupported"), Outcome.FAILED),
                new Row("invalid provenance fails locked or not", INVALID, INVALID, DEFAULT, "",
                        Verdict.FAILED, Verdict.FAILED, List.of("attestation-invalid", "attestation-invalid"),
                        Outcome.FAILED),
                new Row("file not on the index", NOT_ON_INDEX, NOT_ON_INDEX, DEFAULT, "",
                        Verdict.FAILED, Verdict.FAILED, List.of("not-on-index", "not-on-index"), Outcome.FAILED),
                new Row("offline: a cached page without the file is a cache miss", NOT_ON_INDEX, attested(EVIL),
                        OFFLINE, "", Verdict.INCOMPLETE, Verdict.UNATTESTED, List.of("not-in-cache"),
                        Outcome.INCOMPLETE),
                new Row("offline from a mirror directory: the page is the truth", NOT_ON_INDEX, NONE,
                        OFFLINE_MIRROR, "", Verdict.FAILED, Verdict.UNATTESTED, List.of("not-on-index"),
                        Outcome.FAILED),
                new Row("index down", DOWN, DOWN, DEFAULT, "",
                        Verdict.INCOMPLETE, Verdict.INCOMPLETE, List.of("lookup-failed", "lookup-failed"),
                        Outcome.INCOMPLETE),
                new Row("offline miss", DOWN, NONE, OFFLINE, "",
                        Verdict.INCOMPLETE, Verdict.UNATTESTED, List.of("not-in-cache"), Outcome.INCOMPLETE),
                new Row("a trust failure outranks an index failure", DOWN, INVALID, DEFAULT, "",
                        Verdict.INCOMPLETE, Verdict.FAILED, List.of("attestation-invalid", "lookup-failed"),
                        Outcome.FAILED),
                new Row("unlocked but attested on the index", attested(ACME), attested(EVIL), DEFAULT, "",
                        Verdict.ATTESTED, Verdict.UNATTESTED, List.of(), Outcome.PASSED),
                new Row("--require-attestations: unlocked and attested", attested(ACME), attested(EVIL), REQUIRE, "",
                        Verdict.ATTESTED, Verdict.FAILED, List.of("attestation-required"), Outcome.FAILED),
                new Row("--require-attestations: unlocked without provenance", attested(ACME), NONE, REQUIRE, "",
                        Verdict.ATTESTED, Verdict.FAILED, List.of("attestation-required"), Outcome.FAILED),
                new Row("--require-attestations with allow-unattested", attested(ACME), NONE, REQUIRE,
                        "[tool.pylock-trust]\nallow-unattested = [\"plain\"]\n",
                        Verdict.ATTESTED, Verdict.UNATTESTED, List.of(), Outcome.PASSED),
                new Row("require-attestations in the lock's policy", attested(ACME), NONE, DEFAULT,
                        "[tool.pylock-trust]\nrequire-attestations = [\"plain\"]\n",
                        Verdict.ATTESTED, Verdict.FAILED, List.of("attestation-required"), Outcome.FAILED),
                new Row("allow-unattested allows a missing attestation, with a warning", NONE, NONE, DEFAULT,
                        "[tool.pylock-trust]\nallow-unattested = [\"widget\"]\n",
                        Verdict.UNATTESTED, Verdict.UNATTESTED, List.of("attestation-missing-allowed"),
                        Outcome.PASSED),
                new Row("allow-unattested does not allow another identity", attested(EVIL), NONE, DEFAULT,
                        "[tool.pylock-trust]\nallow-unattested = [\"widget\"]\n",
                        Verdict.FAILED, Verdict.UNATTESTED, List.of("identity-changed"), Outcome.FAILED));
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decisionTable(Row row) {
        ParsedLockfile lock = lock(row.lockTail);
        List<FileRequest> asked = new ArrayList<>();
        Verification.Result result = Verification.run(new Verification.Inputs(lock, new EnvironmentSelection.All(),
                row.options, Optional.empty(), Optional.empty()), requests -> {
                    asked.addAll(requests);
                    Map<String, FileEvidence> out = new java.util.LinkedHashMap<>();
                    for (FileRequest r : requests) {
                        out.put(r.sha256(), (r.sha256().equals(LOCKED_SHA) ? row.locked : row.unlocked).apply(r));
                    }
                    return out;
                });
        assertThat(asked).extracting(FileRequest::sha256).containsExactly(LOCKED_SHA, UNLOCKED_SHA);
        assertThat(asked.get(0)).isEqualTo(new FileRequest("widget", "1.0", LOCKED_SHA, "widget-1.0-py3-none-any.whl"));
        assertThat(result.packages()).extracting(p -> p.name() + "=" + p.status())
                .containsExactly("widget=" + row.lockedStatus, "plain=" + row.unlockedStatus);
        assertThat(result.findings()).extracting(f -> f.code().code()).containsExactlyInAnyOrderElementsOf(row.codes);
        assertThat(result.outcome()).isEqualTo(row.outcome);
        assertThat(result.exitCode()).isEqualTo(switch (row.outcome) {
            case PASSED -> 0;
            case FAILED -> 1;
            case INCOMPLETE -> 3;
        });
        for (Finding f : result.findings()) {
            assertThat(f.location()).as("every finding points at its package").isPresent();
            assertThat(f.hint()).as("every finding says what to do").isNotEmpty();
        }
    }

    /** Holes 3 and 4: a {@code no-provenance} record is no exception in an attested package. */
    @Test
    void aNoProvenanceRecordIsNoExceptionInAnAttestedPackage() {
        String record = "attestation-identities = [{kind = \"GitHub\", repository = \"acme/widget\", workflow = "
                + "\"release.yml\"}]\ntool.pylock-trust.files = [{filename = \"widget-1.0-py3-none-any.whl\", sha256 = \""
                + LOCKED_SHA + "\", status = \"no-provenance\"}]";
        String text = LOCK.formatted(LOCKED_SHA, UNLOCKED_SHA, "").replace(
                "attestation-identities = [{kind = \"GitHub\", repository = \"acme/widget\", workflow = \"release.yml\"}]",
                record);
        var none = Verification.run(new Verification.Inputs(new LockfileReader().parse(text, "pylock.toml"),
                new EnvironmentSelection.All(), DEFAULT, Optional.empty(), Optional.empty()), all(NONE));
        assertThat(none.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(none.findings()).extracting(f -> f.code().code()).containsExactly("attestation-missing");
        var required = Verification.run(new Verification.Inputs(new LockfileReader().parse(text
                + "[tool.pylock-trust]\nrequire-attestations = [\"widget\"]\n", "pylock.toml"),
                new EnvironmentSelection.All(), DEFAULT, Optional.empty(), Optional.empty()), all(NONE));
        assertThat(required.findings()).extracting(f -> f.code().code()).containsExactly("attestation-required");
        var allowed = Verification.run(new Verification.Inputs(new LockfileReader().parse(text
                + "[tool.pylock-trust]\nallow-unattested = [\"widget\"]\n", "pylock.toml"),
                new EnvironmentSelection.All(), DEFAULT, Optional.empty(), Optional.empty()), all(NONE));
        assertThat(allowed.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(allowed.findings()).extracting(f -> f.code().code()).containsExactly("attestation-missing-allowed");
    }

    static Verification.EvidenceSource all(Function<FileRequest, FileEvidence> how) {
        return requests -> {
            Map<String, FileEvidence> out = new java.util.LinkedHashMap<>();
            requests.forEach(r -> out.put(r.sha256(), how.apply(r)));
            return out;
        };
    }

    @Test
    void identityMismatchSaysExpectedAndFound() {
        var result = Verification.run(new Verification.Inputs(lock(""), new EnvironmentSelection.All(), DEFAULT,
                Optional.empty(), Optional.empty()), all(attested(EVIL)));
        Finding f = result.findings().get(0);
        assertThat(f.code()).isEqualTo(FindingCode.IDENTITY_CHANGED);
        assertThat(f.message()).isEqualTo("widget 1.0: publisher identity changed: locked GitHub acme/widget "
                + "(release.yml), but widget-1.0-py3-none-any.whl is signed by GitHub evil/widget (release.yml) "
                + "(repository acme/widget -> evil/widget)");
        assertThat(f.detail()).startsWith("expected: GitHub acme/widget (release.yml)\nfound:    GitHub evil/widget "
                + "(release.yml)\nsigned claims: ");
        assertThat(result.packages().get(0).files().get(0).logIndexes())
                .containsExactly(realAttestations.get(0).logIndex());
        assertThat(f.location().orElseThrow().line()).isEqualTo(4);
        assertThat(f.file()).contains("widget-1.0-py3-none-any.whl");
    }

    @Test
    void filesWithoutSha256AreNotAskedAboutAndFail() {
        ParsedLockfile lock = new LockfileReader().parse("""
                lock-version = "1.0"
                created-by = "test"
                [[packages]]
                name = "old"
                version = "1.0"
                wheels = [{url = "https://x.example/old-1.0-py3-none-any.whl", hashes = {sha512 = "abcd"}}]
                """, "pylock.toml");
        var result = Verification.run(new Verification.Inputs(lock, new EnvironmentSelection.All(), DEFAULT,
                Optional.empty(), Optional.empty()), requests -> {
                    throw new AssertionError("nothing to ask: " + requests);
                });
        assertThat(result.findings()).extracting(f -> f.code().code()).containsExactly("missing-sha256");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void directSourcesWithLockedIdentitiesCannotBeVerified() {
        ParsedLockfile lock = new LockfileReader().parse("""
                lock-version = "1.0"
                created-by = "test"
                [[packages]]
                name = "from-git"
                vcs = {type = "git", url = "https://github.com/acme/from-git", commit-id = "0123456789abcdef0123456789abcdef01234567"}
                attestation-identities = [{kind = "GitHub", repository = "acme/from-git", workflow = "release.yml"}]
                [[packages]]
                name = "local"
                directory = {path = "."}
                """, "pylock.toml");
        var result = Verification.run(new Verification.Inputs(lock, new EnvironmentSelection.All(), REQUIRE,
                Optional.empty(), Optional.empty()), requests -> {
                    throw new AssertionError("nothing to ask: " + requests);
                });
        assertThat(result.findings()).extracting(f -> f.code().code())
                .containsExactly("unverifiable-source", "attestation-required");
        assertThat(result.packages()).extracting(p -> p.status()).containsExactly(Verdict.FAILED, Verdict.FAILED);
        var lenient = Verification.run(new Verification.Inputs(lock, new EnvironmentSelection.All(), DEFAULT,
                Optional.empty(), Optional.empty()), requests -> Map.of());
        assertThat(lenient.packages()).extracting(p -> p.status()).containsExactly(Verdict.FAILED, Verdict.UNATTESTED);
    }
}
