package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The core metadata fields resolution needs: {@code Name}, {@code Version}, {@code Requires-Dist},
 * {@code Requires-Python} and {@code Provides-Extra} (names PEP 685-normalized).
 */
public record Metadata(
        PackageName name,
        Version version,
        List<Requirement> requiresDist,
        Optional<SpecifierSet> requiresPython,
        Set<String> providesExtra) {

    public Metadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        Objects.requireNonNull(requiresPython, "requiresPython");
        Set<String> extras = new TreeSet<>();
        providesExtra.forEach(e -> extras.add(PackageName.normalize(e)));
        providesExtra = Set.copyOf(extras);
    }
}
