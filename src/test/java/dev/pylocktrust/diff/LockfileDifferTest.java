package dev.pylocktrust.diff;

import static dev.pylocktrust.diff.DiffScenarios.FILES;
import static dev.pylocktrust.diff.DiffScenarios.github;
import static dev.pylocktrust.diff.DiffScenarios.gitlab;
import static dev.pylocktrust.diff.DiffScenarios.pkg;
import static dev.pylocktrust.diff.DiffScenarios.sha;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockEdits;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.LockfileWriter;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.SourceMap;
import dev.pylocktrust.lock.TrustPolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The diff engine on lockfiles built in memory: what counts as a change, of which kind, and in which order. */
class LockfileDifferTest {
    private static final AttestationIdentity SAMPLE = github("pypa/sampleproject", "release.yml", "pypi");

    static ParsedLockfile parsed(String file, List<LockedPackage> packages, TrustPolicy policy) {
        return new ParsedLockfile(file, Lockfile.of(Optional.empty(), packages, policy), SourceMap.empty(),
                List.of());
    }

    static List<Change> diff(List<LockedPackage> base, List<LockedPackage> head) {
        return diff(base, head, TrustPolicy.EMPTY);
    }

    static List<Change> diff(List<LockedPackage> base, List<LockedPackage> head, TrustPolicy headPolicy) {
        return new LockfileDiffer().diff(parsed("base", base, TrustPolicy.EMPTY), parsed("head", head, headPolicy))
                .changes();
    }

    static TrustPolicy approving(String pkg, AttestationIdentity from, AttestationIdentity to) {
        return TrustPolicy.EMPTY.withApprovedChange(new ApprovedIdentityChange(pkg, from, to, "moved",
                LocalDate.of(2026, 1, 31), Optional.empty()));
    }

    @Test
    void identicalLockfilesHaveNoChanges() {
        var packages = List.of(pkg("sampleproject", "4.0.0", SAMPLE), pkg("idna", "3.10"));
        assertThat(diff(packages, packages)).isEmpty();
    }

    @Test
    void orderOfPackagesDoesNotMatter() {
        var a = pkg("sampleproject", "4.0.0", SAMPLE);
        var b = pkg("idna", "3.10");
        assertThat(diff(List.of(a, b), List.of(b, a))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "pypa/sampleproject, PyPA/SampleProject, same",   // GitHub repositories compare case-insensitively
        "pypa/sampleproject, pypa/sampleproject2, changed",
    })
    void githubRepositoryComparison(String before, String after, String expected) {
        var changes = diff(List.of(pkg("sampleproject", "4.0.0", github(before, "release.yml", "pypi"))),
                List.of(pkg("sampleproject", "4.0.0", github(after, "release.yml", "pypi"))));
        assertThat(changes.isEmpty() ? "same" : "changed").isEqualTo(expected);
    }

    @Test
    void environmentRulesComeFromTheAttestationLayer() {
        // GitHub environments: case-insensitive, and empty equals absent (older PyPI records say "").
        assertThat(diff(List.of(pkg("a", "1.0", github("o/a", "r.yml", "PyPI"))),
                List.of(pkg("a", "1.0", github("o/a", "r.yml", "pypi"))))).isEmpty();
        assertThat(diff(List.of(pkg("a", "1.0", github("o/a", "r.yml", ""))),
                List.of(pkg("a", "1.0", github("o/a", "r.yml", null))))).isEmpty();
        // GitLab environments keep their case.
        AttestationIdentity prod = AttestationIdentity.of(Map.of("kind", "GitLab", "repository", "g/a",
                "workflow_filepath", ".gitlab-ci.yml", "environment", "Prod"));
        AttestationIdentity lower = AttestationIdentity.of(Map.of("kind", "GitLab", "repository", "g/a",
                "workflow_filepath", ".gitlab-ci.yml", "environment", "prod"));
        assertThat(diff(List.of(pkg("a", "1.0", prod)), List.of(pkg("a", "1.0", lower))))
                .singleElement().isInstanceOf(Change.IdentityChanged.class);
        // A changed environment is an identity change.
        assertThat(diff(List.of(pkg("a", "1.0", github("o/a", "r.yml", "pypi"))),
                List.of(pkg("a", "1.0", github("o/a", "r.yml", null)))))
                .singleElement().isInstanceOf(Change.IdentityChanged.class);
    }

