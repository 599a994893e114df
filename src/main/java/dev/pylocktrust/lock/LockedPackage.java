package dev.pylocktrust.lock;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code [[packages]]} entry.
 *
 * @param name PEP 503-normalized project name
 * @param version set for sdist/wheel packages; PEP 751 forbids it for vcs and directory sources
 * @param marker environment marker deciding whether this entry applies
 * @param requiresPython the package's Requires-Python
 * @param index base URL of the Simple API the files came from
 * @param dependencies informational only: tables identifying other entries ({@code {name = "x"}})
 * @param sdist the source distribution, if locked
 * @param wheels the wheels (empty if none)
 * @param vcs a VCS source, kept as TOML data (see {@link #sourceProblem} for which sources may combine)
 * @param directory a local source tree, kept as TOML data
 * @param archive a direct-URL archive, kept as TOML data
 * @param attestationIdentities the verified publisher identities for any of this package's files: the trust anchor
 * @param tool other tools' {@code [packages.tool.*]} tables, without ours
 * @param attestationRecords our {@code [packages.tool.pylock-trust]} per-file facts (whether they agree with the
 *     files and identities is checked by the trust policy, as a hand edit would break them)
 * @param extra keys PEP 751 does not define for a package, kept so a round trip loses nothing
 */
public record LockedPackage(
        String name,
        Optional<String> version,
        Optional<String> marker,
        Optional<String> requiresPython,
        Optional<String> index,
        List<RawTable> dependencies,
        Optional<LockedFile> sdist,
        List<LockedFile> wheels,
        Optional<RawTable> vcs,
        Optional<RawTable> directory,
        Optional<RawTable> archive,
        List<AttestationIdentity> attestationIdentities,
        RawTable tool,
        List<FileAttestationRecord> attestationRecords,
        RawTable extra) {

    /** Keys of a package table that PEP 751 defines. */
    static final Set<String> KEYS = Set.of("name", "version", "marker", "requires-python", "dependencies", "index",
            "vcs", "directory", "archive", "sdist", "wheels", "attestation-identities", "tool");

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(index, "index");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(sdist, "sdist");
        wheels = List.copyOf(wheels);
        Objects.requireNonNull(vcs, "vcs");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(archive, "archive");
        attestationIdentities = List.copyOf(attestationIdentities);
        Objects.requireNonNull(tool, "tool");
        attestationRecords = List.copyOf(attestationRecords);
        Objects.requireNonNull(extra, "extra");
        if (!PackageName.isNormalized(name)) {
            throw new IllegalArgumentException("package name is not normalized: " + name);
        }
        version.ifPresent(Version::parse); // each throws InvalidSpecException, an IllegalArgumentException
        marker.ifPresent(Marker::parse);
        requiresPython.ifPresent(SpecifierSet::parse);
        sourceProblem(sdist.isPresent() || !wheels.isEmpty(), vcs.isPresent(), directory.isPresent(),
                archive.isPresent()).ifPresent(p -> {
                    throw new IllegalArgumentException(p);
                });
        if (tool.containsKey(PylockTrustTables.TOOL_NAME)) {
            throw new IllegalArgumentException("our own tool table goes in attestationRecords, not in tool");
        }
        for (String key : extra.entries().keySet()) {
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("extra must not contain the PEP 751 key '" + key + "'");
            }
        }
        if (sdist.isPresent()) {
            String f = sdist.get().filename();
            DistFilenames.checkSdist(f, name, version).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
        for (LockedFile w : wheels) {
            DistFilenames.checkWheel(w.filename(), name, version).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
    }

    /** PEP 751 source rules, as {@code packaging.pylock} enforces them; empty when the combination is valid. */
    static Optional<String> sourceProblem(boolean distributions, boolean vcs, boolean directory, boolean archive) {
        int direct = (vcs ? 1 : 0) + (directory ? 1 : 0) + (archive ? 1 : 0);
        if (distributions && direct > 0) {
            return Optional.of("vcs, directory and archive must not be set when sdist or wheels are set");
        }
        if (!distributions && direct != 1) {
            return Optional.of(direct == 0
                    ? "a package needs a source: sdist, wheels, or exactly one of vcs, directory, archive"
                    : "exactly one of vcs, directory, archive may be set");
        }
        return Optional.empty();
    }

    /** A package locked from an index: name, version, sdist and wheels; everything else empty. */
    public static LockedPackage of(String name, String version, Optional<LockedFile> sdist, List<LockedFile> wheels) {
        return new LockedPackage(name, Optional.of(version), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), sdist, wheels, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                RawTable.EMPTY, List.of(), RawTable.EMPTY);
    }

    /** The sdist (if any) followed by the wheels. */
    public List<LockedFile> files() {
        List<LockedFile> all = new ArrayList<>(wheels.size() + 1);
        sdist.ifPresent(all::add);
        all.addAll(wheels);
        return List.copyOf(all);
    }

    /** {@code vcs}, {@code directory} or {@code archive} for a direct source; {@code index} otherwise. */
    public String sourceKind() {
        return vcs.isPresent() ? "vcs" : directory.isPresent() ? "directory" : archive.isPresent() ? "archive"
                : "index";
    }

    /** True for vcs, directory and archive packages, which have no index files to attest. */
    public boolean isDirect() {
        return sdist.isEmpty() && wheels.isEmpty();
    }

    public LockedPackage withAttestations(List<AttestationIdentity> identities, List<FileAttestationRecord> records) {
        return new LockedPackage(name, version, marker, requiresPython, index, dependencies, sdist, wheels, vcs,
                directory, archive, identities, tool, records, extra);
    }

    public LockedPackage withMarker(String newMarker) {
        return new LockedPackage(name, version, Optional.of(newMarker), requiresPython, index, dependencies, sdist,
                wheels, vcs, directory, archive, attestationIdentities, tool, attestationRecords, extra);
    }
}
