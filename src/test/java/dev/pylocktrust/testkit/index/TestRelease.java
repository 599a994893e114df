package dev.pylocktrust.testkit.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One release to put on a test index.
 *
 * @param project        the project name as displayed (any spelling; the index normalizes it)
 * @param version        the version string
 * @param filenames      the distribution filenames; empty means one wheel and one sdist with standard names
 * @param dependencies   Requires-Dist lines for the wheel metadata
 * @param identity       the publisher, or empty for files without provenance
 * @param requiresPython Requires-Python, if any
 * @param yanked         the yank reason ({@code ""} for yanked without reason), or empty if not yanked
 */
public record TestRelease(String project, String version, List<String> filenames, List<String> dependencies,
        Optional<IdentitySpec> identity, Optional<String> requiresPython, Optional<String> yanked) {

    public TestRelease {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        filenames = List.copyOf(filenames);
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(yanked, "yanked");
    }

    /** A release with the default two files, no dependencies, no provenance. */
    public static TestRelease of(String project, String version) {
        return new TestRelease(project, version, List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public TestRelease withFiles(String... names) {
        return new TestRelease(project, version, List.of(names), dependencies, identity, requiresPython, yanked);
    }

    public TestRelease withDependencies(String... requirements) {
        return new TestRelease(project, version, filenames, List.of(requirements), identity, requiresPython, yanked);
    }

    public TestRelease withIdentity(IdentitySpec publisher) {
        return new TestRelease(project, version, filenames, dependencies, Optional.of(publisher), requiresPython,
                yanked);
    }

    public TestRelease withRequiresPython(String specifier) {
        return new TestRelease(project, version, filenames, dependencies, identity, Optional.of(specifier), yanked);
    }

    public TestRelease yanked(String reason) {
        return new TestRelease(project, version, filenames, dependencies, identity, requiresPython,
                Optional.of(reason));
    }
}
