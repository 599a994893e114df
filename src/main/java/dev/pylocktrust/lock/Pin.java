package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Specifier;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An exact pin ({@code name==version}), as {@code lock --no-deps} needs it: the package, the version, the marker
 * deciding where it applies, and the sha256 values it is restricted to.
 *
 * @param name the normalized project name
 * @param version the pinned version; files match it by PEP 440 equality of the whole version ({@code ==1.0} does
 *     not take {@code 1.0+local}: a pin names one release)
 * @param marker where the package applies; written as the package's {@code marker}
 * @param sha256 the {@code --hash} values; when not empty, only these files are locked and each must exist
 * @param origin where the pin was written
 */
public record Pin(PackageName name, Version version, Optional<Marker> marker, List<String> sha256,
                  RequirementOrigin origin) {
    public Pin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(marker, "marker");
        sha256 = List.copyOf(sha256);
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The pins of a complete pinned set. Every requirement must be {@code name==version} (extras are allowed and
     * change nothing without dependency resolution). A package listed more than once must carry a marker on every
     * listing, and no two listings may have the same marker.
     *
     * @throws UsageException naming the line of the first requirement that is not an exact pin or that repeats one
     */
    public static List<Pin> of(List<RequirementLine> lines) {
        List<Pin> pins = new ArrayList<>();
        Map<PackageName, List<Pin>> byName = new HashMap<>();
        for (RequirementLine line : lines) {
            Pin pin = pin(line);
            List<Pin> same = byName.computeIfAbsent(pin.name(), k -> new ArrayList<>());
            for (Pin other : same) {
                if (other.marker().isEmpty() || pin.marker().isEmpty() || other.marker().equals(pin.marker())) {
                    throw RequirementsParser.error(line.origin(), pin.name() + " is already listed at "
                            + other.origin(),
                            "list each package once, or give every listing its own environment marker");
                }
            }
            same.add(pin);
            pins.add(pin);
        }
        return List.copyOf(pins);
    }

    private static Pin pin(RequirementLine line) {
        var r = line.requirement();
        List<Specifier> specs = r.specifier().specifiers();
        if (specs.size() != 1 || specs.get(0).operator() != Specifier.Operator.EQUAL || specs.get(0).isWildcard()) {
            String found = r.specifier().isEmpty() ? "no version" : "'" + r.specifier() + "'";
            throw RequirementsParser.error(line.origin(), r.name() + " has " + found + ", not an exact pin "
                    + "(" + r.name() + "==VERSION)",
                    "with --no-deps pylock-trust locks exactly the versions given, e.g. pip-compile output");
        }
        return new Pin(r.name(), specs.get(0).version().orElseThrow(), r.marker(), line.sha256(), line.origin());
    }
}
