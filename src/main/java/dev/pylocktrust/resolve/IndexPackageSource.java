package dev.pylocktrust.resolve;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.index.CoreMetadata;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectNotFoundException;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link PackageSource} over the package index client: project pages become candidates, and a release's
 * metadata comes from, in this order,
 * <ol>
 *   <li>PEP 658 metadata of one of its wheels ({@code <file>.metadata}, checked against the page's hash);
 *   <li>a wheel's {@code *.dist-info/METADATA}, read with HTTP range requests (the ZIP's tail, central directory and
 *       that one member), or from the whole wheel when the server ignores ranges (checked against the page's
 *       sha256);
 *   <li>for a release without wheels, the sdist's {@code PKG-INFO} (PEP 658 metadata of the sdist, or read from the
 *       archive), only if it is Metadata-Version 2.2 or later and does not declare {@code Requires-Dist},
 *       {@code Requires-Python} or {@code Provides-Extra} dynamic (PEP 643): otherwise its dependencies are only
 *       known after a build, which pylock-trust never runs, and {@link MetadataUnavailableException} names the
 *       release.
 * </ol>
 * Wheels of one release are assumed to share their metadata (as uv does); the first wheel by filename is read.
 *
 * <p>Files whose names do not parse, that belong to another project, or whose {@code requires-python} is not a valid
 * specifier are left out (they could not be checked against a target).
 */
public final class IndexPackageSource implements PackageSource {
    /** Whole-file reads (a server without range support, an sdist) stop here. */
    static final long WHOLE_FILE_CAP = 256L << 20;
    static final int METADATA_CAP = 16 << 20;
    /** At most this much of an sdist is decompressed looking for PKG-INFO. */
    static final long SCAN_CAP = 1L << 30;
    private static final Version METADATA_2_2 = Version.parse("2.2");

    private final IndexClient client;
    private final ConcurrentMap<String, IndexFile> files = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ProjectPage> pages = new ConcurrentHashMap<>();

    public IndexPackageSource(IndexClient client) {
        this.client = client;
    }

    @Override
    public List<Candidate> candidates(PackageName name) {
        ProjectPage page;
        try {
            page = client.projectPage(name.value());
        } catch (ProjectNotFoundException e) {
            return List.of();
        }
        pages.put(name.value(), page);
        Map<Version, List<DistFile>> byVersion = new LinkedHashMap<>();
        for (IndexFile f : page.files()) {
            DistributionFilename parsed;
            Optional<SpecifierSet> requiresPython;
            try {
                parsed = DistributionFilename.parse(f.filename());
                requiresPython = f.requiresPython().map(SpecifierSet::parse);
            } catch (InvalidSpecException e) {
                continue;
            }
            if (!parsed.name().equals(name)) {
                continue;
            }
            Optional<String> yanked = f.yanked() ? Optional.of(f.yankedReason().orElse("")) : Optional.empty();
            byVersion.computeIfAbsent(parsed.version(), v -> new ArrayList<>()).add(new DistFile(parsed,
                    requiresPython, yanked, f.coreMetadata().isPresent(), f.sha256()));
            files.put(key(name, f.filename()), f);
        }
        List<Candidate> out = new ArrayList<>();
        byVersion.forEach((v, list) -> out.add(new Candidate(name, v, list)));
        return out;
    }

    /**
     * The project pages read so far, by normalized name: the pages the candidates came from, so a caller can take
     * the chosen files' URLs, sizes and hashes from the very listing the resolver saw.
     */
    public Map<String, ProjectPage> pagesRead() {
        return Map.copyOf(pages);
    }

    @Override
    public Metadata metadata(Candidate candidate) {
        List<DistFile> sorted = new ArrayList<>(candidate.files());
        sorted.sort(Comparator.comparing(DistFile::name));
        List<DistFile> wheels = sorted.stream().filter(DistFile::isWheel).toList();
        List<DistFile> sdists = sorted.stream().filter(DistFile::isSdist).toList();
        for (DistFile w : wheels) {
            if (w.coreMetadata()) {
                return convert(candidate, client.metadata(file(candidate, w)), w.name());
            }
        }
        if (!wheels.isEmpty()) {
            DistFile w = wheels.get(0);
            byte[] bytes = readMember(candidate, w, name -> name.matches("[^/]+\\.dist-info/METADATA"),
                    "the .dist-info/METADATA file");
            return convert(candidate, CoreMetadata.parse(bytes, w.name()), w.name());
        }
        for (DistFile s : sdists) {
            if (s.coreMetadata()) {
                CoreMetadata md = client.metadata(file(candidate, s));
                return convert(candidate, checkSdist(candidate, md, s.name()), s.name());
            }
        }
        if (sdists.isEmpty()) {
            throw new MetadataUnavailableException(candidate + " has neither a wheel nor an sdist on the index",
                    "exclude " + candidate + " (e.g. with a constraint " + candidate.name() + "!=" + candidate.version()
                            + ")");
        }
        DistFile s = sdists.get(0);
        byte[] bytes = readMember(candidate, s, name -> name.indexOf('/') > 0
                && name.indexOf('/') == name.lastIndexOf('/') && name.endsWith("/PKG-INFO"), "the PKG-INFO file");
        return convert(candidate, checkSdist(candidate, CoreMetadata.parse(bytes, s.name() + " PKG-INFO"), s.name()),
                s.name());
    }

