package dev.pylocktrust.resolve;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Platform;
import dev.pylocktrust.python.TargetEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The target environments a lock covers, from {@code --python-version X.Y} and {@code --platform TAG} options.
 *
 * <p>Defaults, chosen so a lock works for a typical team: CPython {@value #DEFAULT_PYTHON} on
 * {@code manylinux_2_28_x86_64} (glibc 2.28 and newer Linux, which also accepts older manylinux wheels),
 * {@code macosx_14_0_arm64} (Apple silicon, macOS 14 and newer) and {@code win_amd64}.
 */
public final class Targets {
    public static final String DEFAULT_PYTHON = "3.12";
    public static final List<String> DEFAULT_PLATFORMS = List.of("manylinux_2_28_x86_64", "macosx_14_0_arm64",
            "win_amd64");
    /** Each target is a resolution; more than this is almost certainly a mistake in a script. */
    static final int MAX_TARGETS = 64;

    private Targets() {}

    /** The default targets: {@value #DEFAULT_PYTHON} on each of {@link #DEFAULT_PLATFORMS}. */
    public static List<TargetEnvironment> defaults() {
        return of(List.of(), List.of());
    }

    /**
     * Every combination of the given Python versions and platform tags (empty lists take the defaults), without
     * repeats, in the order given.
     *
     * @throws UsageException for an invalid version or tag (the message says which and why)
     */
    public static List<TargetEnvironment> of(List<String> pythonVersions, List<String> platforms) {
        List<String> pythons = pythonVersions.isEmpty() ? List.of(DEFAULT_PYTHON) : pythonVersions;
        List<String> tags = platforms.isEmpty() ? DEFAULT_PLATFORMS : platforms;
        if ((long) pythons.size() * tags.size() > MAX_TARGETS) {
            throw new UsageException(pythons.size() * tags.size() + " target environments requested; at most "
                    + MAX_TARGETS + " are supported");
        }
        LinkedHashSet<TargetEnvironment> out = new LinkedHashSet<>();
        for (String python : pythons) {
            for (String tag : tags) {
                try {
                    out.add(TargetEnvironment.cpython(python.strip(), Platform.parse(tag.strip())));
                } catch (InvalidSpecException e) {
                    throw new UsageException(e.getMessage(),
                            "use e.g. --python-version 3.12 --platform manylinux_2_28_x86_64");
                }
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