    @Test
    void aMalformedIdentityOnlyEqualsTheSameKeysAndValues() {
        AttestationIdentity noWorkflow = AttestationIdentity.of(Map.of("kind", "GitHub", "repository", "o/a"));
        AttestationIdentity noWorkflowOtherCase = AttestationIdentity.of(Map.of("kind", "GitHub", "repository",
                "O/A"));
        assertThat(diff(List.of(pkg("a", "1.0", noWorkflow)), List.of(pkg("a", "1.0", noWorkflow)))).isEmpty();
        assertThat(diff(List.of(pkg("a", "1.0", noWorkflow)), List.of(pkg("a", "1.0", noWorkflowOtherCase))))
                .singleElement().isInstanceOf(Change.IdentityChanged.class);
    }

    @Test
    void anApprovalCountsOnlyForTheExactTransition() {
        AttestationIdentity old = gitlab("old-group/sampleproject", ".gitlab-ci.yml");
        AttestationIdentity moved = gitlab("pep740-example/sampleproject", ".gitlab-ci.yml");
        AttestationIdentity other = gitlab("someone-else/sampleproject", ".gitlab-ci.yml");
        var base = List.of(pkg("sampleproject", "1.0", old));
        var head = List.of(pkg("sampleproject", "1.0", moved));
        assertThat(approved(diff(base, head, approving("sampleproject", old, moved)))).isTrue();
        // same identities, written in another case: the attestation layer's rule says they are the same
        assertThat(approved(diff(base, head, approving("sampleproject",
                gitlab("OLD-GROUP/sampleproject", ".gitlab-ci.yml"), moved)))).isTrue();
        assertThat(approved(diff(base, head, approving("sampleproject", other, moved)))).as("wrong from").isFalse();
        assertThat(approved(diff(base, head, approving("sampleproject", old, other)))).as("wrong to").isFalse();
        assertThat(approved(diff(base, head, approving("other-package", old, moved)))).as("wrong package")
                .isFalse();
        assertThat(approved(diff(base, head, TrustPolicy.EMPTY))).isFalse();
    }

    private static boolean approved(List<Change> changes) {
        return changes.stream().filter(Change.IdentityChanged.class::isInstance)
                .map(c -> ((Change.IdentityChanged) c).approved()).findFirst().orElseThrow();
    }

    @Test
    void anAddedIdentityNextToTheOldOneIsAnIdentityChange() {
        AttestationIdentity second = github("pypa/sampleproject", "release-macos.yml", null);
        var c = (Change.IdentityChanged) diff(List.of(pkg("sampleproject", "4.0.0", SAMPLE)),
                List.of(pkg("sampleproject", "4.0.0", SAMPLE, second))).get(0);
        assertThat(c.removed()).isEmpty();
        assertThat(c.added()).extracting(Change.AddedIdentity::identity).containsExactly(second);
        assertThat(c.approved()).isFalse();
    }

    @Test
    void fewerIdentitiesIsRoutineAndFirstIdentitiesAreTrustOnFirstUse() {
        AttestationIdentity second = github("pypa/sampleproject", "release-macos.yml", null);
        assertThat(diff(List.of(pkg("sampleproject", "4.0.0", SAMPLE, second)),
                List.of(pkg("sampleproject", "4.0.0", SAMPLE))))
                .singleElement().satisfies(c -> {
                    assertThat(c).isInstanceOf(Change.IdentitiesRemoved.class);
                    assertThat(c.risk()).isEqualTo(Risk.ROUTINE);
                });
        assertThat(diff(List.of(pkg("sampleproject", "4.0.0")), List.of(pkg("sampleproject", "4.0.0", SAMPLE))))
                .singleElement().satisfies(c -> {
                    assertThat(c).isInstanceOf(Change.IdentitiesFirstRecorded.class);
                    assertThat(c.risk()).isEqualTo(Risk.MEMBERSHIP);
                });
    }

