package dev.pylocktrust.cli;

import dev.pylocktrust.PhaseTimes;
import dev.pylocktrust.PylockTrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.IndexStats;
import dev.pylocktrust.index.TerminalProgress;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.report.GithubCommands;
import dev.pylocktrust.report.VerifyReport;
import dev.pylocktrust.report.VerifyReportGithub;
import dev.pylocktrust.report.VerifyReportJson;
import dev.pylocktrust.report.VerifyReportMarkdown;
import dev.pylocktrust.report.VerifyReportText;
import dev.pylocktrust.verify.EnvironmentSelection;
import dev.pylocktrust.verify.InstallTarget;
import dev.pylocktrust.verify.PipReport;
import dev.pylocktrust.verify.Verification;
import dev.pylocktrust.verify.VerifyPolicy;
import dev.pylocktrust.verify.Wheelhouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pylock-trust verify}: the CI gate. Fails unless every selected file is published by a locked identity. */
@Command(name = "verify", sortOptions = false,
        header = "The CI gate: check that everything a pylock.toml installs is what it trusts.",
        description = {
            "Check that each file a pylock.toml would install has PEP 740 provenance that verifies for its locked "
                    + "sha256 and is signed by one of its package's locked identities. One summary line when all is "
                    + "well; one block per problem otherwise.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  The CI gate: check every file the lock could install (downloading none of",
            "  them), then install with pip 26.2 or newer, which installs only the lock's",
            "  files and checks each one's sha256 against the lock:",
            "    pylock-trust verify pylock.toml",
            "    pip install -r pylock.toml",
            "",
            "  In GitHub Actions, with annotations on the lock file and a step summary:",
            "    pylock-trust verify --format github",
            "",
            "  A faster check of one target only; safe only when the install runs on it:",
            "    pylock-trust verify --environment current --python-version 3.12 \\",
            "        --platform manylinux_2_28_x86_64",
            "",
            "  Older pip or another installer: check the wheelhouse you install from and",
            "  pip's report (the docs show how to fill the wheelhouse), then install from",
            "  it with the index off:",
            "    pylock-trust verify --environment current --python-version 3.12 \\",
            "        --platform manylinux_2_28_x86_64 --wheelhouse wheels \\",
            "        --pip-report pip-report.json",
            "    pip install --no-deps --no-index --find-links wheels \\",
            "        -r requirements-hashed.txt",
            "",
            "  Without network, from the cache of an earlier run:",
            "    pylock-trust verify --offline",
            "",
            DocsLink.VERIFY,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected file passed",
            "1:a trust failure: identity mismatch, missing or invalid attestation, hash or wheelhouse mismatch, "
                    + "something pip would install that is not locked",
            "2:bad arguments, or an unreadable or malformed lock file, pip report or wheelhouse",
            "3:the index failed or a file is not in the cache (--offline): nothing was decided for it",
        })
@HelpSection("What to check")
final class VerifyCommand implements Callable<Integer>, JsonErrorReport.Schema {
    /** Output formats of {@code verify}. */
    enum Format { text, json, github }