    private byte[] readMember(Candidate candidate, DistFile dist, java.util.function.Predicate<String> wanted,
            String what) {
        IndexFile f = file(candidate, dist);
        String where = what + " of " + dist.name();
        try {
            if (dist.filename() instanceof SdistFilename sd && sd.format() == SdistFilename.Format.TAR_GZ) {
                return TarMemberReader.read(client.readFile(f, WHOLE_FILE_CAP), wanted, where, METADATA_CAP,
                        SCAN_CAP);
            }
            return ZipMemberReader.read(new RemoteZip(client, f), wanted, where, METADATA_CAP);
        } catch (ArchiveFormatException e) {
            throw new NetworkException("cannot read the metadata of " + candidate + " from " + dist.name() + ": "
                    + e.getMessage(), "the index serves a malformed distribution file");
        }
    }

    /**
     * Random reads of a remote ZIP through range requests; if the server answers a range request with the whole
     * file, the rest is read from that copy.
     */
    private static final class RemoteZip implements ZipMemberReader.Source {
        private final IndexClient client;
        private final IndexFile file;
        private ZipMemberReader.Source whole;

        RemoteZip(IndexClient client, IndexFile file) {
            this.client = client;
            this.file = file;
        }

        @Override
        public byte[] tail(int n) {
            if (whole != null) {
                return whole.tail(n);
            }
            IndexClient.FileRead r = client.readFileRange(file, -n, -1, WHOLE_FILE_CAP);
            if (!r.partial()) {
                whole = ZipMemberReader.of(r.bytes());
                return whole.tail(n);
            }
            return r.bytes();
        }

        @Override
        public byte[] read(long offset, int length) {
            if (whole != null) {
                return whole.read(offset, length);
            }
            if (length == 0) {
                return new byte[0];
            }
            IndexClient.FileRead r = client.readFileRange(file, offset, offset + length - 1, WHOLE_FILE_CAP);
            if (!r.partial()) {
                whole = ZipMemberReader.of(r.bytes());
                return whole.read(offset, length);
            }
            return r.bytes();
        }
    }

    /** PEP 643: sdist metadata is trustworthy only from 2.2 on, for fields not declared dynamic. */
    private static CoreMetadata checkSdist(Candidate candidate, CoreMetadata md, String filename) {
        Optional<Version> mv = Version.tryParse(md.metadataVersion());
        String hint = "pin " + candidate.name() + " to a release that has wheels (e.g. add the constraint "
                + candidate.name() + "!=" + candidate.version() + "), or ask its maintainers to publish wheels";
        if (mv.isEmpty() || mv.get().compareTo(METADATA_2_2) < 0) {
            throw new MetadataUnavailableException("cannot know the dependencies of " + candidate + " without"
                    + " building it: it has no wheel, and " + filename + " has Metadata-Version "
                    + md.metadataVersion() + " (an sdist's dependencies are reliable only from 2.2 on);"
                    + " pylock-trust does not run builds", hint);
        }
        for (String field : md.dynamic()) {
            String f = field.strip().toLowerCase(Locale.ROOT);
            if (Set.of("requires-dist", "requires-python", "provides-extra").contains(f)) {
                throw new MetadataUnavailableException("cannot know the dependencies of " + candidate + " without"
                        + " building it: it has no wheel, and " + filename + " declares " + field.strip()
                        + " dynamic (decided at build time); pylock-trust does not run builds", hint);
            }
        }
        return md;
    }

    private static Metadata convert(Candidate candidate, CoreMetadata md, String source) {
        PackageName name;
        Version version;
        try {
            name = PackageName.of(md.name());
            version = Version.parse(md.version());
        } catch (InvalidSpecException e) {
            throw new NetworkException("the metadata of " + candidate + " (from " + source + ") is malformed: "
                    + e.getMessage(), "the index serves a distribution with malformed metadata");
        }
        List<Requirement> requires = new ArrayList<>();
        for (String line : md.requiresDist()) {
            try {
                requires.add(Requirement.parse(line));
            } catch (InvalidSpecException e) {
                if (e.reason().startsWith("direct URL references")) {
                    throw new MetadataUnavailableException(candidate + " requires '" + line + "', a direct URL"
                            + " reference; pylock-trust locks only packages from the index",
                            "pin " + candidate.name() + " to another version with a constraint");
                }
                throw new NetworkException("the metadata of " + candidate + " (from " + source + ") has an invalid"
                        + " Requires-Dist: " + e.getMessage(), "the index serves a distribution with malformed"
                                + " metadata; pin " + candidate.name() + " to another version with a constraint");
            }
        }
        Optional<SpecifierSet> requiresPython;
        try {
            requiresPython = md.requiresPython().map(SpecifierSet::parse);
        } catch (InvalidSpecException e) {
            throw new MetadataUnavailableException("cannot tell which Pythons " + candidate + " supports: "
                    + e.getMessage(), "pin " + candidate.name() + " to another version with a constraint");
        }
        return new Metadata(name, version, requires, requiresPython, Set.copyOf(md.providesExtra().stream()
                .filter(PackageName::isValid).toList()));
    }

    private IndexFile file(Candidate candidate, DistFile dist) {
        IndexFile f = files.get(key(candidate.name(), dist.name()));
        if (f == null) {
            throw new IllegalStateException("no index entry for " + dist.name() + "; candidates must come from"
                    + " this source");
        }
        return f;
    }

    private static String key(PackageName project, String filename) {
        return project.value() + "/" + filename;
    }
}
