package dev.pylocktrust.cli;

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
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Check that everything a pylock.toml would install is what the lock trusts: each file's PEP 740 "
                    + "provenance verifies for its locked sha256, and is signed by one of the package's locked "
                    + "attestation-identities.",
            "",
            "Quiet when all is well (one summary line); on failure, one block per problem: package, file, expected "
                    + "identity, what was found, and what to do.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Check every file of the lock against PyPI:",
            "    pylock-trust verify",
            "",
            "  In GitHub Actions, with annotations on the lock file and a step summary:",
            "    pylock-trust verify --format github",
            "",
            "  Check exactly what pip would install from a downloaded wheelhouse, then install from it:",
            "    pylock-trust verify --environment current --python-version 3.12 \\",
            "        --platform manylinux_2_28_x86_64 --wheelhouse wheels/",
            "    pip install --no-index --find-links wheels/ -r pylock.toml",
            "",
            "  Without network, from the cache of an earlier run:",
            "    pylock-trust verify --offline",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected file passed",
            "1:a trust failure: identity mismatch, missing or invalid attestation, hash or wheelhouse mismatch, "
                    + "something pip would install that is not locked",
            "2:bad arguments, or an unreadable or malformed lock file, pip report or wheelhouse",
            "3:the index failed or a file is not in the cache (--offline): nothing was decided for it",
        })
final class VerifyCommand implements Callable<Integer> {
    /** Output formats of {@code verify}. */
    enum Format { text, json, github }

    /** Which files to check. */
    enum EnvironmentMode { all, current }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LOCKFILE", defaultValue = "pylock.toml",
            description = "The PEP 751 lock file (ours, uv's, pip's, pdm's). Default: ${DEFAULT-VALUE}.")
    Path lockfile;

    @Option(names = "--environment", paramLabel = "MODE", defaultValue = "all",
            description = "Which files to check: all (every file in the lock, the default) or current (the files an "
                    + "installer would pick for --python-version and --platform, by PEP 751's rules).")
    EnvironmentMode environment;

    @Option(names = "--python-version", paramLabel = "X.Y",
            description = "With --environment current: the CPython version that installs, e.g. 3.12 (3.13t: "
                    + "free-threaded).")
    String pythonVersion;

    @Option(names = "--platform", paramLabel = "TAG",
            description = "With --environment current: the installing machine's platform tag, e.g. "
                    + "manylinux_2_28_x86_64, musllinux_1_2_aarch64, macosx_14_0_arm64, win_amd64. Repeatable "
                    + "(first one with a compatible wheel wins).")
    List<String> platforms;

    @Option(names = "--extra", paramLabel = "NAME",
            description = "With --environment current: an extra being installed (the 'extras' marker). Repeatable.")
    List<String> extras;

    @Option(names = "--group", paramLabel = "NAME",
            description = "With --environment current: a dependency group being installed (default: the lock's "
                    + "default-groups). Repeatable.")
    List<String> groups;

    @Option(names = "--require-attestations",
            description = "Fail for packages without locked identities too (except those in the lock's "
                    + "[tool.pylock-trust] allow-unattested).")
    boolean requireAttestations;

    @Option(names = "--wheelhouse", paramLabel = "DIR",
            description = "Also check that DIR holds exactly the selected files with their locked sha256 (and no "
                    + "other distribution), so that pip install --no-index --find-links DIR installs only what was "
                    + "checked.")
    Path wheelhouse;

    @Option(names = "--pip-report", paramLabel = "FILE",
            description = "Also check pip's installation report (pip install --dry-run --ignore-installed --report "
                    + "FILE ...): everything pip would install must be in the lock (name, version, sha256) and pass "
                    + "the same checks.")
    Path pipReport;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text, json (schema pylock-trust.verify/1), or github (workflow annotations on the "
                    + "lock file, plus a Markdown step summary). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    StepSummaryOption stepSummary;

    @Mixin
    IndexOptions indexOptions;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    OutputOptions output;

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
        EnvironmentSelection selection = selection();
        ParsedLockfile lock = new LockfileReader().read(lockfile);
        Optional<PipReport> pip = Optional.ofNullable(pipReport).map(PipReport::read);
        Optional<Verification.WheelhouseListing> house = Optional.ofNullable(wheelhouse)
                .map(d -> new Verification.WheelhouseListing(d.toString(), Wheelhouse.scan(d)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndexConfig config = indexOptions.config(format == Format.text
                ? TerminalProgress.forStderr(SafePrintWriter.unfiltered(err), output.quiet())
                : dev.pylocktrust.index.Progress.NONE);
        TrustRoot root = trustRootOptions.trustRoot(config.cacheDir(), config.offline(), output, err);
        boolean remote = config.location() instanceof IndexLocation.Remote;

        Verification.Result result;
        IndexStats stats;
        String index;
        try (IndexClient client = IndexClient.open(config)) {
            EvidenceGatherer gatherer = new EvidenceGatherer(client, new ProvenanceVerifier(root), Clock.systemUTC());
            result = Verification.run(new Verification.Inputs(lock, selection,
                    new VerifyPolicy.Options(requireAttestations, config.offline(), remote), pip, house),
                    gatherer::gather);
            stats = client.stats();
            index = client.describeIndex();
        }
        VerifyReport report = new VerifyReport(lockfile.toString(), environment(selection), index, config.offline(),
                root.label(), result.outcome(), result.packages(), result.skippedPackages(), result.findings(),
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
}
