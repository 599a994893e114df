package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A CPython version on a {@link Platform}, as a lock target: which wheels it can install, which one it prefers,
 * and the marker environment it implies.
 *
 * <p>The supported tags follow packaging's {@code sys_tags()} for CPython, best first:
 * <ol>
 *   <li>{@code cp3Y-cp3Y-<platform>} (free-threaded: {@code cp3Yt})
 *   <li>{@code cp3Y-abi3-<platform>} (free-threaded: {@code abi3t})
 *   <li>{@code cp3Y-none-<platform>}
 *   <li>{@code cp3X-abi3-<platform>} for every older minor X down to 3.2 (the stable ABI is forward compatible)
 *   <li>{@code py3Y-none-<platform>}, {@code py3-none-<platform>}, {@code py3X-none-<platform>} (X descending)
 *   <li>{@code cp3Y-none-any}
 *   <li>{@code py3Y-none-any}, {@code py3-none-any}, {@code py3X-none-any} (X descending)
 * </ol>
 * where each {@code <platform>} runs through {@link Platform#platformTags()} in order.
 */
public final class TargetEnvironment {
    private static final String WHAT = "target environment";

    private final int major;
    private final int minor;
    private final Version pythonVersion;
    private final boolean freeThreaded;
    private final Platform platform;
    private final List<Tag> tags;
    private final Map<Tag, Integer> priorities;

    private TargetEnvironment(Version pythonVersion, boolean freeThreaded, Platform platform) {
        this.pythonVersion = pythonVersion;
        this.major = (int) pythonVersion.releasePart(0);
        this.minor = (int) pythonVersion.releasePart(1);
        this.freeThreaded = freeThreaded;
        this.platform = platform;
        Map<Tag, Integer> map = new LinkedHashMap<>();
        for (Tag t : generateTags()) {
            map.putIfAbsent(t, map.size());
        }
        this.priorities = Map.copyOf(map);
        this.tags = List.copyOf(map.keySet());
    }

    /**
     * CPython {@code pythonVersion} ({@code 3.12}, {@code 3.12.4}, or {@code 3.13t} for the free-threaded build) on
     * {@code platform}.
     *
     * @throws InvalidSpecException unless the version is 3.2 or later with major and minor
     */
    public static TargetEnvironment cpython(String pythonVersion, Platform platform) {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        Objects.requireNonNull(platform, "platform");
        boolean ft = pythonVersion.endsWith("t");
        String numeric = ft ? pythonVersion.substring(0, pythonVersion.length() - 1) : pythonVersion;
        Version v = Inputs.parsePart("Python version", pythonVersion, "version", numeric, Version::parse);
        if (v.releaseSize() < 2 || v.releaseSize() > 3 || v.epoch() != 0 || v.releasePart(0) != 3
                || v.releasePart(1) < 2 || v.releasePart(1) > 99 || v.hasLocal() || v.isPostRelease()
                || v.isDevRelease()) {
            throw new InvalidSpecException("Python version", pythonVersion,
                    "expected CPython 3.Y or 3.Y.Z with Y from 2 to 99, e.g. 3.12 or 3.13.1 (3.13t: free-threaded)");
        }
        if (ft && v.releasePart(1) < 13) {
            throw new InvalidSpecException("Python version", pythonVersion,
                    "free-threaded builds exist from CPython 3.13 on");
        }
        return new TargetEnvironment(v, ft, platform);
    }

    /**
     * Parses {@code <python>-<platform tag>}, e.g. {@code 3.12-manylinux_2_28_x86_64}, {@code 3.13-macosx_14_0_arm64},
     * {@code 3.11.9-win_amd64}, {@code 3.13t-musllinux_1_2_aarch64}.
     */
    public static TargetEnvironment parse(String text) {
        Objects.requireNonNull(text, "text");
        Inputs.checkLength(WHAT, text);
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new InvalidSpecException(WHAT, text,
                    "expected <python>-<platform>, e.g. 3.12-manylinux_2_28_x86_64 or 3.13-macosx_14_0_arm64");
        }
        Platform platform = Inputs.parsePart(WHAT, text, "platform", text.substring(dash + 1), Platform::parse);
        String python = text.substring(0, dash);
        return Inputs.parsePart(WHAT, text, "Python version", python, p -> cpython(p, platform));
    }

    private List<Tag> generateTags() {
        List<String> platforms = platform.platformTags();
        String interpreter = "cp" + major + minor;
        String abi = interpreter + (freeThreaded ? "t" : "");
        String stableAbi = freeThreaded ? "abi3t" : "abi3";
        List<Tag> out = new ArrayList<>();
        platforms.forEach(p -> out.add(new Tag(interpreter, abi, p)));
        platforms.forEach(p -> out.add(new Tag(interpreter, stableAbi, p)));
        platforms.forEach(p -> out.add(new Tag(interpreter, "none", p)));
        for (int m = minor - 1; m >= 2; m--) {
            String older = "cp" + major + m;
            platforms.forEach(p -> out.add(new Tag(older, stableAbi, p)));
        }
        List<String> pyRange = new ArrayList<>();
        pyRange.add("py" + major + minor);
        pyRange.add("py" + major);
        for (int m = minor - 1; m >= 0; m--) {
            pyRange.add("py" + major + m);
        }
        for (String py : pyRange) {
            platforms.forEach(p -> out.add(new Tag(py, "none", p)));
        }
        out.add(new Tag(interpreter, "none", "any"));
        pyRange.forEach(py -> out.add(new Tag(py, "none", "any")));
        return out;
    }

    /** The tags this target installs, best first. */
    public List<Tag> supportedTags() {
        return tags;
    }

    /** Whether any of the wheel's tags is supported. */
    public boolean isCompatible(WheelFilename wheel) {
        return priority(wheel).isPresent();
    }

    /** The position of the wheel's best tag in {@link #supportedTags()} (0 = best), or empty if incompatible. */
    public OptionalInt priority(WheelFilename wheel) {
        int best = Integer.MAX_VALUE;
        for (Tag t : wheel.tags()) {
            Integer p = priorities.get(t);
            if (p != null && p < best) {
                best = p;
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /**
     * Orders wheels of one release best-first: compatible before incompatible, then by tag priority, then by
     * build tag (a higher build number wins; no build tag sorts lowest), then by filename for determinism.
     */
    public Comparator<WheelFilename> preference() {
        Comparator<WheelFilename> byPriority = Comparator.comparingInt(w -> priority(w).orElse(Integer.MAX_VALUE));
        Comparator<WheelFilename> byBuild = Comparator.comparing(
                (WheelFilename w) -> w.buildTag().orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed();
        return byPriority.thenComparing(byBuild).thenComparing(WheelFilename::filename);
    }

    /** The most preferred compatible wheel, or empty if none is compatible. */
    public Optional<WheelFilename> bestWheel(Collection<WheelFilename> wheels) {
        return wheels.stream().filter(this::isCompatible).min(preference());
    }

    /** The marker environment of this target (unknown {@code platform_release}/{@code platform_version}). */
    public MarkerEnvironment markerEnvironment() {
        return MarkerEnvironment.cpython(pythonVersion.toString(), platform.osName(), platform.sysPlatform(),
                platform.platformSystem(), platform.platformMachine());
    }

    /** The Python version as given ({@code 3.12} or {@code 3.12.4}). */
    public Version pythonVersion() {
        return pythonVersion;
    }

    public boolean freeThreaded() {
        return freeThreaded;
    }

    public Platform platform() {
        return platform;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TargetEnvironment)) {
            return false;
        }
        TargetEnvironment t = (TargetEnvironment) o;
        return pythonVersion.equals(t.pythonVersion) && freeThreaded == t.freeThreaded && platform.equals(t.platform);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pythonVersion, freeThreaded, platform);
    }

    /** The form {@link #parse} reads, e.g. {@code 3.12-manylinux_2_28_x86_64}. */
    @Override
    public String toString() {
        return pythonVersion + (freeThreaded ? "t" : "") + "-" + platform.tag();
    }
}
