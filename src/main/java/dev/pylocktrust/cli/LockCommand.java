package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.Printable;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.IndexLocation;
import dev.pylocktrust.index.TerminalProgress;
import dev.pylocktrust.lock.Acceptance;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockOutcome;
import dev.pylocktrust.lock.LockReport;
import dev.pylocktrust.lock.Locker;
import dev.pylocktrust.lock.LockfileException;
import dev.pylocktrust.lock.LockfileNames;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.LockfileWarning;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileWriter;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.Pin;
import dev.pylocktrust.lock.PortableFiles;
import dev.pylocktrust.lock.RequirementLine;
import dev.pylocktrust.lock.RequirementsFile;
import dev.pylocktrust.lock.ResolveInputs;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.report.LockReportJson;
import dev.pylocktrust.report.LockReportText;
import dev.pylocktrust.resolve.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pylock-trust lock}: write a PEP 751 pylock.toml with verified publisher identities, trust on first use. */
@Command(name = "lock", sortOptions = false,
        header = "Write a pylock.toml that records who publishes each package (verified).",
        description = {
            "Resolve requirements (or take exact pins, or another tool's pylock.toml) and write a PEP 751 "
                    + "pylock.toml with every file's hash and, per package, the publisher identities whose PEP 740 "
                    + "attestations verified.",
            "",
            "When the lock file exists (or --previous names one), its identities are the anchor: another publisher, "
                    + "lost attestations, a changed hash or an attestation that does not verify refuse the lock "
                    + "(exit 1) and leave the file untouched.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Resolve for CPython 3.12 on Linux x86_64, macOS arm64 and Windows amd64:",
            "    pylock-trust lock 'requests>=2.31' 'django~=5.0'",
            "",
            "  A project with its 'test' extra and 'dev' group, for Linux only:",
            "    pylock-trust lock -r pyproject.toml --extra test --group dev \\",
            "      --platform manylinux_2_28_x86_64",
            "",
            "  Move one package to its newest version, keep the others:",
            "    pylock-trust lock -r requirements.in --upgrade-package django",
            "",
            "  Lock a complete pinned set (e.g. pip-compile output):",
            "    pylock-trust lock -r requirements.txt --no-deps",
            "",
            "  Add verified identities to a lock written by uv, pip or pdm:",
            "    pylock-trust lock --from-lock pylock.uv.toml",
            "",
            "  Accept a checked change of publisher (recorded in the lock for review):",
            "    pylock-trust lock -r requirements.txt --no-deps \\",
            "      --accept-identity-change sampleproject \\",
            "      --reason \"moved to GitHub Actions, see issue #12\" --approved-by alice",
            "",
            DocsLink.LOCK,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the lock file was written",
            "1:trust failure (identity changed, attestations lost or invalid, hash changed); nothing written",
            "2:bad arguments or input, or no versions satisfy the requirements; nothing written",
            "3:the index could not be read; nothing written",
        })
@HelpSection("What to lock")
final class LockCommand implements Callable<Integer>, JsonErrorReport.Schema {
    static final String DEFAULT_OUTPUT = "pylock.toml";

