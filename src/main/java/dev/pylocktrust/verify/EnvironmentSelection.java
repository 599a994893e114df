package dev.pylocktrust.verify;

import dev.pylocktrust.python.PackageName;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which files of a lock {@code verify} checks: every file, or the ones an installer would pick on one target. */
public sealed interface EnvironmentSelection {

    /** {@code --environment all}: every file of every package, whatever its marker. */
    record All() implements EnvironmentSelection {}

    /**
     * {@code --environment current}: PEP 751's installation rules on {@code target}.
     *
     * @param target the Python version and platform
     * @param extras requested extras (the {@code extras} marker set); normalized
     * @param groups requested dependency groups; empty means the lock's {@code default-groups}
     */
    record Current(InstallTarget target, SortedSet<String> extras, SortedSet<String> groups)
            implements EnvironmentSelection {
        public Current {
            Objects.requireNonNull(target, "target");
            extras = normalized(extras);
            groups = normalized(groups);
        }

        private static SortedSet<String> normalized(Set<String> names) {
            SortedSet<String> out = new TreeSet<>();
            names.forEach(n -> out.add(PackageName.normalize(n)));
            return java.util.Collections.unmodifiableSortedSet(out);
        }
    }
}
