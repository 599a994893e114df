package dev.pylocktrust.python;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Patterns and checks behind {@link Platform#parse}. */
final class PlatformSyntax {
    static final Pattern MANYLINUX = Pattern.compile("manylinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
    static final Pattern MANYLINUX_LEGACY = Pattern.compile("manylinux(1|2010|2014)_([a-z0-9_]+)");
    static final Pattern MUSLLINUX = Pattern.compile("musllinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
    static final Pattern MACOS = Pattern.compile("macosx_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
    static final Set<String> LINUX_ARCHES = Set.of("x86_64", "i686", "aarch64", "armv7l", "ppc64le", "s390x",
            "riscv64");

    private PlatformSyntax() {}

    static int number(String tag, String digits) {
        if (digits.length() > 4) {
            throw new InvalidSpecException("platform", tag, "version number '" + digits + "' is out of range");
        }
        return Integer.parseInt(digits);
    }

    static void checkArch(String family, String arch, Set<String> known) {
        Objects.requireNonNull(arch, "arch");
        if (!known.contains(arch)) {
            throw new InvalidSpecException("platform architecture", arch, "not a known " + family
                    + " architecture (expected one of " + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }
}
