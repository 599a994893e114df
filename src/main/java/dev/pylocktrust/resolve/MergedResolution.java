package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The resolutions of several target environments merged into what one {@code pylock.toml} records.
 *
 * @param targets the environments, as given
 * @param environments PEP 751 {@code environments}: one marker per distinguishable target
 * @param requiresPython PEP 751 {@code requires-python}: the lowest targeted Python and up
 * @param packages the {@code [[packages]]} entries, sorted by name then version
 * @param byTarget each target's own resolution
 * @param warnings every target's warnings, without repeats
 */
public record MergedResolution(
        List<TargetEnvironment> targets,
        List<Marker> environments,
        SpecifierSet requiresPython,
        List<MergedPackage> packages,
        Map<TargetEnvironment, Resolution> byTarget,
        List<ResolutionWarning> warnings) {

    public MergedResolution {
        targets = List.copyOf(targets);
        environments = List.copyOf(environments);
        Objects.requireNonNull(requiresPython, "requiresPython");
        packages = List.copyOf(packages);
        byTarget = Collections.unmodifiableMap(new LinkedHashMap<>(byTarget));
        warnings = List.copyOf(warnings);
    }

    /** The entries for {@code name} (one per distinct version). */
    public List<MergedPackage> get(PackageName name) {
        return packages.stream().filter(p -> p.name().equals(name)).collect(Collectors.toList());
    }

    /** One line per entry: {@code name==version ; marker}. */
    public String pins() {
        return packages.stream().map(p -> p.name() + "==" + p.version() + p.marker().map(m -> " ; " + m).orElse(""))
                .collect(Collectors.joining("\n"));
    }
}
