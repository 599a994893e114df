package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Objects;

/**
 * One release of a project as the index lists it: a version and its files. A {@link PackageSource} groups files by
 * PEP 440 version equality, so {@code foo-1.0.tar.gz} and {@code foo-1.0.0-py3-none-any.whl} are one candidate.
 *
 * @param name the normalized project name
 * @param version the release's version
 * @param files the release's files (never empty for a listed release)
 */
public record Candidate(PackageName name, Version version, List<DistFile> files) {

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        files = List.copyOf(files);
        for (DistFile f : files) {
            if (!f.filename().name().equals(name) || !f.version().equals(version)) {
                throw new IllegalArgumentException("file " + f.name() + " is not part of " + name + " " + version);
            }
        }
    }

    /** Whether every file of the release is yanked (PEP 592: then the release is yanked). */
    public boolean yanked() {
        return !files.isEmpty() && files.stream().allMatch(DistFile::yanked);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
