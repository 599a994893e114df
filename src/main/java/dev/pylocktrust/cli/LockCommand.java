package dev.pylocktrust.cli;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexConfig;
import dev.pylocktrust.index.TerminalProgress;
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
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
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
            "Lock exact pins (or another tool's pylock.toml) into a PEP 751 pylock.toml that records every file's "
                    + "hash and, per package, the publisher identities whose PEP 740 attestations verified.",
            "",
            "When the lock file already exists (or --previous names one), its identities are the anchor: a package "
                    + "signed by another identity, attestations that disappeared, a file whose hash changed or an "
                    + "attestation that does not verify refuse the lock (exit 1) and leave the file untouched.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
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
            "        --reason \"moved to GitHub Actions, see issue #12\"",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the lock file was written",
            "1:trust failure: identity changed, attestations disappeared or invalid, a hash changed; nothing written",
            "2:bad arguments or input (requirements file, lock file); nothing written",
            "3:the index could not be read; nothing written",
        })
final class LockCommand implements Callable<Integer> {
    static final String DEFAULT_OUTPUT = "pylock.toml";

    private final Clock clock;
    private final AtomicFileWriter.Ops writeOps;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "REQUIREMENT",
            description = "Requirements to lock, e.g. 'requests==2.32.3' (with --no-deps: exact pins).")
    List<String> requirements = new ArrayList<>();

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE",
            description = "A pip requirements file (exact pins, extras, markers, --hash, comments, line "
                    + "continuations, nested -r). Repeatable.")
    List<Path> requirementFiles = new ArrayList<>();

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
    List<Acceptance> acceptances = new ArrayList<>();

    @Mixin
    IndexOptions indexOptions;

    @Mixin
    TrustRootOptions trustRootOptions;

    @Mixin
    FormatOption formatOption;

    @Mixin
    OutputOptions outputOptions;

    /** {@code --accept-identity-change NAME --reason TEXT}: both, together, repeatable. */
    static final class Acceptance {
        @Option(names = "--accept-identity-change", required = true, paramLabel = "NAME",
                description = "Accept the new publisher identity of this package (after you checked it).")
        String name;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why the new identity is trusted; recorded with the date in [tool.pylock-trust].")
        String reason;
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
        Map<String, String> approvals = approvals();
        LockfileNames.requireValid(outputFile);
        Path dir = outputFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("cannot write '" + outputFile + "': directory '" + dir + "' does not exist");
        }
        Optional<ParsedLockfile> earlier = previousLock(source);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean quiet = outputOptions.quiet();
        IndexConfig config = indexOptions.config(TerminalProgress.forStderr(err, quiet));
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
                    "lock either requirements (with --no-deps) or an existing pylock.toml");
        }
        if (fromLock != null) {
            ParsedLockfile input = read(fromLock);
            return new Locker.Source.FromLock(input);
        }
        if (!haveRequirements) {
            throw new UsageException("nothing to lock: give requirements, -r FILE, or --from-lock FILE",
                    "run 'pylock-trust lock --help' for examples");
        }
        List<RequirementLine> lines = new ArrayList<>(RequirementsFile.fromArguments(requirements));
        for (Path f : requirementFiles) {
            lines.addAll(RequirementsFile.read(f));
        }
        if (!noDeps) {
            throw new UsageException("dependency resolution is not available in this version of pylock-trust",
                    "lock a complete pinned set (for example pip-compile output) with --no-deps, or take an "
                            + "existing lock with --from-lock FILE");
        }
        return new Locker.Source.Pins(Pin.of(lines));
    }

    private Map<String, String> approvals() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Acceptance a : acceptances) {
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
            if (out.putIfAbsent(name, a.reason.strip()) != null) {
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
                err.println("warning: " + w);
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
