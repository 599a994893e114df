package dev.pylocktrust.python;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PEP 508 environment marker variables, plus PEP 751's lock-file-only set variables, with the comparison
 * semantics each one gets.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers">
 *     Environment markers</a>
 */
public enum MarkerVariable {
    OS_NAME("os_name", Kind.STRING),
    SYS_PLATFORM("sys_platform", Kind.STRING),
    PLATFORM_MACHINE("platform_machine", Kind.STRING),
    PLATFORM_PYTHON_IMPLEMENTATION("platform_python_implementation", Kind.STRING),
    PLATFORM_RELEASE("platform_release", Kind.VERSION),
    PLATFORM_SYSTEM("platform_system", Kind.STRING),
    PLATFORM_VERSION("platform_version", Kind.STRING),
    PYTHON_VERSION("python_version", Kind.VERSION),
    PYTHON_FULL_VERSION("python_full_version", Kind.VERSION),
    IMPLEMENTATION_NAME("implementation_name", Kind.STRING),
    IMPLEMENTATION_VERSION("implementation_version", Kind.VERSION),
    /** Core metadata's {@code extra == "name"}: true when that extra is requested. */
    EXTRA("extra", Kind.EXTRA),
    /** PEP 751 lock files only: the requested extras. */
    EXTRAS("extras", Kind.SET),
    /** PEP 751 lock files only: the requested dependency groups. */
    DEPENDENCY_GROUPS("dependency_groups", Kind.SET);

    /** How comparisons on a variable are evaluated. */
    public enum Kind {
        /** Plain string comparison; {@code <}/{@code >} are false and {@code <=}/{@code >=} mean {@code ==}. */
        STRING,
        /**
         * PEP 440 comparison when operator and literal form a valid specifier, else the string rules. Like
         * packaging (pip), this is {@code python_version}, {@code python_full_version},
         * {@code implementation_version} and {@code platform_release}.
         */
        VERSION,
        /** {@code extra}: only {@code ==} and {@code !=}, with PEP 685 name normalization. */
        EXTRA,
        /** A set of normalized names: only {@code "name" in var} and {@code "name" not in var}. */
        SET
    }

    private static final Map<String, MarkerVariable> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MarkerVariable::markerName, Function.identity()));
    /** Spellings packaging still accepts: dotted forms and the pre-PEP 508 {@code python_implementation}. */
    private static final Map<String, MarkerVariable> ALIASES = Map.of(
            "os.name", OS_NAME,
            "sys.platform", SYS_PLATFORM,
            "platform.version", PLATFORM_VERSION,
            "platform.machine", PLATFORM_MACHINE,
            "platform.python_implementation", PLATFORM_PYTHON_IMPLEMENTATION,
            "python_implementation", PLATFORM_PYTHON_IMPLEMENTATION);

    private final String markerName;
    private final Kind kind;

    MarkerVariable(String markerName, Kind kind) {
        this.markerName = markerName;
        this.kind = kind;
    }

    /** The name as written in a marker, e.g. {@code python_version}. */
    public String markerName() {
        return markerName;
    }

    public Kind kind() {
        return kind;
    }

    /** Looks up a variable by its marker name or a legacy alias ({@code os.name}, {@code python_implementation}). */
    public static Optional<MarkerVariable> byName(String name) {
        MarkerVariable v = BY_NAME.get(name);
        return Optional.ofNullable(v != null ? v : ALIASES.get(name));
    }

    @Override
    public String toString() {
        return markerName;
    }
}