    @Test
    void losingEveryIdentityIsALossUnlessHeadAllowsThePackageUnattested() {
        var base = List.of(pkg("sampleproject", "4.0.0", SAMPLE));
        var head = List.of(pkg("sampleproject", "4.0.1"));
        var lost = (Change.AttestationsLost) diff(base, head).get(0);
        assertThat(lost.files()).isEmpty();
        assertThat(lost.allowedUnattested()).isFalse();
        assertThat(FailOn.identity.fails(lost)).isTrue();
        TrustPolicy allow = new TrustPolicy(new TreeSet<>(), new TreeSet<>(List.of("sampleproject")), List.of());
        var allowed = (Change.AttestationsLost) diff(base, head, allow).get(0);
        assertThat(allowed.allowedUnattested()).isTrue();
        assertThat(FailOn.identity.fails(allowed)).isFalse();
    }

    @Test
    void aFileWhoseCounterpartWasVerifiedAndNowHasNoProvenanceLostItsAttestation() {
        LockedPackage base = pkg("sampleproject", "4.0.0", SAMPLE);
        LockedPackage head = pkg("sampleproject", "4.0.1", SAMPLE);
        List<FileAttestationRecord> records = new ArrayList<>(head.attestationRecords());
        FileAttestationRecord wheel = records.get(1);
        records.set(1, new FileAttestationRecord(wheel.filename(), wheel.sha256(), FileAttestationRecord.Status.FAILED,
                OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        var changes = diff(List.of(base), List.of(head.withAttestations(head.attestationIdentities(), records)));
        var lost = (Change.AttestationsLost) changes.get(0);
        assertThat(lost.files()).containsExactly(new Change.LostFile("sampleproject-4.0.1-py3-none-any.whl",
                "sampleproject-4.0.0-py3-none-any.whl", "failed"));
        // a file without any record in HEAD says nothing
        assertThat(diff(List.of(base), List.of(head.withAttestations(head.attestationIdentities(), List.of()))))
                .noneMatch(Change.AttestationsLost.class::isInstance);
    }

    @Test
    void sameFileOtherHashAndHashesThatCannotBeCompared() {
        LockedPackage base = pkg("idna", "3.10");
        LockedFile wheel = base.wheels().get(0);
        LockedFile rebuilt = LockedFile.of(wheel.url().orElseThrow(), sha("rebuilt"));
        var changes = diff(List.of(base), List.of(LockEdits.withIndex(LockedPackage.of("idna", "3.10",
                base.sdist(), List.of(rebuilt)), DiffScenarios.PYPI)));
        var hash = (Change.HashChanged) changes.get(0);
        assertThat(hash.files()).singleElement().satisfies(f -> assertThat(f.comparable()).isTrue());

        LockedFile blake = new LockedFile(Optional.empty(), wheel.url(), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), new TreeMap<>(Map.of("blake2b", "00ff")), wheel.extra());
        var other = (Change.HashChanged) diff(List.of(base), List.of(LockEdits.withIndex(LockedPackage.of("idna", "3.10",
                base.sdist(), List.of(blake)), DiffScenarios.PYPI))).get(0);
        assertThat(other.files()).singleElement().satisfies(f -> assertThat(f.comparable()).isFalse());
    }

    @Test
    void filesComparedByParsedNameNotSpelling() {
        String url = FILES + "PyJWT-2.10.1-py3-none-any.whl";
        LockedFile asUrl = LockedFile.of(url, sha(url));
        LockedFile named = LockEdits.withName(asUrl, "pyjwt-2.10.1-py3-none-any.whl");
        assertThat(diff(List.of(LockedPackage.of("pyjwt", "2.10.1", Optional.empty(), List.of(asUrl))),
                List.of(LockedPackage.of("pyjwt", "2.10.1", Optional.empty(), List.of(named))))).isEmpty();
    }

    @Test
    void hostsAndPaths() {
        LockedPackage base = pkg("idna", "3.10");
        LockedFile wheel = base.wheels().get(0);
        // same host, other path: routine
        String moved = FILES + "aa/bb/idna-3.10-py3-none-any.whl";
        var sameHost = diff(List.of(base), List.of(LockEdits.withIndex(LockedPackage.of("idna", "3.10",
                base.sdist(), List.of(LockedFile.of(moved, wheel.sha256().orElseThrow()))), DiffScenarios.PYPI)));
        assertThat(sameHost).singleElement().isInstanceOfSatisfying(Change.FilesChanged.class,
                c -> assertThat(c.relocated()).containsExactly("idna-3.10-py3-none-any.whl"));
        // a local path instead of the URL: another origin
        LockedFile local = new LockedFile(Optional.empty(), Optional.empty(), Optional.of("wheels/idna-3.10-py3-none"
                + "-any.whl"), OptionalLong.empty(), Optional.empty(), wheel.hashes(), wheel.extra());
        var toPath = diff(List.of(base), List.of(LockEdits.withIndex(LockedPackage.of("idna", "3.10",
                base.sdist(), List.of(local)), DiffScenarios.PYPI)));
        assertThat(toPath).singleElement().isInstanceOfSatisfying(Change.FilesFromNewHost.class,
                c -> assertThat(c.files()).singleElement().satisfies(f -> {
                    assertThat(f.headOrigin()).isEqualTo("local path");
                    assertThat(f.baseLocation()).contains(wheel.url().orElseThrow());
                }));
        // credentials never reach a message
        String secret = "https://user:token@mirror.example/idna-3.10-py3-none-any.whl";
        var cred = (Change.FilesFromNewHost) diff(List.of(base), List.of(LockEdits.withIndex(LockedPackage.of("idna",
                "3.10", base.sdist(), List.of(LockedFile.of(secret, wheel.sha256().orElseThrow()))),
                DiffScenarios.PYPI))).get(0);
        assertThat(cred.files().get(0).headLocation()).isEqualTo("https://***@mirror.example/idna-3.10-py3-none"
                + "-any.whl");
        assertThat(cred.files().get(0).headOrigin()).isEqualTo("https://mirror.example");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.9, 1.10, upgrade",
        "1.10, 1.9, downgrade",
        "2.0.0rc1, 2.0.0, upgrade",
        "2.0.0, 2.0.0rc1, downgrade",
        "1.0.post1, 1.0, downgrade",
        "1!0.1, 2.0, downgrade",
        "1.0, 1.0.0, none",
    })
    void versionsComparePep440(String from, String to, String expected) {
        var changes = diff(List.of(pkg("a", from)), List.of(pkg("a", to)));
        String actual = changes.stream().filter(Change.VersionChanged.class::isInstance)
                .map(c -> ((Change.VersionChanged) c).downgrade() ? "downgrade" : "upgrade").findFirst()
                .orElse("none");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void markersAndSpecifiersCompareParsed() {
        LockedPackage a = DiffScenarios.withRequiresPython(pkg("a", "1.0"), ">=3.9,<4")
                .withMarker("sys_platform == 'linux'");
        LockedPackage b = DiffScenarios.withRequiresPython(pkg("a", "1.0"), "<4, >=3.9")
                .withMarker("sys_platform==\"linux\"");
        assertThat(diff(List.of(a), List.of(b))).isEmpty();
        assertThat(diff(List.of(a), List.of(b.withMarker("sys_platform == 'darwin'"))))
                .singleElement().isInstanceOf(Change.MarkerChanged.class);
    }

    @Test
    void severalEntriesOfOnePackagePairByMarker() {
        LockedPackage old310 = pkg("numpy", "2.1.0").withMarker("python_version >= '3.10'");
        LockedPackage old39 = pkg("numpy", "1.26.4").withMarker("python_version < '3.10'");
        LockedPackage new310 = pkg("numpy", "2.2.0").withMarker("python_version >= '3.10'");
        var changes = diff(List.of(old310, old39), List.of(old39, new310));
        assertThat(changes).singleElement().isEqualTo(new Change.VersionChanged("numpy", "2.1.0", "2.2.0", false,
                java.util.OptionalInt.empty()));
    }

    @Test
    void aNewEntryOfAnAttestedPackageIsHeldToThePackagesIdentities() {
        LockedPackage attested = pkg("numpy", "2.2.0", SAMPLE).withMarker("python_version >= '3.10'");
        LockedPackage unattested = pkg("numpy", "1.26.4").withMarker("python_version < '3.10'");
        assertThat(diff(List.of(attested), List.of(attested, unattested)))
                .filteredOn(Change.AttestationsLost.class::isInstance).singleElement()
                .satisfies(c -> assertThat(FailOn.identity.fails(c)).isTrue());
        LockedPackage other = pkg("numpy", "1.26.4", github("evil/numpy", "release.yml", null))
                .withMarker("python_version < '3.10'");
        assertThat(diff(List.of(attested), List.of(attested, other)))
                .anyMatch(c -> c instanceof Change.IdentityChanged i && !i.approved());
        // An entry BASE already had unattested (recorded so), now under another marker, lost nothing.
        LockedPackage before = unattested.withAttestations(List.of(), unattested.files().stream()
                .map(f -> FileAttestationRecord.noProvenance(f.filename(), f.sha256().orElseThrow())).toList());
        assertThat(diff(List.of(attested, before), List.of(attested, before.withMarker("python_version < '3.9'"))))
                .noneMatch(c -> c instanceof Change.AttestationsLost || c instanceof Change.IdentityChanged);
    }

    @Test
    void changesComeMostSevereFirstAndWorseFirstWithinARank() {
        var base = new ArrayList<>(List.of(pkg("a", "2.0"), pkg("b", "1.0"), pkg("z", "1.0", SAMPLE),
                pkg("y", "1.0", github("o/y", "r.yml", null))));
        var head = new ArrayList<>(List.of(pkg("a", "1.0"), pkg("b", "2.0"), pkg("z", "1.0",
                github("evil/z", "r.yml", null)), pkg("y", "1.0", github("o2/y", "r.yml", null)), pkg("n", "1.0")));
        Collections.shuffle(head, new java.util.Random(7));
        var changes = diff(base, head, approving("y", github("o/y", "r.yml", null), github("o2/y", "r.yml", null)));
        assertThat(changes).extracting(c -> c.getClass().getSimpleName() + " " + c.packageName()).containsExactly(
                "IdentityChanged z",   // unapproved first
                "IdentityChanged y",
                "PackageAdded n",
                "VersionChanged a",    // the downgrade first
                "VersionChanged b",
                "PolicyChanged y");
    }

    @Test
    void linesComeFromHeadsSourceMap() {
        LockfileWriter writer = new LockfileWriter(List.of("pylock-trust", "lock"));
        Lockfile base = Lockfile.of(Optional.empty(), List.of(pkg("sampleproject", "4.0.0", SAMPLE)),
                TrustPolicy.EMPTY);
        Lockfile head = Lockfile.of(Optional.empty(), List.of(pkg("sampleproject", "4.0.0",
                github("evil/sampleproject", "release.yml", "pypi"))), TrustPolicy.EMPTY);
        String text = writer.render(head);
        ParsedLockfile h = new LockfileReader().parse(text, "pylock.toml");
        var change = new LockfileDiffer().diff(new LockfileReader().parse(writer.render(base), "base"), h)
                .changes().get(0);
        int line = change.headLine().orElseThrow();
        assertThat(text.lines().toList().get(line - 1)).isEqualTo("[[packages.attestation-identities]]");
        assertThat(text.lines().toList().get(line + 2)).contains("evil/sampleproject");
    }

    @Test
    void theDiffPackageIsPure() throws java.io.IOException {
        var forbidden = java.util.regex.Pattern.compile("^import\\s+(static\\s+)?(java\\.io\\.|java\\.nio\\.file"
                + "|java\\.nio\\.channels|java\\.time\\.Clock|okhttp3|picocli|dev\\.pylocktrust\\.cli)");
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/dev/pylocktrust/diff"))) {
            for (var source : files.toList()) {
                String text = java.nio.file.Files.readString(source);
                assertThat(text.lines().filter(l -> forbidden.matcher(l.strip()).find()).toList())
                        .as(source.toString()).isEmpty();
                assertThat(text).as(source.toString()).doesNotContain("Instant.now", "System.getenv",
                        "ProcessBuilder", "System.currentTimeMillis");
            }
        }
    }
}
