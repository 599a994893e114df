package dev.pylocktrust.lock;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.TrustException;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.WheelFilename;
import dev.pylocktrust.resolve.MergedPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the files of a pinned release from the project's index page and builds its package entry (without
 * identities). Pure: the page was fetched before.
 *
 * <p>All wheels and the sdist of the pinned version are taken (PEP 751 lets the installer choose), unless the pin
 * has {@code --hash} values: then exactly the files with those sha256 values, each of which must exist. Files are
 * matched to the version by parsing their names (PEP 440 equality); names that are not wheels or sdists (eggs,
 * installers) are not lockable and are left out. A yanked file is taken (the pin names it exactly) with a warning.
 */
final class ReleaseSelector {
    private ReleaseSelector() {}

    /** The entry for a pin, the index files it locks, and warnings. */
    record Selected(LockedPackage entry, List<IndexFile> files, List<Finding> findings) {}

    /**
     * @param indexUrl the Simple API URL to record as the entry's {@code index}, if any
     * @param indexName the index as messages name it
     * @throws UsageException if the index has no file of the pinned version
     * @throws TrustException if a {@code --hash} value matches no file of the pinned version
     * @throws NetworkException if the index gives no sha256 for a file
     */
    static Selected select(Pin pin, ProjectPage page, Optional<String> indexUrl, String indexName) {
        String name = pin.name().value();
        List<IndexFile> release = new ArrayList<>();
        for (IndexFile f : page.files()) {
            if (parse(f.filename()).filter(d -> d.name().equals(pin.name()) && d.version().equals(pin.version()))
                    .isPresent()) {
                release.add(f);
            }
        }
        if (release.isEmpty()) {
            throw RequirementsParser.error(pin.origin(), "the index has no files of " + name + " " + pin.version()
                    + " (" + indexName + ")", versionsHint(page));
        }
        for (IndexFile f : release) {
            if (f.sha256().isEmpty()) {
                throw noSha256(f.filename(), indexName);
            }
        }
        List<IndexFile> chosen = release;
        if (!pin.sha256().isEmpty()) {
            chosen = new ArrayList<>();
            for (String sha : pin.sha256()) {
                Optional<IndexFile> f = release.stream().filter(r -> r.sha256().get().equals(sha)).findFirst();
                if (f.isEmpty()) {
                    throw new TrustException(pin.origin() + ": --hash=sha256:" + sha + " matches no file of " + name
                            + " " + pin.version() + " on the index (" + indexName + ")",
                            "the index serves other bytes than the requirements file expects; do not install them "
                                    + "before finding out why, then fix the hash or the pin");
                }
                if (!chosen.contains(f.get())) {
                    chosen.add(f.get());
                }
            }
        }
        return build(name, pin.version().toString(), pin.marker().map(Object::toString), Optional.empty(),
                List.of(), chosen, indexUrl, Optional.of("the pin names this version exactly, so it is locked"),
                pin.origin().location());
    }

    /**
     * The entry for a release the resolver chose: exactly the files it found installable on the targets (matched
     * by sha256 on the same page the resolver read), with the resolution's marker and the release's metadata
     * {@code Requires-Python} (else the files' common one). A yanked release gets no finding here: the resolver
     * already warns that it chose one, with the reason.
     *
     * @param dependencies the entry's PEP 751 {@code dependencies} tables
     * @param location the requirement that named the package, if the user named it
     * @throws NetworkException if the index gives no sha256 for a chosen file
     */
    static Selected selectResolved(MergedPackage resolved, List<RawTable> dependencies,
                                   ProjectPage page, Optional<String> indexUrl, String indexName,
                                   Optional<SourceLocation> location) {
        List<IndexFile> chosen = new ArrayList<>();
        for (var file : resolved.files()) {
            String sha = file.sha256().orElseThrow(() -> noSha256(file.name(), indexName));
            IndexFile listed = page.files().stream()
                    .filter(f -> f.filename().equals(file.name()) && f.sha256().equals(Optional.of(sha)))
                    .findFirst()
                    .orElseThrow(() -> new NetworkException("the index listing of " + resolved.name()
                            + " changed while locking: " + file.name() + " is gone (" + indexName + ")",
                            "lock again"));
            chosen.add(listed);
        }
        return build(resolved.name().value(), resolved.version().toString(), resolved.marker().map(Object::toString),
                resolved.requiresPython().map(Object::toString), dependencies, chosen, indexUrl, Optional.empty(),
                location);
    }