    private final Clock clock;
    private final AtomicFileWriter.Ops writeOps;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REQUIREMENT",
            description = "Requirements, e.g. 'requests>=2.31' (exact pins with --no-deps).")
    List<String> requirements = new ArrayList<>();

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE",
            description = "A requirements file or pyproject.toml. Repeatable.")
    List<Path> requirementFiles = new ArrayList<>();

    @Option(names = {"-c", "--constraint"}, paramLabel = "FILE",
            description = "A constraints file (pip's -c). Repeatable.")
    List<Path> constraintFiles = new ArrayList<>();

    @Option(names = "--extra", paramLabel = "NAME",
            description = "Also lock this pyproject.toml extra. Repeatable.")
    List<String> extras = new ArrayList<>();

    @Option(names = "--all-extras", description = "Also lock every pyproject.toml extra.")
    boolean allExtras;

    @Option(names = "--group", paramLabel = "NAME",
            description = "Also lock this dependency group. Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--no-deps",
            description = "Lock exactly the pins given; do not resolve.")
    boolean noDeps;

    @Option(names = "--from-lock", paramLabel = "FILE",
            description = "Add identities to another tool's pylock.toml.")
    Path fromLock;

    @Option(names = "--allow-empty",
            description = "Write a lock even if it has no package.")
    boolean allowEmpty;

    @HelpSection("Resolution")
    @Option(names = "--python-version", paramLabel = "X.Y",
            description = "Target CPython version. Repeatable; default: " + Targets.DEFAULT_PYTHON + ".")
    List<String> pythonVersions = new ArrayList<>();

    @HelpSection("Resolution")
    @Option(names = "--platform", paramLabel = "TAG",
            description = "Target platform tag. Repeatable; default: manylinux_2_28_x86_64, macosx_14_0_arm64, "
                    + "win_amd64.")
    List<String> platforms = new ArrayList<>();

    @OneOff
    @HelpSection("Resolution")
    @Option(names = {"-U", "--upgrade"}, description = "Take the highest versions, not the locked ones.")
    boolean upgrade;

    @OneOff
    @HelpSection("Resolution")
    @Option(names = {"-P", "--upgrade-package"}, paramLabel = "NAME",
            description = "Let this package move; keep the rest. Repeatable.")
    List<String> upgradePackages = new ArrayList<>();

    @HelpSection("Resolution")
    @Option(names = "--pre", description = "Allow pre-releases for every package.")
    boolean pre;

    @HelpSection("Lock file")
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = DEFAULT_OUTPUT,
            description = "${DEFAULT-VALUE} (the default) or pylock.NAME.toml.")
    Path outputFile;

    @OneOff
    @HelpSection("Lock file")
    @Option(names = "--previous", paramLabel = "FILE",
            description = "The earlier lock (default: the output file).")
    Path previous;

    @HelpSection("Lock file")
    @Option(names = "--mirror-of", paramLabel = "URL",
            description = "Where --index-url DIR is published: write URLs below it, not relative paths.")
    String mirrorOf;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<AcceptanceArgs> acceptances = new ArrayList<>();

    @OneOff // recorded in the lock's policy, which the next run reads back
    @HelpSection("Lock file")
    @Option(names = "--allow-unattested", paramLabel = "NAME",
            description = "Allow NAME's files without attestations (recorded in the lock's policy).")
    List<String> allowUnattested = new ArrayList<>();

    @Mixin
    IndexOptions indexOptions;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions outputOptions;

    @Mixin
    HelpOption helpOption;

    /** {@code --accept-identity-change NAME --reason TEXT [--approved-by WHO]}: together, repeatable. */
    @HelpSection("Lock file")
    static final class AcceptanceArgs {
        @OneOff // recorded in the lock's approved-identity-changes
        @Option(names = "--accept-identity-change", required = true, paramLabel = "NAME",
                description = "Accept NAME's new publisher, checked by you.")
        String name;

        @OneOff
        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why it is trusted; recorded in the lock.")
        String reason;

        @OneOff
        @Option(names = "--approved-by", paramLabel = "WHO",
                description = "Who approved it; recorded with the reason.")
        String approvedBy;
    }

    /**
     * Reads the time (approval dates, verification time) from {@code clock}, the one the process reads at its edge
     * ({@link CommandFactory}), and writes the lock through {@code writeOps} (tests supply disk faults).
     */
    LockCommand(Clock clock, AtomicFileWriter.Ops writeOps) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writeOps = Objects.requireNonNull(writeOps, "writeOps");
    }

    @Override
    public String jsonSchema() {
        return LockReportJson.SCHEMA;
    }

    @Override
    public Integer call() {
        Locker.Source source = source();
        Map<String, Acceptance> approvals = approvals();
        LockfileNames.requireValid(outputFile);
        Path dir = outputFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("cannot write '" + outputFile + "': directory '" + dir + "' does not exist");
        }
        Optional<ParsedLockfile> earlier = previousLock(source);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = outputOptions.quiet();
        IndexConfig config = indexOptions.config(TerminalProgress.forStderr(SafePrintWriter.unfiltered(err), quiet),
                clock);
        Optional<PortableFiles> portable = portableFiles(config);
        TrustRoot root = trustRootOptions.trustRoot(config.cacheDir(), config.offline(), outputOptions, err,
                clock.instant());
        LockOutcome outcome;
        try (IndexClient index = IndexClient.open(config)) {
            Locker locker = new Locker(new ClientLockIndex(index,
                    new EvidenceGatherer(index, new ProvenanceVerifier(root), clock)), clock);
            outcome = locker.lock(new Locker.Request(source, earlier, approvals, allowedUnattested(),
                    outputFile.toString()));
        }
        LockReport report = outcome.report();
        if (outcome.lockfile().isPresent()) {
            Lockfile lockfile = portable.map(p -> p.apply(outcome.lockfile().get())).orElse(outcome.lockfile().get());
            new LockfileWriter(regenerateCommand()).writeAtomically(outputFile, lockfile, writeOps);
            report = report.asWritten();
        }
        if (formatOption.format() == FormatOption.Format.json) {
            out.println(LockReportJson.render(report));
        } else if (!quiet) {
            out.print(LockReportText.render(report));
        }
        out.flush();
        if (!quiet) {
            LockReportText.warnings(report).forEach(err::println);
        }
        if (report.refused()) {
            LockReportText.failures(report).forEach(err::println);
            err.flush();
            int n = report.failures().size();
            return ErrorHandler.print(new TrustException("lock refused: " + n + (n == 1 ? " trust failure"
                    : " trust failures") + "; " + outputFile + (Files.exists(outputFile) ? " was left unchanged"
                    : " was not written")), err, outputOptions.verbose());
        }
        err.flush();
        return ExitCode.OK;
    }

    /** For a mirror directory: files as paths relative to the lock, or URLs below {@code --mirror-of}. */
    private Optional<PortableFiles> portableFiles(IndexConfig config) {
        if (!(config.location() instanceof IndexLocation.Directory d)) {
            if (mirrorOf != null) {
                throw new UsageException("--mirror-of names the URL where a mirror directory is published, but "
                        + "--index-url is not a directory", "drop --mirror-of, or lock from the directory with "
                        + "--index-url DIR");
            }
            return Optional.empty();
        }
        Optional<URI> servedAt = Optional.ofNullable(mirrorOf).map(LockCommand::httpUrl);
        return Optional.of(new PortableFiles(d.root(), outputFile.toAbsolutePath().getParent(), servedAt));
    }

    private static URI httpUrl(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null && u.getRawQuery() == null
                    && u.getRawFragment() == null && u.getRawUserInfo() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--mirror-of must be an http(s) URL without credentials, query or fragment, such as "
                + "https://mirror.example/simple");
    }

    private Locker.Source source() {
        boolean haveRequirements = !requirements.isEmpty() || !requirementFiles.isEmpty();
        if (fromLock != null && haveRequirements) {
            throw new UsageException("--from-lock cannot be combined with requirements",
                    "lock either requirements or an existing pylock.toml");
        }
        ResolveInputs inputs = new ResolveInputs(requirements, requirementFiles, constraintFiles, extras, allExtras,
                groups, pythonVersions, platforms, upgrade, upgradePackages, pre);
        if (fromLock != null || noDeps) {
            inputs.resolutionOnlyOption().ifPresent(o -> {
                throw new UsageException(o + " only applies when resolving",
                        "drop " + o + ", or drop " + (fromLock != null ? "--from-lock" : "--no-deps")
                                + " to let pylock-trust resolve the requirements");
            });
        }
        if (fromLock != null) {
            return new Locker.Source.FromLock(read(fromLock));
        }
        if (!haveRequirements) {
            throw new UsageException("nothing to lock: give requirements, -r FILE (a requirements file or a "
                    + "pyproject.toml), or --from-lock FILE", "run 'pylock-trust lock --help' for examples");
        }
        Locker.Source source = noDeps ? new Locker.Source.Pins(Pin.of(requirementLines())) : inputs.source();
        boolean empty = source instanceof Locker.Source.Pins p ? p.pins().isEmpty()
                : ((Locker.Source.Resolve) source).request().requirements().isEmpty();
        if (empty && !allowEmpty) {
            List<String> named = new ArrayList<>(requirementFiles.stream().map(Path::toString).toList());
            throw new UsageException("nothing to lock: " + (named.isEmpty() ? "no requirement was given"
                    : String.join(", ", named) + (named.size() == 1 ? " names" : " name") + " no package"),
                    "check that you passed the right file; to write a lock without packages on purpose, add "
                            + "--allow-empty");
        }
        return source;
    }

    private List<RequirementLine> requirementLines() {
        List<RequirementLine> lines = new ArrayList<>(RequirementsFile.fromArguments(requirements));
        for (Path f : requirementFiles) {
            lines.addAll(RequirementsFile.read(f));
        }
        return lines;
    }

    private Set<String> allowedUnattested() {
        Set<String> out = new TreeSet<>();
        for (String n : allowUnattested) {
            try {
                out.add(PackageName.of(n).value());
            } catch (InvalidSpecException e) {
                throw new UsageException("--allow-unattested: " + e.getMessage());
            }
        }
        return out;
    }

    private Map<String, Acceptance> approvals() {
        Map<String, Acceptance> out = new LinkedHashMap<>();
        for (AcceptanceArgs a : acceptances) {
            String name;
            try {
                name = PackageName.of(a.name).value();
            } catch (InvalidSpecException e) {
                throw new UsageException("--accept-identity-change: " + e.getMessage());
            }
            if (a.reason.isBlank()) {
                throw new UsageException("--reason for " + name + " must not be blank",
                        "say why the new identity is trusted; a reviewer reads it in the lock file");
            }
            if (a.approvedBy != null && a.approvedBy.isBlank()) {
                throw new UsageException("--approved-by for " + name + " must not be blank");
            }
            Acceptance acceptance = new Acceptance(a.reason.strip(),
                    Optional.ofNullable(a.approvedBy).map(String::strip));
            if (out.putIfAbsent(name, acceptance) != null) {
                throw new UsageException("--accept-identity-change " + name + " is given twice");
            }
        }
        return out;
    }

    /** The lock named by --previous, else the output file if it exists; parsed once even if also --from-lock. */
    private Optional<ParsedLockfile> previousLock(Locker.Source source) {
        Path p = previous != null ? previous : Files.exists(outputFile) ? outputFile : null;
        if (p == null) {
            return Optional.empty();
        }
        if (previous != null && !Files.exists(previous)) {
            throw new UsageException("--previous " + previous + ": no such file");
        }
        if (source instanceof Locker.Source.FromLock f && sameFile(p, fromLock)) {
            return Optional.of(f.lock());
        }
        try {
            return Optional.of(read(p));
        } catch (LockfileException e) {
            if (previous != null) {
                throw e;
            }
            // Not named by the user as the earlier lock: say why it was read, and the ways out.
            throw new UsageException(e.getMessage(), e,
                    p + " exists, so it was read as the earlier lock (its identities are the anchor)",
                    "if it is the earlier lock, restore it (e.g. git checkout " + p + ") or name a good copy with "
                            + "--previous FILE; if it is not a lock file, remove it or write elsewhere with -o FILE");
        }
    }

    private ParsedLockfile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(file + " is a directory, not a lock file");
        }
        ParsedLockfile parsed = new LockfileReader().read(file);
        if (!outputOptions.quiet()) {
            PrintWriter err = spec.commandLine().getErr();
            for (LockfileWarning w : parsed.warnings()) {
                err.println("warning: " + Printable.of(w.toString()));
            }
        }
        return parsed;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The command that regenerates the file: the inputs that decide its content, not one-off options. */
    private List<String> regenerateCommand() {
        return RegenerateCommand.of(spec.commandLine().getParseResult(), spec.findOption("--output"));
    }
}
