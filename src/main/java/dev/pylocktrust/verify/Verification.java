package dev.pylocktrust.verify;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockfileWarning;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.report.VerifyReport.Outcome;
import dev.pylocktrust.report.VerifyReport.PackageResult;
import dev.pylocktrust.report.VerifyReport.SkippedPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code verify} run, from a parsed lock to verdicts: plan the files ({@link InstallPlanner}), add what pip
 * would install ({@link PipReportCheck}), gather evidence for every file with a sha256 (through the
 * {@link EvidenceSource}, the only step that may touch the network), judge it ({@link VerifyPolicy}), then compare
 * the wheelhouse ({@link WheelhouseCheck}). The outcome, and so the exit code, follows from the findings alone.
 */
public final class Verification {

    /** Where evidence comes from: {@code EvidenceGatherer::gather} in production, a map in tests. */
    @FunctionalInterface
    public interface EvidenceSource {
        /** Evidence for every request, keyed by sha256. */
        Map<String, FileEvidence> gather(List<FileRequest> requests);
    }

    /** A listed wheelhouse: its name as given, and its distribution files. */
    public record WheelhouseListing(String dir, List<Wheelhouse.Entry> entries) {
        public WheelhouseListing {
            Objects.requireNonNull(dir, "dir");
            entries = List.copyOf(entries);
        }
    }

    /**
     * What to check.
     *
     * @param lock the parsed lock file
     * @param selection which files
     * @param options policy switches
     * @param pipReport pip's installation report, if given
     * @param wheelhouse the wheelhouse, if given
     */
    public record Inputs(ParsedLockfile lock, EnvironmentSelection selection, VerifyPolicy.Options options,
                         Optional<PipReport> pipReport, Optional<WheelhouseListing> wheelhouse) {
        public Inputs {
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(pipReport, "pipReport");
            Objects.requireNonNull(wheelhouse, "wheelhouse");
        }
    }

    /**
     * The verdicts.
     *
     * @param packages per checked package, in lock file order
     * @param skipped packages the selection left out, with their markers
     * @param findings failures first, then warnings
     * @param outcome passed, failed, or incomplete
     */
    public record Result(List<PackageResult> packages, List<SkippedPackage> skipped, List<Finding> findings,
                         Outcome outcome) {
        public Result {
            packages = List.copyOf(packages);
            findings = List.copyOf(findings);
        }

        /** 0 passed, 1 a trust failure, 3 something could not be checked (and nothing failed). */
        public int exitCode() {
            return switch (outcome) {
                case PASSED -> ExitCode.OK;
                case FAILED -> ExitCode.TRUST_FAILURE;
                case INCOMPLETE -> ExitCode.NETWORK;
            };
        }
    }

    private Verification() {}

    /**
     * Runs every check.
     *
     * @throws dev.pylocktrust.UsageException if the lock cannot be installed on the selected target, or a locked
     *     identity is malformed
     * @throws dev.pylocktrust.PylockTrustException from the evidence source when the index fails as a whole
     */
    public static Result run(Inputs in, EvidenceSource evidence) {
        Plan plan = InstallPlanner.plan(in.lock(), in.selection());
        List<Finding> findings = new ArrayList<>();
        if (in.pipReport().isPresent()) {
            PipReportCheck.Result pip = PipReportCheck.check(in.lock(), plan, in.pipReport().get());
            plan = pip.plan();
            findings.addAll(pip.findings());
        }
        List<FileRequest> requests = requests(plan);
        Map<String, FileEvidence> found = requests.isEmpty() ? Map.of() : evidence.gather(requests);
        VerifyPolicy.Judgement judgement = new VerifyPolicy(in.lock(), in.options()).judge(plan, found);
        List<Finding> all = new ArrayList<>(judgement.findings());
        all.addAll(findings);
        if (in.wheelhouse().isPresent()) {
            all.addAll(WheelhouseCheck.check(in.lock(), plan, in.wheelhouse().get().dir(),
                    in.wheelhouse().get().entries()));
        }
        for (PlannedPackage p : plan.undecided()) {
            all.add(Finding.of(FindingCode.MARKER_UNDECIDED, p.pkg().name(), Optional.empty(), p.pkg().version()
                            .map(v -> p.pkg().name() + " " + v).orElse(p.pkg().name()) + ": its marker cannot be decided "
                            + "for this target, so it was checked", "marker: " + p.pkg().marker().orElse("")
                            + "\nit reads a value the target does not fix (platform_release, platform_version, or the "
                            + "Python patch release); an installer may find it true",
                    "give --python-version X.Y.Z to fix the patch release", in.lock().locationOf(p.pkg())));
        }
        for (LockfileWarning w : in.lock().warnings()) {
            all.add(Finding.of(FindingCode.LOCKFILE_WARNING, "",
                    Optional.empty(), w.toString(), "", "", w.line() > 0
                            ? Optional.of(new SourceLocation(w.file(), w.line())) : Optional.empty()));
        }
        all.sort(Comparator.comparing(Finding::severity)); // stable: failures first, each group in found order
        return new Result(judgement.packages(), plan.skipped(), all, outcome(all));
    }

    /**
     * One request per planned file that has a sha256 (a file without one fails in the policy). The same bytes under
     * two names are asked for twice, so the gatherer sees every name the lock gives them.
     */
    static List<FileRequest> requests(Plan plan) {
        Map<List<String>, FileRequest> out = new LinkedHashMap<>();
        for (PlannedPackage p : plan.packages()) {
            for (LockedFile f : p.files()) {
                if (f.sha256().isPresent()) {
                    String version = p.pkg().version().orElseGet(() -> versionOf(f.filename()));
                    out.putIfAbsent(List.of(f.sha256().get(), f.filename()), new FileRequest(p.pkg().name(), version, f.sha256().get(),
                            f.filename()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static String versionOf(String filename) {
        try {
            return DistributionFilename.parse(filename).version().toString();
        } catch (InvalidSpecException e) {
            return "";
        }
    }

    static Outcome outcome(List<Finding> findings) {
        boolean undecided = false;
        for (Finding f : findings) {
            if (!f.isFailure()) {
                continue;
            }
            if (f.code().undecided()) {
                undecided = true;
            } else {
                return Outcome.FAILED;
            }
        }
        return undecided ? Outcome.INCOMPLETE : Outcome.PASSED;
    }
}