    private static NetworkException noSha256(String filename, String indexName) {
        return new NetworkException("the index gives no sha256 for " + filename + " (" + indexName + ")",
                "pylock-trust identifies files by sha256; use an index that publishes it");
    }

    private static Selected build(String name, String version, Optional<String> marker,
                                  Optional<String> requiresPython, List<RawTable> dependencies,
                                  List<IndexFile> chosen, Optional<String> indexUrl,
                                  Optional<String> whyYankedIsLocked,
                                  Optional<SourceLocation> location) {
        List<Finding> findings = new ArrayList<>();
        Optional<LockedFile> sdist = Optional.empty();
        List<LockedFile> wheels = new ArrayList<>();
        List<IndexFile> locked = new ArrayList<>();
        for (IndexFile f : sortedSdistsFirst(chosen)) {
            boolean isSdist = parse(f.filename()).orElseThrow() instanceof SdistFilename;
            if (isSdist && sdist.isPresent()) {
                findings.add(new Finding(Severity.WARNING, FindingCode.SDIST_SKIPPED, name, Optional.of(f.filename()),
                        name + " " + version + ": a second sdist " + f.filename() + " is not locked",
                        "a PEP 751 package entry holds one sdist; " + sdist.get().filename() + " was taken",
                        "", location));
                continue;
            }
            if (f.yanked() && whyYankedIsLocked.isPresent()) {
                findings.add(new Finding(Severity.WARNING, FindingCode.YANKED, name, Optional.of(f.filename()),
                        name + " " + version + ": " + f.filename() + " is yanked"
                                + f.yankedReason().map(r -> " (" + r + ")").orElse(""),
                        whyYankedIsLocked.get(), "pin another version if you can", location));
            }
            LockedFile lf = new LockedFile(Optional.of(f.filename()), Optional.of(f.url()), Optional.empty(),
                    f.size(), f.uploadTime(), new TreeMap<>(Map.of("sha256", f.sha256().get())), RawTable.EMPTY);
            if (isSdist) {
                sdist = Optional.of(lf);
            } else {
                wheels.add(lf);
            }
            locked.add(f);
        }
        LockedPackage entry = new LockedPackage(name, Optional.of(version), marker,
                requiresPython.or(() -> requiresPython(locked)), indexUrl, dependencies, sdist, wheels,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), RawTable.EMPTY, List.of(),
                RawTable.EMPTY);
        return new Selected(entry, List.copyOf(locked), List.copyOf(findings));
    }

    private static Optional<DistributionFilename> parse(String filename) {
        try {
            return Optional.of(DistributionFilename.parse(filename));
        } catch (InvalidSpecException e) {
            return Optional.empty();
        }
    }

    /** Sdists first, the standard {@code .tar.gz} before {@code .zip}; then wheels by name. Deterministic. */
    private static List<IndexFile> sortedSdistsFirst(List<IndexFile> files) {
        List<IndexFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.<IndexFile>comparingInt(f -> parse(f.filename()).orElseThrow() instanceof WheelFilename
                        ? 2 : f.filename().endsWith(".tar.gz") ? 0 : 1)
                .thenComparing(IndexFile::filename));
        return sorted;
    }

    /** The files' common Requires-Python, when they all agree and it is a valid specifier set. */
    private static Optional<String> requiresPython(List<IndexFile> files) {
        TreeSet<String> values = new TreeSet<>();
        for (IndexFile f : files) {
            values.add(f.requiresPython().map(String::strip).orElse(""));
        }
        if (values.size() != 1 || values.first().isEmpty()) {
            return Optional.empty();
        }
        try {
            SpecifierSet.parse(values.first());
            return Optional.of(values.first());
        } catch (InvalidSpecException e) {
            return Optional.empty();
        }
    }

    private static String[] versionsHint(ProjectPage page) {
        List<String> versions = page.versions();
        if (versions.isEmpty()) {
            return new String[] {"check the pin and --index-url"};
        }
        List<String> last = versions.subList(Math.max(0, versions.size() - 5), versions.size());
        return new String[] {"versions on the index include: " + String.join(", ", last)};
    }
}
