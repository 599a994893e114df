package dev.pylocktrust.policy;

import dev.pylocktrust.attest.Publisher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules decided for one package.
 *
 * @param files a verdict per file, in input order
 * @param outcome the identity outcome
 * @param identities the identities to record after this decision (locked spelling kept; empty when refused)
 * @param transitions every identity-level event, with its approval where there is one
 * @param findings everything worth telling; any failure refuses the package
 */
public record PackageDecision(List<FileVerdict> files, IdentityOutcome outcome, List<Publisher> identities,
                              List<Resolved> transitions, List<Finding> findings) {

    /** A transition, approved or not. */
    public record Resolved(Transition transition, Optional<Approval> approval) {
        public Resolved {
            Objects.requireNonNull(transition, "transition");
            Objects.requireNonNull(approval, "approval");
        }
    }

    public PackageDecision {
        files = List.copyOf(files);
        Objects.requireNonNull(outcome, "outcome");
        identities = List.copyOf(identities);
        transitions = List.copyOf(transitions);
        findings = List.copyOf(findings);
    }

    /** The approved transitions (for {@code lock}, to record; none when the package is refused). */
    public List<Resolved> approved() {
        return refused() ? List.of() : transitions.stream().filter(t -> t.approval().isPresent()).toList();
    }

    public boolean refused() {
        return findings.stream().anyMatch(Finding::isFailure);
    }

    /**
     * The package verdict: failed if any file failed or a trust failure was found, else incomplete if anything could
     * not be checked, else attested if any file is attested by a locked identity, else unattested.
     */
    public Verdict verdict() {
        boolean failed = files.stream().anyMatch(f -> f.verdict() == Verdict.FAILED)
                || findings.stream().anyMatch(f -> f.isFailure() && !f.code().undecided());
        if (failed) {
            return Verdict.FAILED;
        }
        if (files.stream().anyMatch(f -> f.verdict() == Verdict.INCOMPLETE) || refused()) {
            return Verdict.INCOMPLETE;
        }
        return files.stream().anyMatch(f -> f.verdict() == Verdict.ATTESTED) ? Verdict.ATTESTED
                : Verdict.UNATTESTED;
    }
}
