package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pylocktrust.attest.GitHubPublisher;
import dev.pylocktrust.attest.GitLabPublisher;
import dev.pylocktrust.attest.GooglePublisher;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.lock.TofuDecision.IdentityStatus;
import dev.pylocktrust.report.Finding;
import dev.pylocktrust.report.Severity;
import dev.pylocktrust.report.SourceLocation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The trust-on-first-use rules, table-driven: every rule of the issue, with the identity spellings that matter. */
class TofuRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final String WHEEL = "widget-2.0-py3-none-any.whl";
    private static final String SDIST = "widget-2.0.tar.gz";
    private static final String SHA_W = "a".repeat(64);
    private static final String SHA_S = "b".repeat(64);

    private static final Publisher ACME = GitHubPublisher.of("acme/widget", "release.yml", null);
    private static final Publisher ACME_UPPER = GitHubPublisher.of("ACME/Widget", "release.yml", null);
    private static final Publisher ACME_ENV = GitHubPublisher.of("acme/widget", "release.yml", "pypi");
    private static final Publisher ACME_ENV_UPPER = GitHubPublisher.of("acme/widget", "release.yml", "PyPI");
    private static final Publisher ACME_OTHER_WORKFLOW = GitHubPublisher.of("acme/widget", "publish.yml", null);
    private static final Publisher RENAMED = GitHubPublisher.of("acme/widget-ng", "release.yml", null);
    private static final Publisher EVIL = GitHubPublisher.of("evil/widget", "release.yml", null);
    private static final Publisher GITLAB = GitLabPublisher.of("acme/widget", ".gitlab-ci.yml", null);
    private static final Publisher GOOGLE = GooglePublisher.of("ci@acme.iam.gserviceaccount.com");

    private static VerifiedIdentity verified(Publisher p, String repoId, String ownerId) {
        return new VerifiedIdentity(p, new TreeSet<>(p.toIdentityTable().keySet()), new TreeSet<>(),
                Optional.ofNullable(repoId), Optional.ofNullable(ownerId));
    }

    private static CheckedFile signed(String file, String sha, VerifiedIdentity... ids) {
        return new CheckedFile(file, sha, new CheckedFile.Verified(List.of(ids)));
    }

    private static CheckedFile unattested(String file, String sha) {
        return new CheckedFile(file, sha, new CheckedFile.NoProvenance("the index lists no provenance for " + file));
    }

    /** An anchor for widget 1.0 with these identities, whose files verified with repository 111 and owner 222. */
    private static Anchor anchor(Publisher... identities) {
        List<Anchor.LockedIdentity> ids = new ArrayList<>();
        for (Publisher p : identities) {
            ids.add(new Anchor.LockedIdentity(AttestationIdentity.of(p.toIdentityTable()), p));
        }
        FileAttestationRecord record = new FileAttestationRecord("widget-1.0.tar.gz", "c".repeat(64),
                FileAttestationRecord.Status.VERIFIED, OptionalLong.of(1), Optional.empty(), Optional.of("111"),
                Optional.of("222"));
        return new Anchor("widget", ids, List.of(new Anchor.PreviousFile(Optional.of("1.0"), "widget-1.0.tar.gz",
                "c".repeat(64), Optional.of(record), Optional.of(new SourceLocation("pylock.toml", 12)))), List.of("1.0"),
                Optional.of(new SourceLocation("pylock.toml", 7)));
    }

    private static TofuDecision decide(Optional<Anchor> anchor, TrustPolicy policy, Optional<String> approval,
                                       CheckedFile... files) {
        return TofuRules.decide(new TofuRules.Input("widget", "2.0", List.of(files), anchor, policy,
                approval.map(Acceptance::of), TODAY,
                anchor.flatMap(Anchor::location)));
    }

    private static TofuDecision decide(Optional<Anchor> anchor, CheckedFile... files) {
        return decide(anchor, TrustPolicy.EMPTY, Optional.empty(), files);
    }

    private static TrustPolicy allowUnattested() {
        return new TrustPolicy(new TreeSet<>(), new TreeSet<>(Set.of("widget")), List.of());
    }

    private static TrustPolicy requireAttestations() {
        return new TrustPolicy(new TreeSet<>(Set.of("widget")), new TreeSet<>(), List.of());
    }

    /** case, decision, expected status, expected recorded identities (describe()), expected finding codes. */
    static Stream<Arguments> rules() {
        VerifiedIdentity acme = verified(ACME, "111", "222");
        Optional<Anchor> none = Optional.empty();
        Optional<Anchor> locked = Optional.of(anchor(ACME));
        return Stream.of(
                arguments("first use, all attested", decide(none, signed(WHEEL, SHA_W, acme), signed(SDIST, SHA_S, acme)),
                        IdentityStatus.FIRST_USE, List.of(ACME), List.of("first-use")),
                arguments("first use, nothing attested", decide(none, unattested(WHEEL, SHA_W)),
                        IdentityStatus.UNATTESTED, List.of(), List.of()),
                arguments("first use, some files unattested", decide(none, signed(WHEEL, SHA_W, acme),
                        unattested(SDIST, SHA_S)), IdentityStatus.FIRST_USE, List.of(ACME),
                        List.of("first-use", "unattested-files")),
                arguments("first use, two publishers are both recorded", decide(none, signed(WHEEL, SHA_W, acme),
                        signed(SDIST, SHA_S, verified(GITLAB, "5", "6"))), IdentityStatus.FIRST_USE,
                        List.of(ACME, GITLAB), List.of("first-use")),
                arguments("require-attestations, unattested file", decide(none, requireAttestations(),
                        Optional.empty(), signed(WHEEL, SHA_W, acme), unattested(SDIST, SHA_S)),
                        IdentityStatus.REFUSED, List.of(), List.of("attestations-required", "first-use",
                                "unattested-files")),
                arguments("known package gains attestations", decide(Optional.of(anchor()), signed(WHEEL, SHA_W, acme)),
                        IdentityStatus.GAINED, List.of(ACME), List.of("attestations-gained")),
                arguments("same identity", decide(locked, signed(WHEEL, SHA_W, acme), signed(SDIST, SHA_S, acme)),
                        IdentityStatus.UNCHANGED, List.of(ACME), List.of()),
                arguments("repository differs only in case: same identity, locked spelling kept",
                        decide(locked, signed(WHEEL, SHA_W, verified(ACME_UPPER, "111", "222"))),
                        IdentityStatus.UNCHANGED, List.of(ACME), List.of()),
                arguments("GitHub environment differs only in case",
                        decide(Optional.of(anchor(ACME_ENV)), signed(WHEEL, SHA_W, verified(ACME_ENV_UPPER, "111",
                                "222"))), IdentityStatus.UNCHANGED, List.of(ACME_ENV), List.of()),
                arguments("environment added: identity change", decide(locked, signed(WHEEL, SHA_W,
                        verified(ACME_ENV, "111", "222"))), IdentityStatus.REFUSED, List.of(),
                        List.of("identity-changed")),
                arguments("environment removed: identity change", decide(Optional.of(anchor(ACME_ENV)),
                        signed(WHEEL, SHA_W, acme)), IdentityStatus.REFUSED, List.of(), List.of("identity-changed")),
                arguments("other workflow: identity change", decide(locked, signed(WHEEL, SHA_W,
                        verified(ACME_OTHER_WORKFLOW, "111", "222"))), IdentityStatus.REFUSED, List.of(),
                        List.of("identity-changed")),
                arguments("other kind: identity change", decide(locked, signed(WHEEL, SHA_W,
                        verified(GITLAB, "5", "6"))), IdentityStatus.REFUSED, List.of(), List.of("identity-changed")),
                arguments("one file by another identity is enough to refuse", decide(locked,
                        signed(WHEEL, SHA_W, acme), signed(SDIST, SHA_S, verified(EVIL, "333", "444"))),
                        IdentityStatus.REFUSED, List.of(), List.of("identity-changed")),
                arguments("a file also signed by an unlocked identity passes; only the locked one is recorded",
                        decide(locked, signed(WHEEL, SHA_W, acme, verified(EVIL, "333", "444"))),
                        IdentityStatus.UNCHANGED, List.of(ACME), List.of("extra-identity")),
                arguments("an acceptance records the identities in use and the accepted one, nothing else",
                        decide(locked, TrustPolicy.EMPTY, Optional.of("moved"), signed(WHEEL, SHA_W, acme,
                                verified(EVIL, "333", "444")), signed(SDIST, SHA_S, verified(RENAMED, "111", "222"))),
                        IdentityStatus.CHANGED_APPROVED, List.of(ACME, RENAMED),
                        List.of("extra-identity", "identity-change-approved")),
                arguments("identity change accepted", decide(locked, TrustPolicy.EMPTY, Optional.of("moved"),
                        signed(WHEEL, SHA_W, verified(RENAMED, "111", "222"))), IdentityStatus.CHANGED_APPROVED,
                        List.of(RENAMED), List.of("identity-change-approved")),
                arguments("acceptance not needed", decide(locked, TrustPolicy.EMPTY, Optional.of("moved"),
                        signed(WHEEL, SHA_W, acme)), IdentityStatus.UNCHANGED, List.of(ACME),
                        List.of("approval-unused")),
                arguments("attestations disappeared", decide(locked, unattested(WHEEL, SHA_W)),
                        IdentityStatus.REFUSED, List.of(), List.of("attestations-disappeared")),
                arguments("some attestations disappeared", decide(locked, signed(WHEEL, SHA_W, acme),
                        unattested(SDIST, SHA_S)), IdentityStatus.REFUSED, List.of(),
                        List.of("attestations-disappeared")),
                arguments("acceptance does not cover disappeared attestations", decide(locked, TrustPolicy.EMPTY,
                        Optional.of("moved"), unattested(WHEEL, SHA_W)), IdentityStatus.REFUSED, List.of(),
                        List.of("attestations-disappeared", "approval-unused")),
                arguments("disappeared, but allowed unattested by policy", decide(locked, allowUnattested(),
                        Optional.empty(), unattested(WHEEL, SHA_W)), IdentityStatus.DROPPED_ALLOWED, List.of(),
                        List.of("attestations-disappeared-allowed")),
                arguments("the index cannot tell", decide(locked, new CheckedFile(WHEEL, SHA_W,
                        new CheckedFile.ProvenanceUnknown("old mirror"))), IdentityStatus.REFUSED, List.of(),
                        List.of("provenance-unavailable")),
                arguments("invalid provenance, first use", decide(none, new CheckedFile(WHEEL, SHA_W,
                        new CheckedFile.Invalid("signature: bad"))), IdentityStatus.REFUSED, List.of(),
                        List.of("provenance-invalid")),
                arguments("invalid provenance, even with an acceptance", decide(locked, TrustPolicy.EMPTY,
                        Optional.of("moved"), new CheckedFile(WHEEL, SHA_W, new CheckedFile.Invalid("digest: x"))),
                        IdentityStatus.REFUSED, List.of(), List.of("provenance-invalid", "approval-unused")),
                arguments("file not on the index", decide(none, new CheckedFile(WHEEL, SHA_W,
                        new CheckedFile.NotOnIndex("no file with sha256"))), IdentityStatus.REFUSED, List.of(),
                        List.of("not-on-index")),
                arguments("locked identity no longer used", decide(Optional.of(anchor(ACME, GITLAB)),
                        signed(WHEEL, SHA_W, acme)), IdentityStatus.UNCHANGED, List.of(ACME),
                        List.of("identity-unused")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String name, TofuDecision d, IdentityStatus status, List<Publisher> recorded, List<String> codes) {
        assertThat(d.status()).isEqualTo(status);
        assertThat(d.identities()).extracting(id -> id.fields().toMap())
                .isEqualTo(recorded.stream().map(p -> (Object) Map.copyOf(p.toIdentityTable())).toList());
        assertThat(d.findings()).extracting(Finding::code).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(d.refused()).isEqualTo(status == IdentityStatus.REFUSED);
        if (d.refused()) {
            assertThat(d.identities()).isEmpty();
            assertThat(d.approvals()).isEmpty();
        }
    }

    @Test
    void anIdentityChangeNamesPackageOldAndNewIdentityAndTheSignedClaims() {
        TofuDecision d = decide(Optional.of(anchor(ACME)), signed(SDIST, SHA_S, verified(EVIL, "333", "444")));
        Finding f = d.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.FAILURE);
        assertThat(f.message()).isEqualTo("widget 2.0: publisher identity changed: locked GitHub acme/widget "
                + "(release.yml), but widget-2.0.tar.gz is signed by GitHub evil/widget (release.yml) (repository "
                + "acme/widget -> evil/widget)");
        assertThat(f.detail()).isEqualTo("signed claims: different signed repository id 333 (locked: 111) and owner "
                + "id 444 (locked: 222): a different repository in another account");
        assertThat(f.hint()).isEqualTo("if you trust the new publisher, lock again with --accept-identity-change "
                + "widget --reason \"<why>\"; the approval is recorded in the lock for review");
        assertThat(f.location()).contains(new SourceLocation("pylock.toml", 7));
        assertThat(f.file()).contains(SDIST);
    }

    /** What the numeric ids say, for each combination (the names alone can be re-registered by anyone). */
    static Stream<Arguments> claims() {
        return Stream.of(
                arguments(RENAMED, "111", "222", "same signed repository id 111 and owner id 222: the repository was "
                        + "renamed"),
                arguments(ACME_OTHER_WORKFLOW, "111", "222", "same signed repository id 111 and owner id 222: the "
                        + "same repository now publishes from another workflow or environment"),
                arguments(EVIL, "111", "999", "same signed repository id 111, so the repository was renamed or "
                        + "transferred; different owner id 999 (locked: 222), so it moved to another account"),
                arguments(RENAMED, "555", "222", "different signed repository id 555 (locked: 111) under the same "
                        + "owner id 222: another repository of the same account"),
                arguments(EVIL, "333", "444", "different signed repository id 333 (locked: 111) and owner id 444 "
                        + "(locked: 222): a different repository in another account"),
                arguments(GOOGLE, null, null, "the new certificate carries no repository or owner id to compare"));
    }

    @ParameterizedTest
    @MethodSource("claims")
    void theSignedIdsExplainTheChange(Publisher now, String repoId, String ownerId, String expected) {
        TofuDecision d = decide(Optional.of(anchor(ACME)), signed(WHEEL, SHA_W, verified(now, repoId, ownerId)));
        assertThat(d.findings()).singleElement().satisfies(f -> assertThat(f.detail())
                .isEqualTo("signed claims: " + expected));
    }

    @Test
    void withoutRecordedIdsTheClaimsSaySo() {
        Anchor bare = new Anchor("widget", anchor(GOOGLE).identities(), List.of(), List.of("1.0"), Optional.empty());
        TofuDecision d = decide(Optional.of(bare), signed(WHEEL, SHA_W, verified(ACME, "111", "222")));
        assertThat(d.findings().get(0).message()).endsWith("(another kind of publisher: Google -> GitHub)");
        assertThat(d.findings().get(0).detail()).isEqualTo("signed claims: the locked identity has no signed "
                + "repository or owner id to compare (new: repository id 111, owner id 222)");
    }

    @Test
    void anAcceptedChangeIsRecordedFromTheClosestLockedIdentityWithReasonAndDate() {
        TofuDecision d = decide(Optional.of(anchor(GOOGLE, ACME)), TrustPolicy.EMPTY,
                Optional.of("repository renamed, see issue 12"), signed(WHEEL, SHA_W, verified(RENAMED, "111", "222")),
                signed(SDIST, SHA_S, verified(ACME, "111", "222")));
        assertThat(d.status()).isEqualTo(IdentityStatus.CHANGED_APPROVED);
        assertThat(d.identities()).extracting(id -> id.get("repository").orElse(""))
                .containsExactly("acme/widget", "acme/widget-ng");
        assertThat(d.approvals()).singleElement().satisfies(a -> {
            assertThat(a.packageName()).isEqualTo("widget");
            assertThat(a.from().fields().toMap()).isEqualTo(Map.copyOf(ACME.toIdentityTable()));
            assertThat(a.to().fields().toMap()).isEqualTo(Map.copyOf(RENAMED.toIdentityTable()));
            assertThat(a.reason()).isEqualTo("repository renamed, see issue 12");
            assertThat(a.date()).isEqualTo(TODAY);
            assertThat(a.approvedBy()).isEmpty();
        });
    }

    @Test
    void aFileLockedWithoutProvenanceBeforeIsNotADisappearance() {
        Anchor mixed = new Anchor("widget", anchor(ACME).identities(), List.of(
                new Anchor.PreviousFile(Optional.of("2.0"), SDIST, SHA_S, Optional.of(
                        FileAttestationRecord.noProvenance(SDIST, SHA_S)), Optional.empty())), List.of("2.0"),
                Optional.empty());
        TofuDecision d = decide(Optional.of(mixed), signed(WHEEL, SHA_W, verified(ACME, "1", "2")),
                unattested(SDIST, SHA_S));
        assertThat(d.status()).isEqualTo(IdentityStatus.UNCHANGED);
        assertThat(d.findings()).isEmpty();
        // The same name with other bytes is not that file.
        TofuDecision other = decide(Optional.of(mixed), unattested(SDIST, "d".repeat(64)));
        assertThat(other.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder("hash-changed", "attestations-disappeared");
    }

    @Test
    void aChangedHashPointsAtTheFilesOwnLineOtherFindingsAtThePackage() {
        SourceLocation fileLine = new SourceLocation("pylock.toml", 12);
        SourceLocation packageLine = new SourceLocation("pylock.toml", 7);
        Anchor old = new Anchor("widget", anchor(ACME).identities(), List.of(new Anchor.PreviousFile(
                Optional.of("2.0"), SDIST, SHA_S, Optional.empty(), Optional.of(fileLine))), List.of("2.0"),
                Optional.of(packageLine));
        TofuDecision d = decide(Optional.of(old), unattested(SDIST, "d".repeat(64)));
        assertThat(d.findings()).extracting(f -> f.code() + " " + f.location().orElseThrow().line())
                .containsExactlyInAnyOrder("hash-changed 12", "attestations-disappeared 7");
    }

    static Stream<Arguments> sameFiles() {
        return Stream.of(
                arguments("widget-2.0-py3-none-any.whl", "Widget-2.0-py3-none-any.whl", true),
                arguments("pyjwt-2.10.1-py3-none-any.whl", "PyJWT-2.10.1-py3-none-any.whl", true),
                arguments("foo-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                        "foo-1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", true),
                arguments("foo-1.0-py3-none-any.whl", "foo-1.0-1-py3-none-any.whl", false),
                arguments("foo-1.0.tar.gz", "foo-1.0.zip", false),
                arguments("foo-1.0.tar.gz", "foo-1.0.0.tar.gz", true),
                arguments("foo-1.0.tar.gz", "foo-1.0-py3-none-any.whl", false),
                arguments("not a dist", "foo-1.0.tar.gz", false));
    }

    @ParameterizedTest
    @MethodSource("sameFiles")
    void filesAreTheSameByParsedName(String a, String b, boolean same) {
        assertThat(TofuRules.sameFile(a, b)).isEqualTo(same);
    }

    @Test
    void aChangedHashForTheSameFileIsRefusedEvenWithAnAcceptanceAndUnderAnotherSpelling() {
        Anchor old = new Anchor("widget", List.of(), List.of(new Anchor.PreviousFile(Optional.of("2.0"),
                "Widget-2.0-py3-none-any.whl", SHA_S, Optional.empty(), Optional.empty())), List.of("2.0"),
                Optional.empty());
        TofuDecision d = decide(Optional.of(old), TrustPolicy.EMPTY, Optional.of("x"), unattested(WHEEL, SHA_W));
        assertThat(d.findings()).extracting(Finding::code).containsExactlyInAnyOrder("hash-changed", "approval-unused");
        assertThat(d.findings().get(0).message()).isEqualTo("widget 2.0: " + WHEEL + " has sha256 " + SHA_W + " on the index, but the "
                + "lock has " + SHA_S + " for the same file");
        // Another version with that file name is not the same file.
        TofuDecision upgrade = TofuRules.decide(new TofuRules.Input("widget", "3.0", List.of(unattested(
                "widget-3.0-py3-none-any.whl", SHA_W)), Optional.of(old), TrustPolicy.EMPTY, Optional.empty(), TODAY,
                Optional.empty()));
        assertThat(upgrade.refused()).isFalse();
    }
}
