package dev.pylocktrust.python;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values markers are evaluated against: every PEP 508 variable, plus the requested extras and dependency
 * groups (PEP 751's {@code extras} / {@code dependency_groups}; {@code extra == "x"} is also answered from
 * {@code extras}). Extra and group names are stored normalized. An unknown value is the empty string, as PEP 508
 * prescribes for values that cannot be computed.
 */
public record MarkerEnvironment(
        String implementationName,
        String implementationVersion,
        String osName,
        String platformMachine,
        String platformRelease,
        String platformSystem,
        String platformVersion,
        String pythonFullVersion,
        String platformPythonImplementation,
        String pythonVersion,
        String sysPlatform,
        Set<String> extras,
        Set<String> dependencyGroups) {

    public MarkerEnvironment {
        Objects.requireNonNull(implementationName, "implementationName");
        Objects.requireNonNull(implementationVersion, "implementationVersion");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(platformMachine, "platformMachine");
        Objects.requireNonNull(platformRelease, "platformRelease");
        Objects.requireNonNull(platformSystem, "platformSystem");
        Objects.requireNonNull(platformVersion, "platformVersion");
        Objects.requireNonNull(pythonFullVersion, "pythonFullVersion");
        Objects.requireNonNull(platformPythonImplementation, "platformPythonImplementation");
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        Objects.requireNonNull(sysPlatform, "sysPlatform");
        extras = normalized(extras, "extras");
        dependencyGroups = normalized(dependencyGroups, "dependencyGroups");
    }

    private static Set<String> normalized(Set<String> names, String field) {
        Objects.requireNonNull(names, field);
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(PackageName.normalize(Objects.requireNonNull(n, field + " element")));
        }
        return Set.copyOf(out);
    }

    /** CPython {@code X.Y.Z} on Linux x86_64 (glibc or musl: markers cannot tell them apart). */
    public static MarkerEnvironment linuxX86_64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "posix", "linux", "Linux", "x86_64");
    }

    /** CPython {@code X.Y.Z} on Linux aarch64. */
    public static MarkerEnvironment linuxAarch64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "posix", "linux", "Linux", "aarch64");
    }

    /** CPython {@code X.Y.Z} on macOS, Apple silicon. */
    public static MarkerEnvironment macosArm64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "posix", "darwin", "Darwin", "arm64");
    }

    /** CPython {@code X.Y.Z} on macOS, Intel. */
    public static MarkerEnvironment macosX86_64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "posix", "darwin", "Darwin", "x86_64");
    }

    /** CPython {@code X.Y.Z} on 64-bit Windows (x86-64); {@code platform_machine} is {@code AMD64} there. */
    public static MarkerEnvironment windowsAmd64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "nt", "win32", "Windows", "AMD64");
    }

    /** CPython {@code X.Y.Z} on Windows on ARM64. */
    public static MarkerEnvironment windowsArm64(String pythonFullVersion) {
        return cpython(pythonFullVersion, "nt", "win32", "Windows", "ARM64");
    }

    /**
     * CPython with the given full version ({@code 3.12.4}); {@code python_version} is derived ({@code 3.12}).
     * {@code platform_release} and {@code platform_version} are unknown (empty) for a target that is not this
     * machine.
     *
     * @throws InvalidSpecException if the version is not a PEP 440 version with at least major and minor
     */
    public static MarkerEnvironment cpython(String pythonFullVersion, String osName, String sysPlatform,
            String platformSystem, String platformMachine) {
        Version v = Version.parse(pythonFullVersion);
        if (v.releaseSize() < 2) {
            throw new InvalidSpecException("Python version", pythonFullVersion,
                    "needs at least major and minor (e.g. 3.12 or 3.12.4)");
        }
        String full = v.releaseSize() == 2 ? v + ".0" : v.toString();
        String xy = v.releasePart(0) + "." + v.releasePart(1);
        return new MarkerEnvironment("cpython", full, osName, platformMachine, "", platformSystem, "", full,
                "CPython", xy, sysPlatform, Set.of(), Set.of());
    }

    /** A copy with the requested extras (names normalized). */
    public MarkerEnvironment withExtras(Set<String> requested) {
        return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
                platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
                pythonVersion, sysPlatform, requested, dependencyGroups);
    }

    /** A copy with the requested dependency groups (names normalized). */
    public MarkerEnvironment withDependencyGroups(Set<String> requested) {
        return new MarkerEnvironment(implementationName, implementationVersion, osName, platformMachine,
                platformRelease, platformSystem, platformVersion, pythonFullVersion, platformPythonImplementation,
                pythonVersion, sysPlatform, extras, requested);
    }

    /**
     * The string value of a non-set variable. {@code python_full_version} of a CPython development build
     * ({@code 3.13.0+}) is repaired to {@code 3.13.0+local} so it parses, as packaging does.
     *
     * @throws IllegalArgumentException for the set-valued {@code extra}, {@code extras}, {@code dependency_groups}
     */
    public String value(MarkerVariable variable) {
        switch (variable) {
            case OS_NAME:
                return osName;
            case SYS_PLATFORM:
                return sysPlatform;
            case PLATFORM_MACHINE:
                return platformMachine;
            case PLATFORM_PYTHON_IMPLEMENTATION:
                return platformPythonImplementation;
            case PLATFORM_RELEASE:
                return platformRelease;
            case PLATFORM_SYSTEM:
                return platformSystem;
            case PLATFORM_VERSION:
                return platformVersion;
            case PYTHON_VERSION:
                return pythonVersion;
            case PYTHON_FULL_VERSION:
                return pythonFullVersion.endsWith("+") ? pythonFullVersion + "local" : pythonFullVersion;
            case IMPLEMENTATION_NAME:
                return implementationName;
            case IMPLEMENTATION_VERSION:
                return implementationVersion;
            default:
                throw new IllegalArgumentException(variable + " is set-valued");
        }
    }

    /** The set value of {@code extras} / {@code dependency_groups} ({@code extra} reads {@code extras}). */
    public Set<String> setValue(MarkerVariable variable) {
        switch (variable) {
            case EXTRA:
            case EXTRAS:
                return extras;
            case DEPENDENCY_GROUPS:
                return dependencyGroups;
            default:
                throw new IllegalArgumentException(variable + " is not set-valued");
        }
    }
}
