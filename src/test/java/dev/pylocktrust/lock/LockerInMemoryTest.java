package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.pylocktrust.index.ApiVersion;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.index.ProvenanceLink;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Locker}'s trust-on-first-use decision driven through its port ({@link LockIndex}) by a plain in-memory index:
 * one pinned wheel, its evidence chosen by the test. The attestation records come from a real, verified attestation.
 */
class LockerInMemoryTest {
    private static final String FILENAME = "abi3info-2024.10.3-py3-none-any.whl";
    private static final String SHA = "01577e2314093011854ec7e888dc3fd25e19031bc121a8c394430da06e1fd4dc";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final IndexFile WHEEL = new IndexFile("abi3info", FILENAME,
            "https://index.example/files/" + FILENAME, Map.of("sha256", SHA), Optional.empty(), false,
            Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
            new ProvenanceLink.Listed("https://index.example/integrity/abi3info"));

    static List<VerifiedAttestation> verified;
    /** The publisher the real attestation names, with the repository and owner ids it signed. */
    static VerifiedIdentity owner;
    /** Another repository, with other ids. */
    static final VerifiedIdentity STRANGER = new VerifiedIdentity(
            GitHubPublisher.of("evil/abi3info", "release.yml", null), new TreeSet<>(Set.of("kind", "repository",
            "workflow")), new TreeSet<>(), Optional.of("1"), Optional.of("2"));

    @BeforeAll
    static void verifyARealAttestation() throws IOException {
        byte[] json;
        try (InputStream in = LockerInMemoryTest.class.getResourceAsStream(
                "/fixtures/provenance/" + FILENAME + ".provenance.json")) {
            json = in.readAllBytes();
        }
        ProvenanceResult r = new ProvenanceVerifier(TrustRoot.embeddedProduction()).verify(Provenance.parse(json),
                new Distribution(FILENAME, SHA), CLOCK.instant());
        verified = r.results().stream().map(i -> ((AttestationResult.Verified) i.result()).attestation()).toList();
        owner = verified.get(0).identity().orElseThrow();
    }

    /** An index of one project page whose evidence says {@code signer} published every file it lists. */
    private record SignedBy(VerifiedIdentity signer) implements LockIndex {
        @Override
        public Map<String, ProjectPage> projectPages(Collection<String> names) {
            Map<String, ProjectPage> out = new LinkedHashMap<>();
            names.forEach(n -> out.put(n, new ProjectPage(n, "https://index.example/simple/" + n + "/",
                    ProjectPage.Format.JSON, ApiVersion.SUPPORTED, n.equals("abi3info") ? List.of(WHEEL) : List.of(),
                    List.of(), Optional.empty(), List.of(), false)));
            return out;
        }

        @Override
        public Packages packages() {
            throw new AssertionError("exact pins are never resolved");
        }

        @Override
        public Map<String, FileEvidence> evidence(List<FileRequest> requests, Map<String, ProjectPage> pages) {
            Map<String, FileEvidence> out = new LinkedHashMap<>();
            for (FileRequest r : requests) {
                Optional<IndexFile> listed = pages.get(r.project()).fileWithSha256(r.sha256());
                out.put(r.sha256(), listed.<FileEvidence>map(f -> new FileEvidence.Attested(r, f,
                        List.of(signer), verified, false))
                        .orElseGet(() -> new FileEvidence.NotOnIndex(r, "not listed")));
            }
            return out;
        }

        @Override
        public Optional<String> simpleApiUrl() {
            return Optional.of("https://index.example/simple");
        }

        @Override
        public String describeIndex() {
            return "index.example";
        }
    }

    private static LockOutcome lock(VerifiedIdentity signer, Optional<ParsedLockfile> previous) {
        Pin pin = new Pin(PackageName.of("abi3info"), Version.parse("2024.10.3"), Optional.empty(), List.of(SHA),
                RequirementOrigin.of("requirements.txt", 1));
        return new Locker(new SignedBy(signer), CLOCK).lock(new Locker.Request(new Locker.Source.Pins(List.of(pin)),
                previous, Map.of(), Set.of(), "pylock.toml"));
    }

    private static ParsedLockfile written(LockOutcome outcome) {
        String text = new LockfileWriter(List.of("pylock-trust", "lock")).render(outcome.lockfile().orElseThrow());
        return new LockfileReader().parse(text, "pylock.toml");
    }

    @Test
    void firstUseRecordsTheSignerAndTheLaterLockHoldsEveryReleaseToIt() {
        LockOutcome first = lock(owner, Optional.empty());

        assertThat(first.report().refused()).as(first.report().failures().toString()).isFalse();
        LockedPackage entry = first.lockfile().orElseThrow().packages().get(0);
        assertThat(entry.attestationIdentities()).extracting(id -> Publisher.fromTable(id.fields().toMap()))
                .singleElement().satisfies(p -> assertThat(p.sameIdentity(owner.publisher())).isTrue());

        LockOutcome again = lock(owner, Optional.of(written(first)));
        assertThat(again.report().refused()).as(again.report().failures().toString()).isFalse();
        assertThat(again.lockfile()).isPresent();

        LockOutcome taken = lock(STRANGER, Optional.of(written(first)));
        assertThat(taken.report().refused()).isTrue();
        assertThat(taken.lockfile()).isEmpty();
        assertThat(taken.report().failures()).extracting(Finding::code).containsExactly(FindingCode.IDENTITY_CHANGED);
    }
}
