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
import dev.pylocktrust.index.TerminalProgress;
import dev.pylocktrust.lock.Acceptance;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.lock.LockOutcome;
import dev.pylocktrust.lock.LockReport;
import dev.pylocktrust.lock.Locker;
import dev.pylocktrust.lock.LockfileNames;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.LockfileWarning;
import dev.pylocktrust.lock.LockfileWriter;
import dev.pylocktrust.lock.ParsedLockfile;
import dev.pylocktrust.lock.Pin;
import dev.pylocktrust.lock.RequirementLine;
import dev.pylocktrust.lock.RequirementsFile;
import dev.pylocktrust.lock.ResolveInputs;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.resolve.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pylock-trust lock}: write a PEP 751 pylock.toml with verified publisher identities, trust on first use. */
@Command(name = "lock", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Resolve requirements (or a pyproject.toml) for the target environments, or take exact pins "
                    + "(--no-deps) or another tool's pylock.toml (--from-lock), and write a PEP 751 pylock.toml that "
                    + "records every file's hash and, per package, the publisher identities whose PEP 740 "
                    + "attestations verified.",
            "",
            "When the lock file already exists (or --previous names one), its identities are the anchor: a package "
                    + "signed by another identity, attestations that disappeared, a file whose hash changed or an "
                    + "attestation that does not verify refuse the lock (exit 1) and leave the file untouched.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  Resolve loose requirements for the default targets (CPython 3.12 on Linux x86_64, macOS arm64,",
            "  Windows amd64):",
            "    pylock-trust lock 'requests>=2.31' 'django~=5.0'",
            "",
            "  Resolve a project with its 'test' extra and 'dev' dependency group, for Linux only:",
            "    pylock-trust lock -r pyproject.toml --extra test --group dev \\",
            "        --python-version 3.12 --platform manylinux_2_28_x86_64",
            "",
            "  Move one package to its newest version, keep every other locked version:",
            "    pylock-trust lock -r requirements.in --upgrade-package django",
            "",
            "  Lock a complete pinned set (e.g. pip-compile output):",
            "    pylock-trust lock -r requirements.txt --no-deps",
            "",
            "  Add verified identities to a lock written by uv, pip or pdm:",
            "    uv export --format pylock.toml -o pylock.uv.toml",
            "    pylock-trust lock --from-lock pylock.uv.toml",
            "",
            "  Accept a checked publisher change (recorded in [tool.pylock-trust]):",
            "    pylock-trust lock -r requirements.txt --no-deps \\",
            "        --accept-identity-change sampleproject \\",
            "        --reason \"moved to GitHub Actions, see issue #12\" --approved-by alice",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the lock file was written",
            "1:trust failure: identity changed, attestations disappeared or invalid, a hash changed; nothing written",
            "2:bad arguments or input (requirements file, lock file), or no versions satisfy the requirements; "
                    + "nothing written",
            "3:the index could not be read; nothing written",
        })
final class LockCommand implements Callable<Integer> {
    static final String DEFAULT_OUTPUT = "pylock.toml";

