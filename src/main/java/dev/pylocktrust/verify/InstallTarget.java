package dev.pylocktrust.verify;

import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.MarkerVariable;
import dev.pylocktrust.python.Platform;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.WheelFilename;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The machine an install would run on: one CPython version and one or more platform tags, as
 * {@code --python-version 3.12 --platform manylinux_2_28_x86_64 [--platform ...]} give them.
 *
 * <p>With several platforms, the first one that has a compatible wheel decides (as {@code pip download --platform}
 * lists tags in priority order); markers are evaluated with the first. All platforms must agree on every marker
 * value (same OS and CPU), otherwise one environment could not be described.
 */
public record InstallTarget(List<TargetEnvironment> environments) {

    public InstallTarget {
        environments = List.copyOf(environments);
        if (environments.isEmpty()) {
            throw new IllegalArgumentException("an install target needs at least one platform");
        }
        MarkerEnvironment first = environments.get(0).markerEnvironment();
        for (TargetEnvironment t : environments) {
            if (!t.markerEnvironment().equals(first)) {
                throw new IllegalArgumentException("platforms " + environments.get(0).platform().tag() + " and "
                        + t.platform().tag() + " describe different machines (markers such as sys_platform or "
                        + "platform_machine differ); check one machine at a time");
            }
        }
    }

    /**
     * CPython {@code pythonVersion} ({@code 3.12}, {@code 3.12.4}, {@code 3.13t}) on these platform tags.
     *
     * @throws dev.pylocktrust.python.InvalidSpecException for a malformed version or platform tag
     * @throws IllegalArgumentException when the platforms describe different machines
     */
    public static InstallTarget of(String pythonVersion, List<String> platformTags) {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        List<TargetEnvironment> envs = new ArrayList<>();
        for (String tag : platformTags) {
            envs.add(TargetEnvironment.cpython(pythonVersion, Platform.parse(tag)));
        }
        return new InstallTarget(envs);
    }

    /** The values markers are evaluated against (extras and groups not yet requested). */
    public MarkerEnvironment markerEnvironment() {
        return environments.get(0).markerEnvironment();
    }

    /**
     * What this description leaves open about the machine: {@code platform_release} and {@code platform_version} (the
     * OS build of a machine that is not this one), and the Python patch release when only {@code X.Y} was given.
     * A marker that depends on them cannot be decided, and a package with such a marker is checked.
     */
    public Marker.Unknowns markerUnknowns() {
        return new Marker.Unknowns(Set.of(MarkerVariable.PLATFORM_RELEASE, MarkerVariable.PLATFORM_VERSION),
                environments.get(0).pythonVersion().releaseSize() < 3);
    }

    /** The Python version as given, e.g. {@code 3.12} or {@code 3.13t}. */
    public String pythonVersion() {
        TargetEnvironment t = environments.get(0);
        return t.pythonVersion() + (t.freeThreaded() ? "t" : "");
    }

    /** The platform tags as given. */
    public List<String> platformTags() {
        return environments.stream().map(t -> t.platform().tag()).toList();
    }

    /**
     * The wheel an installer would pick: the best compatible wheel for the first platform that has one.
     *
     * @param wheels parsed wheel filenames of one package
     */
    public Optional<WheelFilename> bestWheel(Collection<WheelFilename> wheels) {
        for (TargetEnvironment t : environments) {
            Optional<WheelFilename> best = t.bestWheel(wheels);
            if (best.isPresent()) {
                return best;
            }
        }
        return Optional.empty();
    }

    /** For people: {@code CPython 3.12 on manylinux_2_28_x86_64}. */
    public String describe() {
        return "CPython " + pythonVersion() + " on " + platformTags().stream().collect(Collectors.joining(", "));
    }
}
