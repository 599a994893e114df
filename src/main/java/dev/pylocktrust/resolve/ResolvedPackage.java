package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One package of a resolution for one target environment.
 *
 * @param name the normalized project name
 * @param version the chosen version
 * @param release the release as the index lists it (every file)
 * @param files the files the target can install, best-fitting first is not implied: compatible wheels and sdists,
 *     not yanked (unless the release was chosen because a requirement pins it and all its files are yanked)
 * @param requiresPython the release's metadata {@code Requires-Python}, if any
 * @param extras the package's extras that something requested
 * @param dependencies the packages this one's requirements (and its requested extras') pulled in
 * @param origins which parts of the user's input reach this package (main requirements, extras, groups)
 */
public record ResolvedPackage(
        PackageName name,
        Version version,
        Candidate release,
        List<DistFile> files,
        Optional<SpecifierSet> requiresPython,
        Set<String> extras,
        Set<PackageName> dependencies,
        Set<Origin> origins) {

    public ResolvedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        files = List.copyOf(files);
        Objects.requireNonNull(requiresPython, "requiresPython");
        extras = Set.copyOf(extras);
        dependencies = Set.copyOf(dependencies);
        origins = Set.copyOf(origins);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