    private final Clock clock;
    private final AtomicFileWriter.Ops writeOps;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REQUIREMENT",
            description = "Requirements to lock, e.g. 'requests>=2.31' (with --no-deps: exact pins such as "
                    + "'requests==2.32.3').")
    List<String> requirements = new ArrayList<>();

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE",
            description = "A pip requirements file (requirements, extras, markers, comments, line continuations, "
                    + "nested -r; --hash with --no-deps), or a pyproject.toml ([project].dependencies). Repeatable.")
    List<Path> requirementFiles = new ArrayList<>();

    @Option(names = {"-c", "--constraint"}, paramLabel = "FILE",
            description = "A constraints file: narrows the versions of packages something requires, never adds one "
                    + "(pip's -c). Repeatable.")
    List<Path> constraintFiles = new ArrayList<>();

    @Option(names = "--extra", paramLabel = "NAME",
            description = "Also lock this [project.optional-dependencies] extra of the pyproject.toml. Repeatable.")
    List<String> extras = new ArrayList<>();

    @Option(names = "--all-extras", description = "Also lock every extra of the pyproject.toml.")
    boolean allExtras;

    @Option(names = "--group", paramLabel = "NAME",
            description = "Also lock this [dependency-groups] group of the pyproject.toml (PEP 735). Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--python-version", paramLabel = "X.Y",
            description = "Target CPython version. Repeatable; default: " + Targets.DEFAULT_PYTHON + ".")
    List<String> pythonVersions = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "TAG",
            description = "Target platform tag, e.g. manylinux_2_28_x86_64, musllinux_1_2_aarch64, macosx_14_0_arm64, "
                    + "win_amd64. Repeatable; default: manylinux_2_28_x86_64, macosx_14_0_arm64 and win_amd64. Every "
                    + "Python version is resolved on every platform.")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"-U", "--upgrade"},
            description = "Ignore the versions of the earlier lock: take the highest versions that fit.")
    boolean upgrade;

    @Option(names = {"-P", "--upgrade-package"}, paramLabel = "NAME",
            description = "Let this package move to its highest fitting version; keep the other locked versions. "
                    + "Repeatable.")
    List<String> upgradePackages = new ArrayList<>();

    @Option(names = "--pre", description = "Allow pre-releases for every package (otherwise only where a requirement "
            + "names one, or nothing else matches).")
    boolean pre;

    @Option(names = "--no-deps",
            description = "Lock exactly the pins given, without dependency resolution (for complete pinned sets such "
                    + "as pip-compile output).")
    boolean noDeps;

    @Option(names = "--from-lock", paramLabel = "FILE",
            description = "Take the packages and files of an existing pylock.toml (from uv, pip or pdm) exactly, "
                    + "and add verification and identities.")
    Path fromLock;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = DEFAULT_OUTPUT,
            description = "The lock file to write: pylock.toml or pylock.<name>.toml (default: ${DEFAULT-VALUE}).")
    Path outputFile;

    @Option(names = "--previous", paramLabel = "FILE",
            description = "The earlier lock whose identities are the anchor (default: the output file, if it exists).")
    Path previous;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<AcceptanceArgs> acceptances = new ArrayList<>();

    @Mixin
    IndexOptions indexOptions;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions outputOptions;

    /** {@code --accept-identity-change NAME --reason TEXT [--approved-by WHO]}: together, repeatable. */
    static final class AcceptanceArgs {
        @Option(names = "--accept-identity-change", required = true, paramLabel = "NAME",
                description = "Accept the new publisher identity of this package (after you checked it).")
        String name;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why the new identity is trusted; recorded with the date in [tool.pylock-trust].")
        String reason;

        @Option(names = "--approved-by", paramLabel = "WHO",
                description = "Who checked and approved the change (e.g. a name or handle); recorded with the reason.")
        String approvedBy;
    }

    LockCommand() {
        this(Clock.systemUTC(), AtomicFileWriter.Ops.DEFAULT);
    }

    /** With the clock (approval dates, verification time) and the disk operations supplied, for tests. */
    LockCommand(Clock clock, AtomicFileWriter.Ops writeOps) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writeOps = Objects.requireNonNull(writeOps, "writeOps");
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
        IndexConfig config = indexOptions.config(TerminalProgress.forStderr(SafePrintWriter.unfiltered(err), quiet));
        TrustRoot root = trustRootOptions.trustRoot(config.cacheDir(), config.offline(), outputOptions, err);
        LockOutcome outcome;
        try (IndexClient index = IndexClient.open(config)) {
            Locker locker = new Locker(index, new EvidenceGatherer(index, new ProvenanceVerifier(root), clock), clock);
            outcome = locker.lock(new Locker.Request(source, earlier, approvals, outputFile.toString()));
        }
        LockReport report = outcome.report();
        if (outcome.lockfile().isPresent()) {
            new LockfileWriter(regenerateCommand()).writeAtomically(outputFile, outcome.lockfile().get(), writeOps);
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
            throw new TrustException("lock refused: " + n + (n == 1 ? " trust failure" : " trust failures") + "; "
                    + outputFile + (Files.exists(outputFile) ? " was left unchanged" : " was not written"));
        }
        err.flush();
        return ExitCode.OK;
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
        if (noDeps) {
            return new Locker.Source.Pins(Pin.of(requirementLines()));
        }
        return inputs.source();
    }

    private List<RequirementLine> requirementLines() {
        List<RequirementLine> lines = new ArrayList<>(RequirementsFile.fromArguments(requirements));
        for (Path f : requirementFiles) {
            lines.addAll(RequirementsFile.read(f));
        }
        return lines;
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
        return Optional.of(read(p));
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
        List<String> cmd = new ArrayList<>(List.of("pylock-trust", "lock"));
        cmd.addAll(requirements);
        for (Path f : requirementFiles) {
            cmd.add("-r");
            cmd.add(f.toString());
        }
        for (Path f : constraintFiles) {
            cmd.add("-c");
            cmd.add(f.toString());
        }
        if (allExtras) {
            cmd.add("--all-extras");
        }
        extras.forEach(e -> cmd.addAll(List.of("--extra", e)));
        groups.forEach(g -> cmd.addAll(List.of("--group", g)));
        pythonVersions.forEach(v -> cmd.addAll(List.of("--python-version", v)));
        platforms.forEach(p -> cmd.addAll(List.of("--platform", p)));
        if (pre) {
            cmd.add("--pre");
        }
        if (fromLock != null) {
            cmd.add("--from-lock");
            cmd.add(fromLock.toString());
        }
        if (noDeps) {
            cmd.add("--no-deps");
        }
        if (!"https://pypi.org/simple".equals(indexOptions.indexUrl)) {
            cmd.add("--index-url");
            cmd.add(indexOptions.indexUrl);
        }
        if (indexOptions.trustedHosts != null) {
            for (String h : indexOptions.trustedHosts) {
                cmd.add("--trusted-host");
                cmd.add(h);
            }
        }
        if (indexOptions.integrityUrl != null) {
            cmd.add("--integrity-url");
            cmd.add(indexOptions.integrityUrl);
        }
        if (trustRootOptions.trustedRoot() != null) {
            cmd.add("--trusted-root");
            cmd.add(trustRootOptions.trustedRoot().toString());
        }
        if (!outputFile.toString().equals(DEFAULT_OUTPUT)) {
            cmd.add("-o");
            cmd.add(outputFile.toString());
        }
        return cmd;
    }
}
