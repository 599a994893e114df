package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a {@link MergedResolution}, which becomes one {@code [[packages]]} entry of a multi-environment lock:
 * a package version and where it applies.
 *
 * @param marker when to install it (PEP 751 {@code packages.marker}); empty when it applies to every locked
 *     environment and to the main requirements; may use {@code 'x' in extras} / {@code 'g' in dependency_groups}
 *     when only an extra or dependency group of the project needs it
 * @param files the files any of its targets can install, sorted by filename
 * @param dependencies the packages its requirements pulled in, with the version chosen where it applies
 * @param targets the target environments this entry was resolved for
 */
public record MergedPackage(
        PackageName name,
        Version version,
        Optional<Marker> marker,
        Candidate release,
        List<DistFile> files,
        Optional<SpecifierSet> requiresPython,
        List<Dependency> dependencies,
        List<TargetEnvironment> targets) {

    /** A reference to another entry (PEP 751 {@code [[packages.dependencies]]}: name and version). */
    public record Dependency(PackageName name, Version version) {}

    public MergedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(release, "release");
        files = List.copyOf(files);
        Objects.requireNonNull(requiresPython, "requiresPython");
        dependencies = List.copyOf(dependencies);
        targets = List.copyOf(targets);
    }

    @Override
    public String toString() {
        return name + " " + version + marker.map(m -> " ; " + m).orElse("");
    }
}