    /** Which files to check. */
    enum EnvironmentMode { all, current }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE", defaultValue = "pylock.toml",
            description = "The lock file (any tool's). Default: ${DEFAULT-VALUE}.")
    Path lockfile;

    @Option(names = "--environment", paramLabel = "MODE", defaultValue = "all",
            description = "all (the default: every file, safe whatever machine installs) or current (the files an "
                    + "installer picks for --python-version and --platform: faster, safe only on that target).")
    EnvironmentMode environment;

    @Option(names = "--python-version", paramLabel = "X.Y",
            description = "With --environment current: e.g. 3.12 (3.13t: free-threaded).")
    String pythonVersion;

    @Option(names = "--platform", paramLabel = "TAG",
            description = "With --environment current: the installing machine's platform tag. Repeatable (the "
                    + "first with a compatible wheel wins).")
    List<String> platforms;

    @Option(names = "--extra", paramLabel = "NAME",
            description = "With --environment current: an extra installed. Repeatable.")
    List<String> extras;

    @Option(names = "--group", paramLabel = "NAME",
            description = "With --environment current: a group installed (default: the lock's default-groups). "
                    + "Repeatable.")
    List<String> groups;

    @HelpSection("Checks")
    @Option(names = "--require-attestations",
            description = "Fail for packages without locked identities too (except the lock's allow-unattested).")
    boolean requireAttestations;

    @HelpSection("Checks")
    @Option(names = "--wheelhouse", paramLabel = "DIR",
            description = "Also check that DIR holds exactly the checked files, to install from with the index off "
                    + "(pip before 26.2, other installers).")
    Path wheelhouse;

    @HelpSection("Checks")
    @Option(names = "--pip-report", paramLabel = "FILE",
            description = "Also check pip's --dry-run --report FILE: all it would install must be locked and pass.")
    Path pipReport;

    @HelpSection(HelpLayout.OUTPUT)
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (schema pylock-trust.verify/2) or github (annotations and a step summary). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    StepSummaryOption stepSummary;

    @Mixin
    IndexOptions indexOptions;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    HelpOption helpOption;

    private final Clock clock;

    /** Reads the time from {@code clock}, the one the process reads at its edge ({@link CommandFactory}). */
    VerifyCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String jsonSchema() {
        return VerifyReport.SCHEMA;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (PylockTrustException e) {
            if (format == Format.github) {
                // The run stopped before any finding: still leave an annotation where the build log is read.
                PrintWriter out = spec.commandLine().getOut();
                out.println(GithubCommands.error("pylock-trust verify", e.getMessage()));
                out.flush();
            }
            throw e;
        }
    }

    private int run() {
        long start = System.nanoTime();
        PhaseTimes phases = PhaseTimes.fromSystemProperties();
        phases.mark("start-up");
        EnvironmentSelection selection = selection();
        ParsedLockfile lock = new LockfileReader().read(lockfile);
        phases.mark("reading the lock");
        Optional<PipReport> pip = Optional.ofNullable(pipReport).map(PipReport::read);
        Optional<Verification.WheelhouseListing> house = Optional.ofNullable(wheelhouse)
                .map(d -> new Verification.WheelhouseListing(d.toString(), Wheelhouse.scan(d, algorithms(lock))));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndexConfig config = indexOptions.config(format == Format.text
                ? TerminalProgress.forStderr(SafePrintWriter.unfiltered(err), output.quiet())
                : dev.pylocktrust.index.Progress.NONE, clock);
        TrustRoot root = trustRootOptions.trustRoot(config.cacheDir(), config.offline(), output, err,
                clock.instant());
        boolean remote = config.location() instanceof IndexLocation.Remote;
        phases.mark("trust root");

        Verification.Result result;
        IndexStats stats;
        String index;
        try (IndexClient client = IndexClient.open(config)) {
            EvidenceGatherer gatherer = new EvidenceGatherer(client, new ProvenanceVerifier(root), clock,
                    phases);
            result = Verification.run(new Verification.Inputs(lock, selection,
                    new VerifyPolicy.Options(requireAttestations, config.offline(), remote, house.isPresent()), pip,
                    house),
                    gatherer::gather);
            stats = client.stats();
            index = client.describeIndex();
        }
        VerifyReport report = new VerifyReport(lockfile.toString(), environment(selection), index, config.offline(),
                root.label(), result.outcome(), result.packages(), result.skipped(), result.findings(),
                Duration.ofNanos(System.nanoTime() - start), stats.requests(), stats.cacheHits());
        switch (format) {
            case json -> out.println(VerifyReportJson.render(report));
            case github -> {
                out.print(VerifyReportGithub.render(report));
                stepSummary.append(VerifyReportMarkdown.render(report), spec.commandLine().getErr());
            }
            default -> {
                // -q: nothing when the run passed (warnings included); the problems when it did not.
                if (!output.quiet() || report.outcome() != VerifyReport.Outcome.PASSED) {
                    out.print(VerifyReportText.render(report, output.verbose()));
                }
            }
        }
        out.flush();
        phases.mark("policy and report");
        err.print(phases.render());
        err.flush();
        return result.exitCode();
    }

    private EnvironmentSelection selection() {
        boolean targetGiven = pythonVersion != null || (platforms != null && !platforms.isEmpty());
        boolean namesGiven = (extras != null && !extras.isEmpty()) || (groups != null && !groups.isEmpty());
        if (environment == EnvironmentMode.all) {
            if (targetGiven || namesGiven) {
                throw new UsageException("--python-version, --platform, --extra and --group select files only with "
                        + "--environment current", "add --environment current (or drop them to check every file)");
            }
            return new EnvironmentSelection.All();
        }
        if (pythonVersion == null || platforms == null || platforms.isEmpty()) {
            throw new UsageException("--environment current needs --python-version and --platform",
                    "describe the machine that installs, e.g. --python-version 3.12 --platform "
                            + "manylinux_2_28_x86_64 (python -c \"import sysconfig; print(sysconfig.get_platform())\" "
                            + "shows the platform; pip debug --verbose lists every compatible tag)");
        }
        try {
            return new EnvironmentSelection.Current(InstallTarget.of(pythonVersion, platforms),
                    new TreeSet<>(extras == null ? List.of() : extras), new TreeSet<>(groups == null ? List.of() : groups));
        } catch (InvalidSpecException e) {
            throw new UsageException("invalid --python-version or --platform: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --platform: " + e.getMessage());
        }
    }

    private static VerifyReport.Environment environment(EnvironmentSelection selection) {
        if (selection instanceof EnvironmentSelection.Current c) {
            return new VerifyReport.Environment("current", c.target().describe(),
                    Optional.of(c.target().pythonVersion()), c.target().platformTags(), new ArrayList<>(c.extras()),
                    new ArrayList<>(c.groups()));
        }
        return VerifyReport.Environment.all();
    }

    /** Every hash algorithm the lock records, so the wheelhouse computes each. */
    private static java.util.Set<String> algorithms(ParsedLockfile lock) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        lock.lockfile().packages().forEach(p -> p.files().forEach(f -> out.addAll(f.hashes().keySet())));
        return out;
    }
}
