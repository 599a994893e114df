package dev.pylocktrust.verify;

import dev.pylocktrust.ProblemListException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import dev.pylocktrust.report.VerifyReport.SkippedPackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Decides which files {@code verify} checks. Pure: a lock and a selection in, a {@link Plan} out.
 *
 * <p>For {@link EnvironmentSelection.Current} it follows PEP 751's installation rules, in the spec's order:
 * <ol>
 *   <li>requested extras (default none) and dependency groups (default: the lock's {@code default-groups});</li>
 *   <li>the lock's {@code requires-python} must hold, else the lock cannot be installed: an error;</li>
 *   <li>if the lock lists {@code environments}, one must match, else an error;</li>
 *   <li>a package whose {@code marker} is false is skipped; a marker that cannot be decided for the target (it
 *       reads a value the target does not fix, such as {@code platform_release}, or the patch release of
 *       {@code --python-version 3.12}) selects the package, since an installer may well find it true: selection
 *       fails closed; one whose {@code requires-python} does not hold is an error (not a skip); two selected entries
 *       with the same name are an error;</li>
 *   <li>from a package's wheels, the best compatible one by filename tags; with none, the sdist; with neither, an
 *       error. vcs, directory and archive packages have no index file to check.</li>
 * </ol>
 * Errors are collected, so one run names every problem, then thrown as one {@link UsageException} (exit 2): a
 * lock that cannot be installed on the target is an input problem, not a trust failure.
 */
public final class InstallPlanner {
    private InstallPlanner() {}

    public static Plan plan(ParsedLockfile parsed, EnvironmentSelection selection) {
        Lockfile lock = parsed.lockfile();
        if (selection instanceof EnvironmentSelection.All) {
            List<PlannedPackage> out = new ArrayList<>();
            for (int i = 0; i < lock.packages().size(); i++) {
                LockedPackage p = lock.packages().get(i);
                out.add(new PlannedPackage(i, p, p.files()));
            }
            return new Plan(out, List.of(), List.of());
        }
        return current(parsed, (EnvironmentSelection.Current) selection);
    }

    private static Plan current(ParsedLockfile parsed, EnvironmentSelection.Current sel) {
        Lockfile lock = parsed.lockfile();
        InstallTarget target = sel.target();
        MarkerEnvironment env = target.markerEnvironment().withExtras(sel.extras())
                .withDependencyGroups(sel.groups().isEmpty()
                        ? new TreeSet<>(lock.defaultGroups().orElse(List.of())) : sel.groups());
        Version python = Version.parse(env.pythonFullVersion());
        String where = parsed.file();
        List<String> problems = new ArrayList<>();

        lock.requiresPython().ifPresent(rp -> {
            if (!SpecifierSet.parse(rp).contains(python, true)) {
                problems.add(at(parsed, "requires-python") + "the lock needs Python " + rp + ", the target is "
                        + target.pythonVersion());
            }
        });
        Marker.Unknowns unknowns = target.markerUnknowns();
        if (lock.environments().isPresent() && lock.environments().get().stream()
                .noneMatch(m -> Marker.parse(m).decide(env, unknowns).orElse(true))) {
            problems.add(at(parsed, "environments") + "none of the lock's environments matches the target ("
                    + String.join("; ", lock.environments().get()) + ")");
        }

        List<PlannedPackage> out = new ArrayList<>();
        Map<String, LockedPackage> selectedNames = new LinkedHashMap<>();
        List<SkippedPackage> skipped = new ArrayList<>();
        List<PlannedPackage> undecided = new ArrayList<>();
        for (int i = 0; i < lock.packages().size(); i++) {
            LockedPackage p = lock.packages().get(i);
            Optional<Boolean> applies = p.marker().map(m -> Marker.parse(m).decide(env, unknowns))
                    .orElse(Optional.of(true));
            if (applies.equals(Optional.of(false))) {
                skipped.add(new SkippedPackage(p.name(), p.version(), p.marker().orElseThrow()));
                continue;
            }
            String here = at(parsed, p) + "package " + p.name() + ": ";
            if (p.requiresPython().isPresent() && !SpecifierSet.parse(p.requiresPython().get()).contains(python, true)) {
                problems.add(here + "needs Python " + p.requiresPython().get() + ", the target is "
                        + target.pythonVersion());
                continue;
            }
            LockedPackage earlier = selectedNames.putIfAbsent(p.name(), p);
            if (earlier != null) {
                problems.add(here + "selected twice (also at line " + line(parsed, earlier)
                        + "): the entries' markers must not both be true on one target");
                continue;
            }
            if (p.isDirect()) {
                out.add(new PlannedPackage(i, p, List.of()));
                if (applies.isEmpty()) {
                    undecided.add(out.get(out.size() - 1));
                }
                continue;
            }
            Optional<LockedFile> chosen = chooseFile(p, target);
            if (chosen.isEmpty()) {
                problems.add(here + "no wheel is compatible with " + target.describe() + " and there is no sdist"
                        + (p.wheels().isEmpty() ? "" : " (wheels: " + String.join(", ",
                                p.wheels().stream().map(LockedFile::filename).toList()) + ")"));
                continue;
            }
            out.add(new PlannedPackage(i, p, List.of(chosen.get())));
            if (applies.isEmpty()) {
                undecided.add(out.get(out.size() - 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemListException(where + " cannot be installed on " + target.describe() + ":",
                    problems,
                    "check --python-version and --platform (they describe the machine that installs), or re-lock "
                            + "for this target");
        }
        return new Plan(out, skipped, undecided);
    }

    /** The best compatible wheel, else the sdist. */
    static Optional<LockedFile> chooseFile(LockedPackage p, InstallTarget target) {
        List<WheelFilename> parsed = new ArrayList<>();
        for (LockedFile w : p.wheels()) {
            parsed.add(WheelFilename.parse(w.filename()));
        }
        Optional<WheelFilename> best = target.bestWheel(parsed);
        if (best.isPresent()) {
            for (int i = 0; i < parsed.size(); i++) {
                if (parsed.get(i) == best.get()) { // the very element bestWheel chose, even if two names parse equal
                    return Optional.of(p.wheels().get(i));
                }
            }
        }
        return p.sdist();
    }

    private static String at(ParsedLockfile parsed, String key) {
        OptionalInt line = parsed.sourceMap().lineOf(key);
        return parsed.file() + (line.isPresent() ? ":" + line.getAsInt() : "") + ": ";
    }

    private static String at(ParsedLockfile parsed, LockedPackage p) {
        OptionalInt line = parsed.sourceMap().lineOf(p);
        return parsed.file() + (line.isPresent() ? ":" + line.getAsInt() : "") + ": ";
    }

    private static String line(ParsedLockfile parsed, LockedPackage p) {
        OptionalInt line = parsed.sourceMap().lineOf(p);
        return line.isPresent() ? Integer.toString(line.getAsInt()) : "?";
    }
}
