package dev.pylocktrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.attest.GitHubPublisher;
import dev.pylocktrust.attest.GitLabPublisher;
import dev.pylocktrust.attest.GooglePublisher;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.attest.VerifiedIdentity;
import dev.pylocktrust.policy.FindingCode.Command;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust rules as one table: each row is an expectation (what the lock says) and the evidence for the files, and
 * what {@code lock}, {@code verify} and {@code diff} each decide. Every rule of the policy core is a row; the rows
 * that apply to several commands must fail them with the same codes.
 */
class TrustRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    static final String WHEEL = "widget-2.0-py3-none-any.whl";
    static final String SDIST = "widget-2.0.tar.gz";
    static final String SHA_W = "a".repeat(64);
    static final String SHA_S = "b".repeat(64);

    static final Publisher ACME = GitHubPublisher.of("acme/widget", "release.yml", null);
    static final Publisher ACME_UPPER = GitHubPublisher.of("ACME/Widget", "release.yml", null);
    static final Publisher ACME_ENV = GitHubPublisher.of("acme/widget", "release.yml", "pypi");
    static final Publisher ACME_ENV_UPPER = GitHubPublisher.of("acme/widget", "release.yml", "PyPI");
    static final Publisher ACME_WHEELS = GitHubPublisher.of("acme/widget", "wheels.yml", null);
    static final Publisher RENAMED = GitHubPublisher.of("acme/widget-ng", "release.yml", null);
    static final Publisher EVIL = GitHubPublisher.of("evil/widget", "release.yml", null);
    static final Publisher GITLAB = GitLabPublisher.of("acme/widget", ".gitlab-ci.yml", null);
    static final Publisher GOOGLE = GooglePublisher.of("ci@acme.iam.gserviceaccount.com");

    static VerifiedIdentity id(Publisher p, String repoId, String ownerId) {
        return new VerifiedIdentity(p, new TreeSet<>(p.toIdentityTable().keySet()), new TreeSet<>(),
                Optional.ofNullable(repoId), Optional.ofNullable(ownerId));
    }

    /** ACME as it signs: repository 111, owner 222. */
    static final VerifiedIdentity ACME_SIGNS = id(ACME, "111", "222");

    static CheckedFile signed(String file, String sha, VerifiedIdentity... ids) {
        return new CheckedFile(file, sha, new Evidence.Attested(List.of(ids)));
    }

    static CheckedFile wheel(VerifiedIdentity... ids) {
        return signed(WHEEL, SHA_W, ids);
    }

    static CheckedFile sdist(VerifiedIdentity... ids) {
        return signed(SDIST, SHA_S, ids);
    }

    static CheckedFile bare(String file, String sha) {
        return new CheckedFile(file, sha, new Evidence.NoProvenance("the index lists no provenance for " + file));
    }

    /** The identity the lock holds, with the ids and kinds its records show. */
    static LockedIdentity locked(Publisher p, String repoId, String ownerId, FileKind... kinds) {
        return new LockedIdentity(p, repoId == null ? new TreeSet<>() : new TreeSet<>(Set.of(repoId)),
                ownerId == null ? new TreeSet<>() : new TreeSet<>(Set.of(ownerId)),
                kinds.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(kinds)));
    }

    static Expectation expect(PackageRules rules, LockedIdentity... identities) {
        return new Expectation("widget", true, List.of(identities), List.of(), rules,
                Optional.of(new SourceLocation("pylock.toml", 7)));
    }

    static Expectation expect(LockedIdentity... identities) {
        return expect(PackageRules.NONE, identities);
    }

    static final Expectation NEW = Expectation.none("widget", PackageRules.NONE, Optional.empty());
    static final Expectation KNOWN_UNATTESTED = expect();
    static final Expectation ANCHORED = expect(locked(ACME, "111", "222"));
    static final PackageRules ALLOWED = new PackageRules(Optional.empty(), true);
    static final PackageRules REQUIRED = new PackageRules(Optional.of("require-attestations"), false);

    static final Approver ACCEPT = (name, t) -> Optional.of(new Approval("moved, see issue 12", TODAY,
            Optional.empty(), Optional.empty()));

    /** What one command decides: the package verdict, the findings' codes, and for lock the identity outcome. */
    record Expected(Verdict verdict, List<String> codes, Optional<IdentityOutcome> outcome) {}

    /** One rule: expectation, evidence and approvals in; per command, the decision. */
    record Row(String name, Expectation expected, List<CheckedFile> files, Approver approver,
               Map<Command, Expected> decisions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class RowBuilder {
        final String name;
        Expectation expected = NEW;
        List<CheckedFile> files = List.of();
        Approver approver = Approver.NONE;
        final Map<Command, Expected> decisions = new EnumMap<>(Command.class);

        RowBuilder(String name) {
            this.name = name;
        }

        RowBuilder given(Expectation e) {
            expected = e;
            return this;
        }

        RowBuilder files(CheckedFile... f) {
            files = List.of(f);
            return this;
        }

        RowBuilder approved() {
            approver = ACCEPT;
            return this;
        }

        RowBuilder lock(IdentityOutcome outcome, String... codes) {
            decisions.put(Command.LOCK, new Expected(null, List.of(codes), Optional.of(outcome)));
            return this;
        }

        RowBuilder verify(Verdict verdict, String... codes) {
            decisions.put(Command.VERIFY, new Expected(verdict, List.of(codes), Optional.empty()));
            return this;
        }

        RowBuilder diff(Verdict verdict, String... codes) {
            decisions.put(Command.DIFF, new Expected(verdict, List.of(codes), Optional.empty()));
            return this;
        }

        /** The same failure for all three commands. */
        RowBuilder refusedByAll(String... codes) {
            lock(IdentityOutcome.REFUSED, codes);
            verify(Verdict.FAILED, codes);
            return diff(Verdict.FAILED, codes);
        }

        Row build() {
            return new Row(name, expected, files, approver, decisions);
        }
    }

    static RowBuilder row(String name) {
        return new RowBuilder(name);
    }

    static Stream<Row> rows() {
        Expectation split = expect(locked(ACME, "111", "222", FileKind.SDIST),
                locked(ACME_WHEELS, "111", "222", FileKind.WHEEL));
        return Stream.of(
                // ---- first use ----
                row("first use, all attested").files(wheel(ACME_SIGNS), sdist(ACME_SIGNS))
                        .lock(IdentityOutcome.FIRST_USE, "first-use").verify(Verdict.UNATTESTED)
                        .diff(Verdict.ATTESTED, "first-use"),
                row("first use, nothing attested").files(bare(WHEEL, SHA_W))
                        .lock(IdentityOutcome.UNATTESTED).verify(Verdict.UNATTESTED).diff(Verdict.UNATTESTED),
                row("known package gains attestations").given(KNOWN_UNATTESTED).files(wheel(ACME_SIGNS))
                        .lock(IdentityOutcome.GAINED, "first-use").verify(Verdict.UNATTESTED)
                        .diff(Verdict.ATTESTED, "first-use"),
                row("first use: unattested files next to attested ones (hole 4)")
                        .files(wheel(ACME_SIGNS), bare(SDIST, SHA_S))
                        .lock(IdentityOutcome.REFUSED, "attestation-missing").verify(Verdict.UNATTESTED)
                        .diff(Verdict.FAILED, "attestation-missing"),
                row("first use: unattested files next to attested ones, allowed")
                        .given(Expectation.none("widget", ALLOWED, Optional.empty()))
                        .files(wheel(ACME_SIGNS), bare(SDIST, SHA_S))
                        .lock(IdentityOutcome.FIRST_USE, "attestation-missing-allowed", "first-use")
                        .verify(Verdict.UNATTESTED),
                row("first use: one file attested by two identities (hole 6)")
                        .files(wheel(ACME_SIGNS, id(ACME_WHEELS, "111", "222")))
                        .lock(IdentityOutcome.REFUSED, "identity-ambiguous").verify(Verdict.UNATTESTED)
                        .diff(Verdict.FAILED, "identity-ambiguous"),
                row("first use: one file attested by two identities, accepted: its record names one, so only that "
                        + "one is recorded").files(wheel(ACME_SIGNS, id(ACME_WHEELS, "111", "222")), sdist(ACME_SIGNS))
                        .approved().lock(IdentityOutcome.FIRST_USE, "identity-ambiguous-approved", "extra-identity",
                                "first-use"),
                row("first use: files attested by two repositories (hole 6)")
                        .files(wheel(ACME_SIGNS), sdist(id(GITLAB, "5", "6")))
                        .lock(IdentityOutcome.REFUSED, "identity-ambiguous").diff(Verdict.FAILED, "identity-ambiguous"),
                row("first use: two repositories, accepted").files(wheel(ACME_SIGNS), sdist(id(GITLAB, "5", "6")))
                        .approved().lock(IdentityOutcome.FIRST_USE, "identity-ambiguous-approved", "first-use"),
                row("first use: two workflows of one repository are normal")
                        .files(wheel(id(ACME_WHEELS, "111", "222")), sdist(ACME_SIGNS))
                        .lock(IdentityOutcome.FIRST_USE, "first-use"),
                row("first use, required: every file attested").given(Expectation.none("widget", REQUIRED,
                                Optional.empty())).files(wheel(ACME_SIGNS))
                        .lock(IdentityOutcome.FIRST_USE, "first-use")
                        .verify(Verdict.FAILED, "attestation-required"),
                row("first use, required: an unattested file").given(Expectation.none("widget", REQUIRED,
                                Optional.empty())).files(wheel(ACME_SIGNS), bare(SDIST, SHA_S))
                        .lock(IdentityOutcome.REFUSED, "attestation-required")
                        .verify(Verdict.FAILED, "attestation-required", "attestation-required"),

                // ---- the locked identity ----
                row("same identity").given(ANCHORED).files(wheel(ACME_SIGNS), sdist(ACME_SIGNS))
                        .lock(IdentityOutcome.UNCHANGED).verify(Verdict.ATTESTED).diff(Verdict.ATTESTED),
                row("repository differs only in case: same identity").given(ANCHORED)
                        .files(wheel(id(ACME_UPPER, "111", "222")))
                        .lock(IdentityOutcome.UNCHANGED).verify(Verdict.ATTESTED).diff(Verdict.ATTESTED),
                row("GitHub environment differs only in case")
                        .given(expect(locked(ACME_ENV, "111", "222"))).files(wheel(id(ACME_ENV_UPPER, "111", "222")))
                        .lock(IdentityOutcome.UNCHANGED).verify(Verdict.ATTESTED).diff(Verdict.ATTESTED),
                row("environment added: identity change").given(ANCHORED).files(wheel(id(ACME_ENV, "111", "222")))
                        .refusedByAll("identity-changed"),
                row("environment removed: identity change").given(expect(locked(ACME_ENV, "111", "222")))
                        .files(wheel(ACME_SIGNS)).refusedByAll("identity-changed"),
                row("other workflow: identity change").given(ANCHORED).files(wheel(id(ACME_WHEELS, "111", "222")))
                        .refusedByAll("identity-changed"),
                row("other kind of publisher: identity change").given(ANCHORED).files(wheel(id(GITLAB, "5", "6")))
                        .refusedByAll("identity-changed"),
                row("one file by another identity refuses the package").given(ANCHORED)
                        .files(wheel(ACME_SIGNS), sdist(id(EVIL, "333", "444"))).refusedByAll("identity-changed"),
                row("renamed repository (same ids, other name): an identity change").given(ANCHORED)
                        .files(wheel(id(RENAMED, "111", "222"))).refusedByAll("identity-changed"),
                row("identity change accepted").given(ANCHORED).files(wheel(id(RENAMED, "111", "222"))).approved()
                        .lock(IdentityOutcome.CHANGED_APPROVED, "identity-change-approved")
                        .diff(Verdict.ATTESTED, "identity-change-approved"),
                row("a file also signed by an unlocked identity passes").given(ANCHORED)
                        .files(wheel(ACME_SIGNS, id(EVIL, "333", "444")))
                        .lock(IdentityOutcome.UNCHANGED, "extra-identity").verify(Verdict.ATTESTED),
                row("a lock's claim is held to every identity it names").given(ANCHORED)
                        .files(wheel(ACME_SIGNS, id(EVIL, "333", "444")))
                        .diff(Verdict.FAILED, "identity-changed"),
                row("locked identity no longer used").given(expect(locked(ACME, "111", "222"),
                                locked(GITLAB, "5", "6"))).files(wheel(ACME_SIGNS))
                        .lock(IdentityOutcome.UNCHANGED, "identity-removed").verify(Verdict.ATTESTED),

                // ---- hole 1: re-created repository or owner ----
                row("same names, other repository id: re-created (hole 1)").given(ANCHORED)
                        .files(wheel(id(ACME, "999", "222"))).refusedByAll("identity-recreated"),
                row("same names, other owner id: owner account re-created").given(ANCHORED)
                        .files(wheel(id(ACME, "111", "888"))).refusedByAll("identity-recreated"),
                row("same names, the certificate signs no ids where the lock records them").given(ANCHORED)
                        .files(wheel(id(ACME, null, null))).refusedByAll("identity-recreated"),
                row("re-created, accepted").given(ANCHORED).files(wheel(id(ACME, "999", "888"))).approved()
                        .lock(IdentityOutcome.CHANGED_APPROVED, "identity-change-approved"),
                row("no ids recorded: nothing to compare").given(expect(locked(ACME, null, null)))
                        .files(wheel(id(ACME, "999", "888")))
                        .lock(IdentityOutcome.UNCHANGED).verify(Verdict.ATTESTED).diff(Verdict.ATTESTED),
                row("Google identities carry no ids").given(expect(locked(GOOGLE, null, null)))
                        .files(wheel(id(GOOGLE, null, null))).lock(IdentityOutcome.UNCHANGED)
                        .verify(Verdict.ATTESTED),

                // ---- hole 6: per kind, where the lock shows the split ----
                row("the lock shows the split: a wheel signed by the sdist workflow").given(split)
                        .files(wheel(ACME_SIGNS)).refusedByAll("identity-changed"),
                row("the lock shows the split: each kind by its own workflow").given(split)
                        .files(wheel(id(ACME_WHEELS, "111", "222")), sdist(ACME_SIGNS))
                        .lock(IdentityOutcome.UNCHANGED).verify(Verdict.ATTESTED).diff(Verdict.ATTESTED),

                // ---- holes 3 and 4: files without attestations ----
                row("attestation missing").given(ANCHORED).files(bare(WHEEL, SHA_W))
                        .refusedByAll("attestation-missing"),
                row("some attestations missing").given(ANCHORED).files(wheel(ACME_SIGNS), bare(SDIST, SHA_S))
                        .refusedByAll("attestation-missing"),
                row("missing, allowed by allow-unattested").given(expect(ALLOWED, locked(ACME, "111", "222")))
                        .files(bare(WHEEL, SHA_W))
                        .lock(IdentityOutcome.DROPPED_ALLOWED, "attestation-missing-allowed")
                        .verify(Verdict.UNATTESTED, "attestation-missing-allowed")
                        .diff(Verdict.UNATTESTED, "attestation-missing-allowed"),
                row("allow-unattested does not allow another identity")
                        .given(expect(ALLOWED, locked(ACME, "111", "222")))
                        .files(wheel(id(EVIL, "333", "444")), bare(SDIST, SHA_S))
                        .refusedByAll("identity-changed", "attestation-missing-allowed"),
                row("required: a file without provenance never satisfies it (hole 3)")
                        .given(expect(REQUIRED, locked(ACME, "111", "222"))).files(wheel(ACME_SIGNS), bare(SDIST,
                                SHA_S)).refusedByAll("attestation-required"),
                row("acceptance does not cover a missing attestation").given(ANCHORED).files(bare(WHEEL, SHA_W))
                        .approved().refusedByAll("attestation-missing"),
                row("the index serves no provenance").given(ANCHORED).files(new CheckedFile(WHEEL, SHA_W,
                        new Evidence.ProvenanceUnsupported("old mirror"))).lock(IdentityOutcome.REFUSED,
                        "provenance-unsupported").verify(Verdict.FAILED, "provenance-unsupported"),
                row("the index serves no provenance, first use").files(new CheckedFile(WHEEL, SHA_W,
                        new Evidence.ProvenanceUnsupported("old mirror")))
                        .lock(IdentityOutcome.UNATTESTED, "provenance-unknown").verify(Verdict.UNATTESTED),

                // ---- what fails whoever publishes ----
                row("invalid provenance").given(ANCHORED).files(new CheckedFile(WHEEL, SHA_W,
                        new Evidence.Invalid("signature: bad"))).refusedByAll("attestation-invalid"),
                row("invalid provenance, first use, even with an acceptance").files(new CheckedFile(WHEEL, SHA_W,
                        new Evidence.Invalid("digest: x"))).approved()
                        .lock(IdentityOutcome.REFUSED, "attestation-invalid")
                        .verify(Verdict.FAILED, "attestation-invalid"),
                row("file not on the index").files(new CheckedFile(WHEEL, SHA_W, new Evidence.NotOnIndex("gone")))
                        .lock(IdentityOutcome.REFUSED, "not-on-index").verify(Verdict.FAILED, "not-on-index"),
                row("the index could not be asked: undecided, never a pass").given(ANCHORED)
                        .files(new CheckedFile(WHEEL, SHA_W, new Evidence.Unchecked("timeout", false, List.of())))
                        .verify(Verdict.INCOMPLETE, "lookup-failed"),
                row("offline and not in cache: undecided").given(ANCHORED)
                        .files(new CheckedFile(WHEEL, SHA_W, new Evidence.Unchecked("miss", true, List.of())))
                        .verify(Verdict.INCOMPLETE, "not-in-cache")).map(RowBuilder::build);
    }

    static Stream<Object[]> cases() {
        return rows().flatMap(r -> r.decisions().entrySet().stream()
                .map(e -> new Object[] {r.name() + " [" + e.getKey().name().toLowerCase() + "]", r, e.getKey()}));
    }

    static PackageDecision decide(Row r, Command command) {
        return TrustRules.decide(r.expected(), r.files(), new TrustRules.Context(command, Optional.of("2.0"),
                r.approver(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String label, Row row, Command command) {
        PackageDecision d = decide(row, command);
        Expected e = row.decisions().get(command);
        assertThat(d.findings()).extracting(f -> f.code().code()).as("codes")
                .containsExactlyInAnyOrderElementsOf(e.codes());
        e.outcome().ifPresent(o -> assertThat(d.outcome()).isEqualTo(o));
        if (e.verdict() != null) {
            assertThat(d.verdict()).isEqualTo(e.verdict());
        }
        assertThat(d.refused()).isEqualTo(d.findings().stream().anyMatch(Finding::isFailure));
        if (d.refused()) {
            assertThat(d.identities()).as("nothing is recorded when refused").isEmpty();
            assertThat(d.approved()).isEmpty();
            assertThat(d.outcome()).isEqualTo(IdentityOutcome.REFUSED);
        }
        for (Finding f : d.findings()) {
            assertThat(f.severity()).isEqualTo(f.code().severity());
            assertThat(f.code().commands()).as(f.code() + " is documented for " + command).contains(command);
            assertThat(f.message()).startsWith(f.code() == FindingCode.IDENTITY_CHANGE_APPROVED
                    || f.code() == FindingCode.EXTRA_IDENTITY ? "" : "widget");
        }
    }

    /**
     * One rule, one answer: where a row applies to several commands, they fail it with the same codes. The one
     * exception is a package without locked identities, which {@code verify} has nothing to hold to (it passes
     * unattested) while {@code lock} and {@code diff} anchor it: there, lock and diff must agree.
     */
    @Test
    void lockVerifyAndDiffAgreeOnEveryRowTheyShare() {
        List<String> disagreements = new ArrayList<>();
        List<Row> all = rows().toList();
        for (Row r : all) {
            Map<Command, Set<String>> failures = new EnumMap<>(Command.class);
            for (Command c : r.decisions().keySet()) {
                if (r.expected().anchored() || c != Command.VERIFY) {
                    failures.put(c, decide(r, c).findings().stream().filter(Finding::isFailure)
                            .map(f -> f.code().code()).collect(Collectors.toCollection(TreeSet::new)));
                }
            }
            if (failures.values().stream().distinct().count() > 1) {
                disagreements.add(r.name() + ": " + failures);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(all).hasSizeGreaterThan(40);
    }

    @Test
    void anIdentityChangeNamesPackageOldAndNewIdentityAndTheSignedClaims() {
        PackageDecision d = TrustRules.decide(ANCHORED, List.of(sdist(id(EVIL, "333", "444"))),
                new TrustRules.Context(Command.LOCK, Optional.of("2.0"), Approver.NONE, Optional.empty()));
        Finding f = d.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.FAILURE);
        assertThat(f.message()).isEqualTo("widget 2.0: publisher identity changed: locked GitHub acme/widget "
                + "(release.yml), but widget-2.0.tar.gz is signed by GitHub evil/widget (release.yml) (repository "
                + "acme/widget -> evil/widget)");
        assertThat(f.detail()).isEqualTo("expected: GitHub acme/widget (release.yml)\nfound:    GitHub evil/widget "
                + "(release.yml)\nsigned claims: different signed repository id 333 (locked: 111) and owner id 444 "
                + "(locked: 222): a different repository in another account");
        assertThat(f.hint()).isEqualTo("if you trust the new publisher, run pylock-trust lock "
                + "--accept-identity-change widget --reason \"<why>\"; the approval is recorded in the lock for "
                + "review; otherwise do not install it");
        assertThat(f.location()).contains(new SourceLocation("pylock.toml", 7));
        assertThat(f.file()).contains(SDIST);
    }

    @Test
    void severalIdentitiesAtFirstUseSayWhetherOneFileOrTheReleaseHasThem() {
        TrustRules.Context lock = new TrustRules.Context(Command.LOCK, Optional.of("2.0"), Approver.NONE,
                Optional.empty());
        PackageDecision oneFile = TrustRules.decide(NEW, List.of(wheel(ACME_SIGNS, id(ACME_WHEELS, "111", "222"))),
                lock);
        assertThat(oneFile.findings()).singleElement().extracting(Finding::message).isEqualTo("widget 2.0: at first "
                + "use, " + WHEEL + " is attested by more than one identity: GitHub acme/widget (release.yml) and "
                + "GitHub acme/widget (wheels.yml)");
        PackageDecision twoRepositories = TrustRules.decide(NEW, List.of(wheel(ACME_SIGNS), sdist(id(GITLAB, "5",
                "6"))), lock);
        assertThat(twoRepositories.findings()).singleElement().extracting(Finding::message).isEqualTo("widget 2.0: "
                + "at first use, " + SDIST + " is attested by GitLab acme/widget (.gitlab-ci.yml), the release's "
                + "other files by GitHub acme/widget (release.yml), another repository");
    }

    @Test
    void atFirstUseOnlyIdentitiesThatSignAFileAsItsSignerAreRecorded() {
        PackageDecision d = TrustRules.decide(NEW, List.of(wheel(ACME_SIGNS, id(ACME_WHEELS, "111", "222")),
                sdist(ACME_SIGNS)), new TrustRules.Context(Command.LOCK, Optional.of("2.0"), ACCEPT, Optional.empty()));
        assertThat(d.identities()).containsExactly(ACME);
        assertThat(d.files()).extracting(FileVerdict::signer).containsOnly(Optional.of(ACME));
        assertThat(d.findings()).filteredOn(f -> f.code() == FindingCode.EXTRA_IDENTITY).singleElement()
                .extracting(Finding::message).isEqualTo("widget 2.0: " + WHEEL + " is also signed by GitHub "
                        + "acme/widget (wheels.yml), which is not locked; it is not recorded");
        PackageDecision twoRepositories = TrustRules.decide(NEW, List.of(wheel(ACME_SIGNS), sdist(id(GITLAB, "5",
                "6"))), new TrustRules.Context(Command.LOCK, Optional.of("2.0"), ACCEPT, Optional.empty()));
        assertThat(twoRepositories.identities()).containsExactly(ACME, GITLAB);
    }

    @Test
    void aRecreatedIdentityShowsTheRecordedAndTheSignedIds() {
        PackageDecision d = TrustRules.decide(ANCHORED, List.of(wheel(id(ACME, "999", "222"))),
                new TrustRules.Context(Command.VERIFY, Optional.of("2.0"), Approver.NONE, Optional.empty()));
        Finding f = d.findings().get(0);
        assertThat(f.code()).isEqualTo(FindingCode.IDENTITY_RECREATED);
        assertThat(f.detail()).isEqualTo("expected: GitHub acme/widget (release.yml) with repository id 111, owner id "
                + "222\nfound:    GitHub acme/widget (release.yml) with repository id 999, owner id 222");
        assertThat(d.files()).singleElement().extracting(FileVerdict::verdict).isEqualTo(Verdict.FAILED);
    }

    @Test
    void anApprovedTransitionCarriesTheOldAndNewIds() {
        PackageDecision d = TrustRules.decide(ANCHORED, List.of(wheel(id(ACME, "999", "888"))),
                new TrustRules.Context(Command.LOCK, Optional.of("2.0"), ACCEPT, Optional.empty()));
        assertThat(d.approved()).singleElement().satisfies(a -> {
            assertThat(a.transition().kind()).isEqualTo(Transition.Kind.RECREATED);
            assertThat(a.transition().fromIds()).isEqualTo(new SignedIds(Optional.of("111"), Optional.of("222")));
            assertThat(a.transition().toIds()).isEqualTo(new SignedIds(Optional.of("999"), Optional.of("888")));
        });
        assertThat(d.identities()).containsExactly(ACME);
        assertThat(d.files()).singleElement().extracting(FileVerdict::signer).isEqualTo(Optional.of(ACME));
    }

    /** What the numeric ids say, for each combination (the names alone can be re-registered by anyone). */
    static Stream<Object[]> claims() {
        return Stream.of(
                new Object[] {RENAMED, "111", "222", "same signed repository id 111 and owner id 222: the repository "
                        + "was renamed"},
                new Object[] {ACME_WHEELS, "111", "222", "same signed repository id 111 and owner id 222: the same "
                        + "repository now publishes from another workflow or environment"},
                new Object[] {EVIL, "111", "999", "same signed repository id 111, so the repository was renamed or "
                        + "transferred; different owner id 999 (locked: 222), so it moved to another account"},
                new Object[] {RENAMED, "555", "222", "different signed repository id 555 (locked: 111) under the same "
                        + "owner id 222: another repository of the same account"},
                new Object[] {EVIL, "333", "444", "different signed repository id 333 (locked: 111) and owner id 444 "
                        + "(locked: 222): a different repository in another account"},
                new Object[] {GOOGLE, null, null, "the new certificate carries no repository or owner id to compare"});
    }

    @ParameterizedTest
    @MethodSource("claims")
    void theSignedIdsExplainTheChange(Publisher now, String repoId, String ownerId, String expected) {
        PackageDecision d = TrustRules.decide(ANCHORED, List.of(wheel(id(now, repoId, ownerId))),
                new TrustRules.Context(Command.LOCK, Optional.of("2.0"), Approver.NONE, Optional.empty()));
        assertThat(d.findings()).singleElement().satisfies(f -> assertThat(f.detail()).endsWith("signed claims: "
                + expected));
    }

    @Test
    void aChangedHashForTheSameFileIsRefusedEvenWithAnAcceptanceAndUnderAnotherSpelling() {
        Expectation old = new Expectation("widget", true, List.of(), List.of(new PriorFile(Optional.of("2.0"),
                "Widget-2.0-py3-none-any.whl", SHA_S, false, Optional.of(new SourceLocation("pylock.toml", 12)))),
                PackageRules.NONE, Optional.of(new SourceLocation("pylock.toml", 7)));
        PackageDecision d = TrustRules.decide(old, List.of(bare(WHEEL, SHA_W)), new TrustRules.Context(Command.LOCK,
                Optional.of("2.0"), ACCEPT, Optional.empty()));
        assertThat(d.findings()).extracting(f -> f.code().code() + " " + f.location().orElseThrow().line())
                .containsExactly("hash-changed 12");
        assertThat(d.findings().get(0).message()).isEqualTo("widget 2.0: " + WHEEL + " has sha256 " + SHA_W
                + " on the index, but the lock has " + SHA_S + " for the same file");
        // Another version with that file name is not the same file.
        PackageDecision upgrade = TrustRules.decide(old, List.of(bare("widget-3.0-py3-none-any.whl", SHA_W)),
                new TrustRules.Context(Command.LOCK, Optional.of("3.0"), Approver.NONE, Optional.empty()));
        assertThat(upgrade.refused()).isFalse();
    }

    @Test
    void directSourcesCannotKeepLockedIdentitiesUnlessAllowed() {
        TrustRules.Context lock = new TrustRules.Context(Command.LOCK, Optional.empty(), ACCEPT, Optional.empty());
        assertThat(TrustRules.decideDirect(ANCHORED, "vcs", lock).findings()).extracting(f -> f.code().code())
                .containsExactly("unverifiable-source");
        assertThat(TrustRules.decideDirect(expect(ALLOWED, locked(ACME, "1", "2")), "vcs", lock).outcome())
                .isEqualTo(IdentityOutcome.DROPPED_ALLOWED);
        assertThat(TrustRules.decideDirect(Expectation.none("widget", REQUIRED, Optional.empty()), "archive", lock)
                .findings()).extracting(f -> f.code().code()).containsExactly("attestation-required");
        assertThat(TrustRules.decideDirect(NEW, "directory", lock).findings()).extracting(f -> f.code().code())
                .containsExactly("not-from-index");
        TrustRules.Context verify = new TrustRules.Context(Command.VERIFY, Optional.empty(), Approver.NONE,
                Optional.empty());
        assertThat(TrustRules.decideDirect(NEW, "directory", verify).findings()).isEmpty();
        assertThat(TrustRules.decideDirect(ANCHORED, "directory", verify).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void everyTrustCodeHasARow() {
        Set<String> covered = rows().flatMap(r -> r.decisions().values().stream()).flatMap(e -> e.codes().stream())
                .collect(Collectors.toSet());
        Set<FindingCode> trust = EnumSet.of(FindingCode.IDENTITY_CHANGED, FindingCode.IDENTITY_RECREATED,
                FindingCode.IDENTITY_AMBIGUOUS, FindingCode.IDENTITY_CHANGE_APPROVED,
                FindingCode.IDENTITY_AMBIGUOUS_APPROVED, FindingCode.ATTESTATION_INVALID,
                FindingCode.ATTESTATION_MISSING, FindingCode.ATTESTATION_MISSING_ALLOWED,
                FindingCode.PROVENANCE_UNSUPPORTED, FindingCode.PROVENANCE_UNKNOWN, FindingCode.ATTESTATION_REQUIRED,
                FindingCode.NOT_ON_INDEX, FindingCode.LOOKUP_FAILED, FindingCode.NOT_IN_CACHE, FindingCode.FIRST_USE,
                FindingCode.IDENTITY_REMOVED, FindingCode.EXTRA_IDENTITY);
        assertThat(covered).containsAll(trust.stream().map(FindingCode::code).toList());
    }
}
