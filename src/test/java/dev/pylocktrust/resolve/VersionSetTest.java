package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Terms as sets of states: versions plus "not selected". */
class VersionSetTest {

    @ParameterizedTest(name = "universe of {0} versions")
    @ValueSource(ints = {0, 1, 3, 63, 64, 65, 200})
    void complementCoversEveryStateExactlyOnce(int n) {
        VersionSet evens = VersionSet.of(n, i -> i % 2 == 0);
        VersionSet rest = evens.complement();
        assertThat(evens.and(rest).isEmpty()).isTrue();
        assertThat(evens.or(rest).isFull()).isTrue();
        assertThat(rest.includesNotSelected()).isTrue();
        assertThat(evens.isPositive()).isTrue();
        assertThat(rest.complement()).isEqualTo(evens);
        assertThat(VersionSet.allVersions(n).complement()).isEqualTo(VersionSet.notSelected(n));
        assertThat(evens.versionCount()).isEqualTo((n + 1) / 2);
    }

    @Test
    void pubGrubTermAlgebra() {
        int n = 5;
        Term atLeast2 = Term.positive(key(), VersionSet.of(n, i -> i >= 2), ">=2");
        Term notAtLeast3 = Term.negative(key(), VersionSet.of(n, i -> i >= 3), ">=3");
        // foo >=2 ∩ not foo >=3 is foo 2 (a positive term)
        Term both = atLeast2.intersect(notAtLeast3);
        assertThat(both.isPositive()).isTrue();
        assertThat(both.versions()).isEqualTo(VersionSet.single(n, 2));
        // not foo >=2 ∩ not foo >=3 is not foo >=2 (keeps its label)
        Term negatives = atLeast2.negate().intersect(notAtLeast3);
        assertThat(negatives.isPositive()).isFalse();
        assertThat(negatives.label()).isEqualTo(">=2");
        // "foo 4" satisfies "not foo <3" and contradicts "not foo >=3"
        VersionSet four = VersionSet.single(n, 4);
        assertThat(Term.negative(key(), VersionSet.of(n, i -> i < 3), "<3").satisfiedBy(four)).isTrue();
        assertThat(notAtLeast3.contradictedBy(four)).isTrue();
        // "not selected" satisfies every negative term and contradicts every positive one
        VersionSet none = VersionSet.notSelected(n);
        assertThat(notAtLeast3.satisfiedBy(none)).isTrue();
        assertThat(atLeast2.contradictedBy(none)).isTrue();
    }

    @Test
    void highestRespectsTheFilterAndUniverseIsChecked() {
        VersionSet s = VersionSet.of(70, i -> i < 66);
        assertThat(s.highest(i -> true)).isEqualTo(65);
        assertThat(s.highest(i -> i % 10 == 3)).isEqualTo(63);
        assertThat(s.highest(i -> i > 66)).isEqualTo(-1);
        assertThatThrownBy(() -> s.and(VersionSet.empty(69))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionSet.single(3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void formatterPrintsRunsOfListedVersions() {
        List<Version> universe = IntStream.rangeClosed(1, 6).mapToObj(i -> Version.parse(i + ".0")).toList();
        TermFormatter f = new TermFormatter(k -> universe);
        assertThat(f.versions(key(), VersionSet.of(6, i -> true), null)).isEmpty();
        assertThat(f.versions(key(), VersionSet.single(6, 2), null)).isEqualTo(" 3.0");
        assertThat(f.versions(key(), VersionSet.of(6, i -> i <= 2), null)).isEqualTo("<=3.0");
        assertThat(f.versions(key(), VersionSet.of(6, i -> i >= 3), null)).isEqualTo(">=4.0");
        assertThat(f.versions(key(), VersionSet.of(6, i -> i == 1 || i == 2), null)).isEqualTo(">=2.0,<=3.0");
        assertThat(f.versions(key(), VersionSet.of(6, i -> i == 0 || i == 2 || i >= 4), null))
                .isEqualTo(" 1.0, 3.0 or >=5.0");
        assertThat(f.versions(key(), VersionSet.of(6, i -> i == 0), ">=1,<1.5")).isEqualTo(">=1,<1.5");
        assertThat(f.term(Term.positive(key(), VersionSet.of(6, i -> true), null))).isEqualTo("every version of a");
    }

    private static PackageKey key() {
        return PackageKey.project(PackageName.of("a"));
    }
}
