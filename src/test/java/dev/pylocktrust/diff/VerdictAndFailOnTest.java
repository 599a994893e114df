package dev.pylocktrust.diff;

import static dev.pylocktrust.diff.DiffScenarios.github;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.policy.FindingCode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-line verdict, and which changes fail the command at each {@code --fail-on} level. */
class VerdictAndFailOnTest {
    private static final OptionalInt NO_LINE = OptionalInt.empty();
    private static final AttestationIdentity A = github("o/a", "r.yml", null);
    private static final AttestationIdentity B = github("x/a", "r.yml", null);
    private static final ApprovedIdentityChange APPROVAL = new ApprovedIdentityChange("a", A, B, "moved",
            LocalDate.of(2026, 1, 1), Optional.empty());

    static Change identity(boolean approved) {
        return new Change.IdentityChanged("a", Optional.of("1.0"), List.of(A), List.of(B),
                List.of(new Change.AddedIdentity(B, approved ? Optional.of(APPROVAL) : Optional.empty())),
                List.of(A), NO_LINE);
    }

    static Change lost(String pkg, boolean allowed) {
        return new Change.AttestationsLost(pkg, allowed ? FindingCode.ATTESTATION_MISSING_ALLOWED
                : FindingCode.ATTESTATION_MISSING, Optional.of("1.0"), Optional.of("1.1"), List.of(A), List.of(),
                allowed, NO_LINE);
    }

    static Change upgrade(String pkg) {
        return new Change.VersionChanged(pkg, "1.0", "2.0", false, NO_LINE);
    }

    static Change added(String pkg, boolean attested, boolean allowed) {
        return new Change.PackageAdded(pkg, Optional.of("1.0"), "index", attested ? List.of(A) : List.of(), allowed,
                NO_LINE);
    }

    @Test
    void theIssuesExampleVerdict() {
        List<Change> changes = List.of(identity(false), identity(true), lost("b", false), upgrade("c"),
                upgrade("d"), upgrade("e"), upgrade("f"), upgrade("g"), added("h", false, false));
        assertThat(Verdict.of(changes)).isEqualTo("2 identity changes (1 unapproved), 1 package lost attestations, "
                + "5 upgrades, 1 new unattested package");
    }

    @Test
    void verdictWordingEdgeCases() {
        assertThat(Verdict.of(List.of())).isEqualTo("no changes");
        assertThat(Verdict.of(List.of(identity(true)))).isEqualTo("1 identity change (approved)");
        assertThat(Verdict.of(List.of(identity(true), identity(true)))).isEqualTo("2 identity changes (all approved)");
        assertThat(Verdict.of(List.of(identity(false)))).isEqualTo("1 identity change (1 unapproved)");
        // a package counts once however many of its files lost attestations
        assertThat(Verdict.of(List.of(lost("b", false), lost("b", false), lost("c", true))))
                .isEqualTo("2 packages lost attestations");
        assertThat(Verdict.of(List.of(new Change.VersionChanged("a", "2.0", "1.0", true, NO_LINE))))
                .isEqualTo("1 downgrade");
    }

    static List<Arguments> failOnTable() {
        Change source = new Change.SourceChanged("a", "source", "index files", "vcs x", Risk.INTEGRITY, NO_LINE);
        Change routineSource = new Change.SourceChanged("a", "vcs commit-id", "1", "2", Risk.ROUTINE, NO_LINE);
        Change index = new Change.IndexChanged("a", "https://pypi.org/simple/", "https://x/simple/", NO_LINE);
        Change policy = new Change.PolicyChanged(Change.PolicyChangeKind.ALLOW_UNATTESTED_ADDED, "a",
                Optional.empty(), NO_LINE);
        // change, then whether it fails at: never, identity, attestation, any
        return List.of(
                Arguments.of("unapproved identity change", identity(false), "0111"),
                Arguments.of("approved identity change", identity(true), "0001"),
                Arguments.of("attestations lost", lost("a", false), "0111"),
                Arguments.of("attestations lost, allowed unattested", lost("a", true), "0001"),
                Arguments.of("source moved", source, "0011"),
                Arguments.of("index changed", index, "0011"),
                Arguments.of("new unattested package", added("a", false, false), "0011"),
                Arguments.of("new unattested package, allowed", added("a", false, true), "0001"),
                Arguments.of("new attested package", added("a", true, false), "0001"),
                Arguments.of("upgrade", upgrade("a"), "0001"),
                Arguments.of("new commit", routineSource, "0001"),
                Arguments.of("policy change", policy, "0001"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("failOnTable")
    void failOnLevels(String name, Change change, String expected) {
        String actual = Arrays.stream(new FailOn[] {FailOn.never, FailOn.identity, FailOn.attestation, FailOn.any})
                .map(level -> level.fails(change) ? "1" : "0").collect(Collectors.joining());
        assertThat(actual).isEqualTo(expected);
    }
}
