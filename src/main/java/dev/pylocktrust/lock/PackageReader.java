package dev.pylocktrust.lock;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads one {@code [[packages]]} entry, with every PEP 751 MUST checked and reported at its key. */
final class PackageReader {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Longest name we accept: far above any real one, and keeps pattern matching cheap. */
    private static final int MAX_NAME_LENGTH = 1024;

    private PackageReader() {}

    static LockedPackage read(TomlNode n) {
        int max = n.ctx.limits.maxArrayLength();
        String name = n.requireString("name");
        if (name.length() > MAX_NAME_LENGTH || !PackageName.isNormalized(name)) {
            throw n.keyError("name", PylockTrustTables.notNormalized(name), PylockTrustTables.normalizeHint(name));
        }
        Optional<String> version = n.optValid("version", Version::parse);
        Optional<String> marker = n.optValid("marker", Marker::parse);
        Optional<String> requiresPython = n.optValid("requires-python", SpecifierSet::parse);
        Optional<String> index = n.optString("index");
        List<RawTable> dependencies = new ArrayList<>();
        for (TomlNode d : n.optTableArray("dependencies", max).orElse(List.of())) {
            dependencies.add(d.toRaw());
        }

        Optional<RawTable> vcs = n.optTable("vcs").map(PackageReader::vcs);
        Optional<RawTable> directory = n.optTable("directory").map(PackageReader::directory);
        Optional<RawTable> archive = n.optTable("archive").map(PackageReader::archive);
        Optional<TomlNode> sdistNode = n.optTable("sdist");
        Optional<LockedFile> sdist = sdistNode.map(PackageReader::file);
        List<TomlNode> wheelNodes = n.optTableArray("wheels", max).orElse(List.of());
        List<LockedFile> wheels = new ArrayList<>();
        for (TomlNode w : wheelNodes) {
            wheels.add(file(w));
        }
        LockedPackage.sourceProblem(sdist.isPresent() || !wheels.isEmpty(), vcs.isPresent(), directory.isPresent(),
                archive.isPresent()).ifPresent(p -> {
                    throw n.error(p);
                });
        sdistNode.ifPresent(s -> checkFilename(s, sdist.get(),
                DistFilenames.checkSdist(sdist.get().filename(), name, version)));
        for (int i = 0; i < wheels.size(); i++) {
            checkFilename(wheelNodes.get(i), wheels.get(i),
                    DistFilenames.checkWheel(wheels.get(i).filename(), name, version));
        }

        List<AttestationIdentity> identities = new ArrayList<>();
        for (TomlNode id : n.optTableArray("attestation-identities", max).orElse(List.of())) {
            identities.add(PylockTrustTables.identity(id));
        }

        RawTable tool = RawTable.EMPTY;
        List<FileAttestationRecord> records = List.of();
        Optional<TomlNode> toolNode = n.optTable("tool");
        if (toolNode.isPresent()) {
            Optional<TomlNode> ours = toolNode.get().optTable(PylockTrustTables.TOOL_NAME);
            if (ours.isPresent()) {
                // Whether the records match the files is a trust question (a hash edited after locking), answered
                // by the policy's LockConsistency, not a reading error.
                records = PylockTrustTables.readRecords(ours.get());
            }
            tool = toolNode.get().unknownKeys(Set.of(PylockTrustTables.TOOL_NAME), true);
        }
        RawTable extra = n.unknownKeys(LockedPackage.KEYS, false);
        LockedPackage p = new LockedPackage(name, version, marker, requiresPython, index, dependencies, sdist,
                wheels, vcs, directory, archive, identities, tool, records, extra);
        n.ctx.sourceMap.element(p, n.path);
        return p;
    }

    /** One sdist or wheel table. */
    private static LockedFile file(TomlNode f) {
        Optional<String> name = f.optNonEmptyString("name");
        Optional<String> url = f.optNonEmptyString("url");
        Optional<String> path = f.optNonEmptyString("path");
        if (url.isEmpty() && path.isEmpty()) {
            throw f.error("needs a url or a path");
        }
        OptionalLong size = f.optNonNegativeLong("size");
        Optional<Instant> uploadTime = f.optInstant("upload-time");
        TreeMap<String, String> hashes = hashes(f);
        Optional<String> filename = DistFilenames.derive(name, path, url);
        String source = name.isPresent() ? "name" : path.isPresent() ? "path" : "url";
        if (filename.isEmpty()) {
            throw f.keyError(source, "cannot derive a filename from name, path or url",
                    "add name = \"<filename>\" to this table");
        }
        DistFilenames.checkSafe(filename.get()).ifPresent(p -> {
            throw f.keyError(source, p);
        });
        RawTable extra = f.unknownKeys(LockedFile.KEYS, false);
        LockedFile file = new LockedFile(name, url, path, size, uploadTime, hashes, extra);
        f.ctx.sourceMap.element(file, f.path);
        return file;
    }

    /** {@code hashes}: required, at least one entry, string values, sha256 as 64 hex digits. */
    private static TreeMap<String, String> hashes(TomlNode f) {
        TomlNode h = f.optTable("hashes").orElseThrow(() -> f.keyError("hashes", "required table missing",
                "every file needs hashes = { sha256 = \"...\" }"));
        if (h.table.keys().isEmpty()) {
            throw f.keyError("hashes", "must contain at least one hash", "add the file's sha256");
        }
        if (h.table.keys().size() > f.ctx.limits.maxHashesPerFile()) {
            throw f.keyError("hashes", "has " + h.table.keys().size() + " entries, more than the limit of "
                    + f.ctx.limits.maxHashesPerFile());
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (String algorithm : h.table.keys()) {
            String digest = h.optString(algorithm).orElseThrow();
            if (digest.isEmpty()) {
                throw h.keyError(algorithm, "must not be empty");
            }
            if (Ascii.equalsIgnoreCase(algorithm, "sha256") && !SHA256.matcher(digest).matches()) {
                throw h.keyError(algorithm, "expected 64 hex digits, found " + digest.length() + " characters");
            }
            if (out.keySet().stream().anyMatch(a -> Ascii.equalsIgnoreCase(a, algorithm))) {
                throw h.keyError(algorithm, "hash algorithm given twice (names are case-insensitive)");
            }
            out.put(algorithm, digest);
        }
        return out;
    }

    private static void checkFilename(TomlNode f, LockedFile file, Optional<String> problem) {
        String key = file.name().isPresent() ? "name" : file.path().isPresent() ? "path" : "url";
        problem.ifPresent(p -> {
            throw f.keyError(key, p);
        });
    }

    private static RawTable vcs(TomlNode t) {
        String type = t.requireString("type", "e.g. type = \"git\"");
        if (type.isEmpty()) {
            throw t.keyError("type", "must not be empty");
        }
        urlOrPath(t);
        t.requireString("commit-id", "PEP 751 requires the exact commit for a VCS source");
        t.optString("requested-revision");
        t.optString("subdirectory");
        return t.toRaw();
    }

    private static RawTable directory(TomlNode t) {
        t.requireString("path");
        t.optBoolean("editable");
        t.optString("subdirectory");
        return t.toRaw();
    }

    private static RawTable archive(TomlNode t) {
        urlOrPath(t);
        t.optNonNegativeLong("size");
        t.optInstant("upload-time");
        t.optString("subdirectory");
        hashes(t);
        return t.toRaw();
    }

    private static void urlOrPath(TomlNode t) {
        if (t.optNonEmptyString("url").isEmpty() && t.optNonEmptyString("path").isEmpty()) {
            throw t.error("needs a url or a path");
        }
    }
}
