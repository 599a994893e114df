package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.policy.Expectation;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.PackageRules;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.resolve.LockedVersion;
import dev.pylocktrust.resolve.MergedPackage;
import dev.pylocktrust.resolve.MergedResolution;
import dev.pylocktrust.resolve.ResolutionRequest;
import dev.pylocktrust.resolve.ResolutionWarning;
import dev.pylocktrust.resolve.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The first step of {@link Locker}: which package entries to lock and which of their files to check, from exact pins,
 * another tool's lock, or a resolution of loose requirements, together with the lock file's top-level keys. Reads
 * the index (project pages, and for a resolution the metadata it needs); checks no provenance.
 */
final class LockPlanner {
    private final LockIndex index;

    LockPlanner(LockIndex index) {
        this.index = index;
    }

    /** A package entry about to be locked, with the files to check. */
    record Candidate(LockedPackage entry, List<FileRequest> requests, Optional<SourceLocation> location,
                     Optional<Expectation> ownAnchor, boolean checkable) {}

    /** The entries to lock and the lock file they go into (its top-level keys; packages and policy come later). */
    record Plan(List<Candidate> candidates, Lockfile shape) {}

    /**
     * @param pages receives every project page read, for the evidence gathering that follows
     * @param findings receives warnings (yanked files, skipped sdists, resolver warnings)
     */
    Plan plan(Locker.Request request, Map<String, ProjectPage> pages, List<Finding> findings) {
        Locker.Source source = request.source();
        if (source instanceof Locker.Source.Resolve r) {
            return resolved(r, request.previous(), pages, findings);
        }
        List<Candidate> out = new ArrayList<>();
        if (source instanceof Locker.Source.Pins p) {
            pages.putAll(index.projectPages(p.pins().stream().map(pin -> pin.name().value()).toList()));
            for (Pin pin : p.pins()) {
                ReleaseSelector.Selected s = ReleaseSelector.select(pin, pages.get(pin.name().value()),
                        index.simpleApiUrl(), index.describeIndex());
                findings.addAll(s.findings());
                List<FileRequest> requests = new ArrayList<>();
                for (IndexFile f : s.files()) {
                    requests.add(new FileRequest(pin.name().value(), pin.version().toString(), f.sha256().orElseThrow(),
                            f.filename()));
                }
                out.add(new Candidate(s.entry(), requests, pin.origin().location(), Optional.empty(), true));
            }
            return new Plan(out, Lockfile.of(Optional.empty(), List.of(), TrustPolicy.EMPTY));
        }
        ParsedLockfile input = ((Locker.Source.FromLock) source).lock();
        for (LockedPackage pkg : input.lockfile().packages()) {
            Optional<SourceLocation> location = input.sourceMap().lineOf(pkg).isPresent()
                    ? Optional.of(new SourceLocation(input.file(), input.sourceMap().lineOf(pkg).getAsInt()))
                    : Optional.empty();
            Expectation own = Expectations.of(input, List.of(pkg), PackageRules.NONE);
            if (pkg.isDirect()) {
                out.add(new Candidate(pkg, List.of(), location, Optional.of(own), false));
                continue;
            }
            List<FileRequest> requests = new ArrayList<>();
            for (LockedFile f : pkg.files()) {
                String sha = f.sha256().orElseThrow(() -> new LockfileException(input.file(),
                        input.sourceMap().lineOf(f).orElse(0), input.sourceMap().keyPathOf(f).orElse(""),
                        f.filename() + " has no sha256 hash",
                        "files are matched to the index by sha256; regenerate the lock with sha256 hashes"));
                requests.add(new FileRequest(pkg.name(), pkg.version().orElseGet(() -> versionOf(f)), sha,
                        f.filename()));
            }
            out.add(new Candidate(pkg, requests, location, Optional.of(own), true));
        }
        return new Plan(out, input.lockfile());
    }

    /**
     * Resolves, then takes each chosen release's files from the page the resolver read. The resolver's warnings
     * (a yanked or extra-less choice) become findings.
     */
    private Plan resolved(Locker.Source.Resolve r, Optional<ParsedLockfile> previous, Map<String, ProjectPage> pages,
                          List<Finding> findings) {
        ResolutionRequest request = r.request().withLocked(previous.map(LockPlanner::lockedVersions).orElse(List.of()),
                r.request().upgrade());
        MergedResolution merged;
        try (LockIndex.Packages packages = index.packages()) {
            merged = new Resolver(packages, r.options()).resolve(request, r.targets());
            pages.putAll(packages.pagesRead());
        }
        for (PackageName n : r.request().upgrade().packages()) {
            if (merged.get(n).isEmpty()) {
                throw new UsageException("--upgrade-package " + n + ": " + n + " is not among the resolved packages",
                        "give the name of a package the requirements need");
            }
        }
        for (ResolutionWarning w : merged.warnings()) {
            findings.add(new Finding(Severity.WARNING, FindingCode.RESOLUTION, w.name().value(), Optional.empty(), w.message(),
                    "", "", Optional.ofNullable(r.locations().get(w.name()))));
        }
        List<Candidate> out = new ArrayList<>();
        for (var p : merged.packages()) {
            Optional<SourceLocation> location = Optional.ofNullable(r.locations().get(p.name()));
            ReleaseSelector.Selected s = ReleaseSelector.selectResolved(p, dependencyTables(p, merged),
                    pages.get(p.name().value()), index.simpleApiUrl(), index.describeIndex(), location);
            findings.addAll(s.findings());
            List<FileRequest> requests = new ArrayList<>();
            for (IndexFile f : s.files()) {
                requests.add(new FileRequest(p.name().value(), p.version().toString(), f.sha256().orElseThrow(),
                        f.filename()));
            }
            out.add(new Candidate(s.entry(), requests, location, Optional.empty(), true));
        }
        Lockfile shape = new Lockfile(Lockfile.LOCK_VERSION, Lockfile.CREATED_BY,
                Optional.of(merged.requiresPython().toString()),
                Optional.of(merged.environments().stream().map(Object::toString).toList()),
                Optional.of(r.extras()), Optional.of(r.groups()), Optional.empty(), List.of(), RawTable.EMPTY,
                TrustPolicy.EMPTY, RawTable.EMPTY);
        return new Plan(out, shape);
    }

    /** The earlier lock's index packages as the resolver's preferences (entries without a version are skipped). */
    private static List<LockedVersion> lockedVersions(ParsedLockfile previous) {
        List<LockedVersion> out = new ArrayList<>();
        for (LockedPackage p : previous.lockfile().packages()) {
            Optional<Version> v = p.version().flatMap(Version::tryParse);
            if (v.isPresent() && !p.isDirect()) {
                out.add(new LockedVersion(PackageName.of(p.name()), v.get(), p.marker().map(Marker::parse)));
            }
        }
        return out;
    }

    /** PEP 751 {@code dependencies}: the name, and the version too when the lock holds several entries of it. */
    private static List<RawTable> dependencyTables(MergedPackage p, MergedResolution all) {
        List<RawTable> out = new ArrayList<>();
        for (var d : p.dependencies()) {
            Map<String, Object> table = new TreeMap<>();
            table.put("name", d.name().value());
            if (all.get(d.name()).size() > 1) {
                table.put("version", d.version().toString());
            }
            RawTable t = RawTable.of(table);
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static String versionOf(LockedFile f) {
        try {
            return DistributionFilename.parse(f.filename()).version().toString();
        } catch (InvalidSpecException e) {
            return "0"; // only used for PyPI's Integrity API fallback; a wrong one there fails closed
        }
    }
}
