package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution scenarios on an in-memory index, one behaviour each. */
class ResolverScenarioTest {
    static final TargetEnvironment LINUX = TargetEnvironment.parse("3.12-manylinux_2_28_x86_64");
    static final String HEADER = "cannot resolve the requirements for 3.12-manylinux_2_28_x86_64:\n";

    static Resolution resolve(FakeIndex index, String... requirements) {
        return resolve(index, ResolverOptions.DEFAULT, ResolutionRequest.of(requirements));
    }

    static Resolution resolve(FakeIndex index, ResolverOptions options, ResolutionRequest request) {
        return new Resolver(index, options).resolve(request, LINUX);
    }

    static String failure(FakeIndex index, String... requirements) {
        try {
            resolve(index, requirements);
        } catch (ResolutionException e) {
            assertThat(e.exitCode()).isEqualTo(2);
            return e.getMessage();
        }
        throw new AssertionError("resolution unexpectedly succeeded");
    }

    static Map<String, String> pins(String... nameVersion) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String nv : nameVersion) {
            String[] p = nv.split("==");
            out.put(p[0], p[1]);
        }
        return out;
    }

    // ---- basics -----------------------------------------------------------------------------------------------

    @Test
    void diamondTakesHighestCompatibleVersions() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b, c
                b 1.0: d>=1
                b 2.0: d>=2
                c 1.0: d<3
                d 1.0
                d 2.0
                d 3.0
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0", "b==2.0", "c==1.0", "d==2.0"));
    }

    @Test
    void onlyTheChosenVersionsMetadataIsRead() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b
                a 2.0: b
                b 1.0
                b 2.0
                b 3.0
                """);
        resolve(index, "a");
        assertThat(index.metadataRequests()).isEqualTo(2);
        assertThat(index.metadataRequests("a", "2.0")).isEqualTo(1);
        assertThat(index.metadataRequests("b", "3.0")).isEqualTo(1);
    }

    @Test
    void backtrackingUndoesAnEarlierChoice() {
        // a 2.0 is tried first (highest, listed first), but it needs c==1 while b needs c>=2.
        FakeIndex index = FakeIndex.of("""
                a 1.0: c==2
                a 2.0: c==1
                b 1.0: c>=2
                c 1.0
                c 2.0
                """);
        Resolution r = resolve(index, "a", "b");
        assertThat(r.asStrings()).isEqualTo(pins("a==1.0", "b==1.0", "c==2.0"));
        assertThat(r.stats().conflicts()).isPositive();
    }

    @Test
    void learnedConflictSkipsWholeRangesInsteadOfRetryingEachVersion() {
        // Every a >= 2 needs x<1, which does not exist; PubGrub learns that per version while pip would too, but
        // the unrelated b versions are never re-tried.
        StringBuilder text = new StringBuilder("x 1.0\n");
        for (int i = 1; i <= 30; i++) {
            text.append("a ").append(i).append(".0: x").append(i == 1 ? "" : "<1").append('\n');
            text.append("b ").append(i).append(".0\n");
        }
        Resolution r = resolve(FakeIndex.of(text.toString()), "b", "a");
        assertThat(r.asStrings()).isEqualTo(pins("a==1.0", "b==30.0", "x==1.0"));
        assertThat(r.stats().decisions()).isLessThan(10);
    }

    // ---- extras -----------------------------------------------------------------------------------------------

    @Test
    void extrasAddTheirDependenciesOnlyWhenRequested() {
        FakeIndex index = FakeIndex.of("""
                a 1.0 [extra socks: pysocks>=1.5]: idna
                idna 3.0
                pysocks 1.7
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0", "idna==3.0"));
        Resolution withExtra = resolve(index, "a[socks]");
        assertThat(withExtra.asStrings()).isEqualTo(pins("a==1.0", "idna==3.0", "pysocks==1.7"));
        assertThat(withExtra.get(PackageName.of("a")).orElseThrow().extras()).containsExactly("socks");
        assertThat(withExtra.get(PackageName.of("a")).orElseThrow().dependencies())
                .containsExactlyInAnyOrder(PackageName.of("idna"), PackageName.of("pysocks"));
    }

    @Test
    void selfReferencingExtrasResolve() {
        // pkg[dev] depends on pkg[test], which brings pytest; all at the same version of pkg.
        FakeIndex index = FakeIndex.of("""
                pkg 1.0 [extra test: pytest] [extra dev: pkg[test], black]
                pkg 2.0 [extra test: pytest>=8] [extra dev: pkg[test], black]
                pytest 7.0
                pytest 8.1
                black 24.1
                """);
        assertThat(resolve(index, "pkg[dev]").asStrings())
                .isEqualTo(pins("black==24.1", "pkg==2.0", "pytest==8.1"));
        assertThat(resolve(index, "pkg[dev]", "pytest<8").asStrings())
                .isEqualTo(pins("black==24.1", "pkg==1.0", "pytest==7.0"));
    }

    @Test
    void extraAndBaseStayOnOneVersion() {
        // b[x] exists only in 1.0; the base requirement b>=1 alone would pick 2.0.
        FakeIndex index = FakeIndex.of("""
                a 1.0: b[x]
                b 1.0 [extra x: c]
                b 2.0
                c 1.0
                """);
        assertThat(resolve(index, "b>=1", "a").asStrings()).isEqualTo(pins("a==1.0", "b==2.0"));
        Resolution r = resolve(index, "b>=1", "a");
        assertThat(r.warnings()).extracting(Object::toString)
                .containsExactly("b 2.0 does not provide the extra 'x'");
    }

    // ---- markers ----------------------------------------------------------------------------------------------

    @Test
    void markersAreEvaluatedForTheTarget() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: colorama; sys_platform == "win32", uvloop; sys_platform != "win32", old; python_version < "3.10"
                colorama 0.4
                uvloop 0.19
                old 1.0
                """);
        Resolver resolver = new Resolver(index, ResolverOptions.DEFAULT);
        assertThat(resolver.resolve(ResolutionRequest.of("a"), LINUX).asStrings())
                .isEqualTo(pins("a==1.0", "uvloop==0.19"));
        assertThat(resolver.resolve(ResolutionRequest.of("a"), TargetEnvironment.parse("3.9-win_amd64")).asStrings())
                .isEqualTo(pins("a==1.0", "colorama==0.4", "old==1.0"));
    }

    // ---- yanked, pre-releases, Requires-Python ----------------------------------------------------------------

    @Test
    void yankedReleasesAreSkippedUnlessPinned() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0 [yanked broken build]
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0"));
        Resolution pinned = resolve(index, "a==2.0");
        assertThat(pinned.asStrings()).isEqualTo(pins("a==2.0"));
        assertThat(pinned.warnings()).extracting(Object::toString).containsExactly(
                "a 2.0 is yanked, with the reason \"broken build\"; selected only because a requirement pins it");
        assertThat(failure(index, "a>=2")).isEqualTo(HEADER + """
                Because you require a>=2 (only yanked 2.0 matches; a yanked release needs an exact pin such as \
                ==2.0), your requirements cannot be satisfied.""");
    }

    @Test
    void yankedReleasePinnedByADependencyNeedsEveryRequirementToAdmitIt() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b==2.0
                b 1.0
                b 2.0 [yanked]
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0", "b==2.0"));
        assertThat(failure(index, "a", "b")).isEqualTo(HEADER + """
                Because every version of a depends on b==2.0 and you require b (excluding yanked 2.0), no version of \
                a can be used.
                So, because you require a, your requirements cannot be satisfied.""");
        // The user's own pin admits it everywhere.
        assertThat(resolve(index, "a", "b==2.0").asStrings()).isEqualTo(pins("a==1.0", "b==2.0"));
    }

    @Test
    void yankedFileOfAReleaseIsLeftOutButTheReleaseStays() {
        FakeIndex index = new FakeIndex();
        index.add("a", "1.0");
        Candidate c = index.candidates(PackageName.of("a")).get(0);
        assertThat(c.yanked()).isFalse();
        Resolution r = resolve(index, "a");
        assertThat(r.get(PackageName.of("a")).orElseThrow().files()).extracting(DistFile::name)
                .containsExactly("a-1.0-py3-none-any.whl");
    }

    @Test
    void preReleasesOnlyWhenAskedOrTheOnlyMatch() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0b1
                only 1.0a1
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0"));
        assertThat(resolve(index, "a>=2.0b1").asStrings()).isEqualTo(pins("a==2.0b1"));
        assertThat(resolve(index, "a>=1.5").asStrings()).isEqualTo(pins("a==2.0b1"));
        assertThat(resolve(index, "only").asStrings()).isEqualTo(pins("only==1.0a1"));
        assertThat(resolve(index, ResolverOptions.DEFAULT.withPrereleases(true), ResolutionRequest.of("a"))
                .asStrings()).isEqualTo(pins("a==2.0b1"));
    }

    @Test
    void preReleaseIsAdmittedPerRequirement() {
        // a needs b>=2.0rc1; the user's plain "b" does not admit pre-releases (PEP 440 reads each specifier alone).
        FakeIndex index = FakeIndex.of("""
                a 1.0: b>=2.0rc1
                b 1.0
                b 2.0rc1
                """);
        assertThat(failure(index, "a", "b")).isEqualTo(HEADER + """
                Because every version of a depends on b>=2.0rc1 and you require b (excluding pre-release 2.0rc1), no \
                version of a can be used.
                So, because you require a, your requirements cannot be satisfied.""");
        // Naming a pre-release in the user's own requirements admits them for that package everywhere.
        assertThat(resolve(index, "a", "b>=1.0rc1").asStrings()).isEqualTo(pins("a==1.0", "b==2.0rc1"));
    }

    @Test
    void preReleaseNamedByADependencyIsAllowed() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b>=2.0rc1
                b 1.0
                b 2.0rc1
                b 2.0rc2
                """);
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0", "b==2.0rc2"));
    }

    @Test
    void requiresPythonOfFilesAndMetadataIsHonoured() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0 [requires-python >=3.13]
                b 1.0
                """);
        // b 2.0's index entry says nothing; only its metadata has Requires-Python.
        index.add("b", "2.0");
        FakeIndex.Release b2 = index.add("b", "2.1");
        b2.requiresPython(">=3.13");
        assertThat(resolve(index, "a", "b").asStrings()).isEqualTo(pins("a==1.0", "b==2.0"));
        assertThat(failure(index, "a>=2")).isEqualTo(HEADER + """
                Because a 2.0 cannot be used (2.0 requires Python >=3.13, not 3.12) and you require a>=2, your \
                requirements cannot be satisfied.""");
    }

    @Test
    void requiresPythonFoundOnlyInMetadataIsAnUnusableVersion() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0
                """);
        index.releases(PackageName.of("a")).get(1).metadataRequiresPython(">=3.13");
        assertThat(resolve(index, "a").asStrings()).isEqualTo(pins("a==1.0"));
        assertThat(failure(index, "a==2.0")).isEqualTo(HEADER + """
                Because a 2.0 requires Python >=3.13, not 3.12 and you require a==2.0, your requirements cannot be \
                satisfied.""");
    }

    // ---- constraints and locked versions ----------------------------------------------------------------------

    @Test
    void constraintsRestrictButNeverAdd() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b
                b 1.0
                b 2.0
                c 1.0
                """);
        ResolutionRequest request = ResolutionRequest.of("a")
                .withConstraints(List.of(Requirement.parse("b<2"), Requirement.parse("c==1.0")));
        assertThat(resolve(index, ResolverOptions.DEFAULT, request).asStrings()).isEqualTo(pins("a==1.0", "b==1.0"));
    }

    @Test
    void constraintConflictIsExplained() {
        FakeIndex index = FakeIndex.of("""
                b 1.0
                b 2.0
                """);
        ResolutionRequest request = ResolutionRequest.of("b>=2").withConstraints(List.of(Requirement.parse("b<2")));
        assertThatThrownBy(() -> resolve(index, ResolverOptions.DEFAULT, request))
                .isInstanceOf(ResolutionException.class).hasMessage(HEADER + """
                Because your constraint b<2 excludes b 2.0 and you require b>=2, your requirements cannot be \
                satisfied.""");
    }

    @Test
    void constraintsMayNotRequestExtras() {
        assertThatThrownBy(() -> ResolutionRequest.of("a").withConstraints(List.of(Requirement.parse("b[x]<2"))))
                .hasMessage("constraint 'b[x]<2' requests extras; a constraint can only restrict versions");
    }

    @Test
    void lockedVersionsAreKeptUnlessUpgraded() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b
                a 2.0: b
                b 1.0
                b 2.0
                """);
        List<LockedVersion> locked = List.of(LockedVersion.of("a", "1.0"), LockedVersion.of("b", "1.0"));
        ResolutionRequest base = ResolutionRequest.of("a");
        assertThat(resolve(index, ResolverOptions.DEFAULT, base.withLocked(locked, UpgradePolicy.KEEP_LOCKED))
                .asStrings()).isEqualTo(pins("a==1.0", "b==1.0"));
        assertThat(resolve(index, ResolverOptions.DEFAULT, base.withLocked(locked, UpgradePolicy.ALL)).asStrings())
                .isEqualTo(pins("a==2.0", "b==2.0"));
        assertThat(resolve(index, ResolverOptions.DEFAULT,
                base.withLocked(locked, UpgradePolicy.only(java.util.Set.of(PackageName.of("b"))))).asStrings())
                .isEqualTo(pins("a==1.0", "b==2.0"));
    }

    @Test
    void lockedVersionsApplyWhereTheirMarkerHolds() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0
                a 3.0
                """);
        List<LockedVersion> locked = List.of(
                new LockedVersion(PackageName.of("a"), Version.parse("1.0"),
                        java.util.Optional.of(dev.pylocktrust.python.Marker.parse("sys_platform == 'win32'"))),
                new LockedVersion(PackageName.of("a"), Version.parse("2.0"),
                        java.util.Optional.of(dev.pylocktrust.python.Marker.parse("sys_platform == 'linux'"))));
        Resolver resolver = new Resolver(index, ResolverOptions.DEFAULT);
        ResolutionRequest request = ResolutionRequest.of("a").withLocked(locked, UpgradePolicy.KEEP_LOCKED);
        assertThat(resolver.resolve(request, LINUX).asStrings()).isEqualTo(pins("a==2.0"));
        assertThat(resolver.resolve(request, TargetEnvironment.parse("3.12-win_amd64")).asStrings())
                .isEqualTo(pins("a==1.0"));
        assertThat(resolver.resolve(request, TargetEnvironment.parse("3.12-macosx_14_0_arm64")).asStrings())
                .isEqualTo(pins("a==3.0"));
    }

    @Test
    void lockedVersionThatNoLongerFitsMoves() {
        FakeIndex index = FakeIndex.of("""
                a 1.0
                a 2.0
                a 3.0 [yanked]
                """);
        assertThat(resolve(index, ResolverOptions.DEFAULT, ResolutionRequest.of("a>=2")
                .withLocked(List.of(LockedVersion.of("a", "1.0")), UpgradePolicy.KEEP_LOCKED)).asStrings())
                .isEqualTo(pins("a==2.0"));
        Resolution fromYanked = resolve(index, ResolverOptions.DEFAULT, ResolutionRequest.of("a")
                .withLocked(List.of(LockedVersion.of("a", "3.0")), UpgradePolicy.KEEP_LOCKED));
        assertThat(fromYanked.asStrings()).isEqualTo(pins("a==2.0"));
        assertThat(fromYanked.warnings()).extracting(Object::toString)
                .containsExactly("a 3.0 is locked but now yanked; it is replaced");
    }

    // ---- metadata problems ------------------------------------------------------------------------------------

    @Test
    void unreadableMetadataStopsWithTheSourcesMessage() {
        FakeIndex index = FakeIndex.of("a 1.0");
        index.releases(PackageName.of("a")).get(0)
                .metadataUnavailable("cannot read the dependencies of a 1.0 without building it");
        assertThatThrownBy(() -> resolve(index, "a")).isInstanceOf(MetadataUnavailableException.class)
                .hasMessage("cannot read the dependencies of a 1.0 without building it");
    }

    @Test
    void metadataOfAnotherProjectIsRefused() {
        FakeIndex index = FakeIndex.of("a 1.0");
        index.releases(PackageName.of("a")).get(0).metadataName("evil");
        assertThatThrownBy(() -> resolve(index, "a")).isInstanceOf(NetworkException.class)
                .hasMessage("the index served metadata for evil 1.0 as the metadata of a 1.0; refusing to resolve"
                        + " with inconsistent metadata");
    }

    @Test
    void stepBudgetEndsHopelessSearches() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b
                b 1.0
                """);
        assertThatThrownBy(() -> resolve(index, new ResolverOptions(false, 2), ResolutionRequest.of("a")))
                .isInstanceOf(ResolutionException.class)
                .hasMessageContaining("gave up after 2 steps");
    }
}
