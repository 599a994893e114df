package dev.pylocktrust.testkit.python;

import dev.pylocktrust.PylockTrustException;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.testkit.python.PackagingPylock.Selection;
import dev.pylocktrust.testkit.python.PackagingPylock.Target;
import dev.pylocktrust.verify.EnvironmentSelection;
import dev.pylocktrust.verify.InstallPlanner;
import dev.pylocktrust.verify.InstallTarget;
import dev.pylocktrust.verify.PlannedPackage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks one lock against {@code packaging.pylock}: {@code Pylock.from_dict} must accept it, and for every target
 * {@code Pylock.select()} must pick the same files as {@code verify --environment current} ({@link InstallPlanner},
 * the code verify runs), or both must refuse the target. Each disagreement is described with both selections.
 *
 * <p>Targets: CPython 3.12 on manylinux and musllinux x86_64, macOS arm64 and Windows amd64 (the default lock
 * targets), 3.13 on manylinux and macOS, 3.11 on Windows, 3.9 on manylinux aarch64 (below most locks'
 * requires-python), 3.13t on manylinux, and one two-platform target; each with no extras and the default groups,
 * then with each of the lock's extras, each of its groups, and all of them together. A lock for which every target
 * is refused on both sides proves nothing, and is reported too.
 */
public final class SelectionAgreement {
    static final List<Target> MACHINES = List.of(
            Target.of("3.12", "manylinux_2_28_x86_64"),
            Target.of("3.12", "musllinux_1_2_x86_64"),
            Target.of("3.12", "macosx_14_0_arm64"),
            Target.of("3.12", "win_amd64"),
            Target.of("3.13", "manylinux_2_28_x86_64"),
            Target.of("3.13", "macosx_14_0_arm64"),
            Target.of("3.11", "win_amd64"),
            Target.of("3.9", "manylinux_2_17_aarch64"),
            Target.of("3.13t", "manylinux_2_28_x86_64"),
            new Target("3.12", List.of("manylinux_2_17_x86_64", "manylinux_2_28_x86_64"), List.of(), List.of()));

    private final PackagingPylock packaging;

    public SelectionAgreement(PackagingPylock packaging) {
        this.packaging = packaging;
    }

    /** Every way this lock's handling differs between packaging and pylock-trust (empty: they agree). */
    public List<String> disagreements(String name, String toml) throws IOException {
        ParsedLockfile parsed;
        try {
            parsed = new LockfileReader().parse(toml, name);
        } catch (PylockTrustException e) {
            return List.of(name + ": pylock-trust's reader refuses it: " + e.getMessage());
        }
        List<Target> targets = targets(parsed.lockfile());
        PackagingPylock.Verdict verdict = packaging.check(toml, targets);
        if (!verdict.valid()) {
            return List.of(name + ": packaging.pylock's Pylock.from_dict refuses it: " + verdict.error().get());
        }
        List<String> problems = new ArrayList<>();
        boolean anySelected = false;
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            Selection theirs = verdict.selections().get(i);
            Selection ours = ours(parsed, t);
            boolean agree = theirs.error().isPresent() && ours.error().isPresent()
                    || theirs.error().isEmpty() && ours.error().isEmpty() && theirs.files().equals(ours.files());
            anySelected |= agree && theirs.error().isEmpty() && !theirs.files().isEmpty();
            if (!agree) {
                problems.add(name + " for " + t + ":\n    packaging.pylock select(): " + show(theirs)
                        + "\n    verify --environment current: " + show(ours));
            }
        }
        if (problems.isEmpty() && !anySelected) {
            problems.add(name + ": no target selects any file on either side, so nothing was compared");
        }
        return problems;
    }

    /** The targets to compare on: each machine with no extras, then each extra and group, then all together. */
    static List<Target> targets(Lockfile lock) {
        List<String> extras = lock.extras().orElse(List.of());
        List<String> groups = lock.dependencyGroups().orElse(List.of());
        List<Target> out = new ArrayList<>();
        for (Target machine : MACHINES) {
            out.add(machine);
            extras.forEach(e -> out.add(machine.with(List.of(e), List.of())));
            groups.forEach(g -> out.add(machine.with(List.of(), List.of(g))));
            if (extras.size() + groups.size() > 1) {
                out.add(machine.with(extras, groups));
            }
        }
        return out;
    }

    private static Selection ours(ParsedLockfile parsed, Target t) {
        try {
            EnvironmentSelection.Current sel = new EnvironmentSelection.Current(
                    InstallTarget.of(t.python(), t.platforms()), new TreeSet<>(t.extras()), new TreeSet<>(t.groups()));
            List<String> files = new ArrayList<>();
            for (PlannedPackage p : InstallPlanner.plan(parsed, sel).packages()) {
                if (p.pkg().isDirect()) {
                    files.add(p.pkg().name() + " (direct)");
                }
                p.files().forEach(f -> files.add(f.filename()));
            }
            return new Selection(files.stream().sorted().toList(), Optional.empty());
        } catch (PylockTrustException e) {
            return new Selection(List.of(), Optional.of(e.getMessage()));
        }
    }

    private static String show(Selection s) {
        return s.error().map(e -> "refused: " + e).orElse(s.files().toString());
    }
}
