package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * An operating system and CPU a lock targets, with the platform tags its wheels may carry, most specific first
 * (PEP 600 manylinux, PEP 656 musllinux, macOS, Windows), and the marker values it implies.
 *
 * <p>Trap: the native {@code linux_<arch>} tag is never produced. packaging yields it (first, since 26.3) because it
 * describes the running machine; a lock for a remote target cannot know that a {@code linux_x86_64} wheel (which
 * PyPI refuses anyway) was built for it.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/">Platform
 *     compatibility tags</a>
 */
public sealed interface Platform permits Platform.Linux, Platform.MacOs, Platform.Windows {

    /** Platform tags in priority order (best first). */
    List<String> platformTags();

    /** The {@code os_name} marker value ({@code posix}, {@code nt}). */
    String osName();

    /** The {@code sys_platform} marker value ({@code linux}, {@code darwin}, {@code win32}). */
    String sysPlatform();

    /** The {@code platform_system} marker value ({@code Linux}, {@code Darwin}, {@code Windows}). */
    String platformSystem();

    /** The {@code platform_machine} marker value ({@code x86_64}, {@code arm64}, {@code AMD64}, ...). */
    String platformMachine();

    /** The most specific platform tag, e.g. {@code manylinux_2_28_x86_64}. */
    default String tag() {
        return platformTags().get(0);
    }

    /**
     * Parses a platform tag naming a target: {@code manylinux_2_28_x86_64} (or a legacy alias such as
     * {@code manylinux2014_aarch64}), {@code musllinux_1_2_x86_64}, {@code macosx_14_0_arm64}, {@code win_amd64},
     * {@code win_arm64}, {@code win32}.
     */
    static Platform parse(String tag) {
        Objects.requireNonNull(tag, "tag");
        Inputs.checkLength("platform", tag);
        Matcher m;
        if ((m = PlatformSyntax.MANYLINUX.matcher(tag)).matches()) {
            return new Manylinux(m.group(3), PlatformSyntax.number(tag, m.group(1)), PlatformSyntax.number(tag, m.group(2)));
        }
        if ((m = PlatformSyntax.MANYLINUX_LEGACY.matcher(tag)).matches()) {
            int minor = m.group(1).equals("1") ? 5 : m.group(1).equals("2010") ? 12 : 17;
            return new Manylinux(m.group(2), 2, minor);
        }
        if ((m = PlatformSyntax.MUSLLINUX.matcher(tag)).matches()) {
            return new Musllinux(m.group(3), PlatformSyntax.number(tag, m.group(1)), PlatformSyntax.number(tag, m.group(2)));
        }
        if ((m = PlatformSyntax.MACOS.matcher(tag)).matches()) {
            return new MacOs(m.group(3), PlatformSyntax.number(tag, m.group(1)), PlatformSyntax.number(tag, m.group(2)));
        }
        switch (tag) {
            case "win_amd64":
                return new Windows("amd64");
            case "win_arm64":
                return new Windows("arm64");
            case "win32":
                return new Windows("win32");
            default:
                throw new InvalidSpecException("platform", tag, "expected manylinux_<glibc major>_<minor>_<arch>,"
                        + " musllinux_<musl major>_<minor>_<arch>, macosx_<major>_<minor>_<arch>, win_amd64,"
                        + " win_arm64 or win32");
        }
    }

    /** Linux, with glibc or musl: the marker values are the same. */
    sealed interface Linux extends Platform permits Manylinux, Musllinux {
        /** The CPU, as in the tag ({@code x86_64}, {@code aarch64}, ...). */
        String arch();

        @Override
        default String osName() {
            return "posix";
        }

        @Override
        default String sysPlatform() {
            return "linux";
        }

        @Override
        default String platformSystem() {
            return "Linux";
        }

        @Override
        default String platformMachine() {
            return arch();
        }
    }

    /**
     * Linux with glibc {@code major.minor} (PEP 600). Compatible: every {@code manylinux_2_M} with M from
     * {@code minor} down to 5 (x86_64, i686) or 17 (other architectures), each followed by its legacy alias
     * ({@code manylinux2014} = 2.17, {@code manylinux2010} = 2.12, {@code manylinux1} = 2.5).
     */
    record Manylinux(String arch, int glibcMajor, int glibcMinor) implements Linux {
        public Manylinux {
            PlatformSyntax.checkArch("manylinux", arch, PlatformSyntax.LINUX_ARCHES);
            if (glibcMajor != 2 || glibcMinor < oldest(arch) || glibcMinor > 99) {
                throw new InvalidSpecException("platform", "manylinux_" + glibcMajor + "_" + glibcMinor + "_" + arch,
                        "glibc must be 2." + oldest(arch) + " to 2.99 for " + arch);
            }
        }

        private static int oldest(String arch) {
            return arch.equals("x86_64") || arch.equals("i686") ? 5 : 17;
        }

        @Override
        public List<String> platformTags() {
            List<String> tags = new ArrayList<>();
            for (int minor = glibcMinor; minor >= oldest(arch); minor--) {
                tags.add("manylinux_2_" + minor + "_" + arch);
                if (minor == 17) {
                    tags.add("manylinux2014_" + arch);
                } else if (minor == 12) {
                    tags.add("manylinux2010_" + arch);
                } else if (minor == 5) {
                    tags.add("manylinux1_" + arch);
                }
            }
            return List.copyOf(tags);
        }
    }

    /** Linux with musl {@code major.minor} (PEP 656): {@code musllinux_1_M} for M from {@code minor} down to 0. */
    record Musllinux(String arch, int muslMajor, int muslMinor) implements Linux {
        public Musllinux {
            PlatformSyntax.checkArch("musllinux", arch, PlatformSyntax.LINUX_ARCHES);
            if (muslMajor != 1 || muslMinor < 0 || muslMinor > 99) {
                throw new InvalidSpecException("platform", "musllinux_" + muslMajor + "_" + muslMinor + "_" + arch,
                        "musl must be 1.0 to 1.99");
            }
        }

        @Override
        public List<String> platformTags() {
            List<String> tags = new ArrayList<>();
            for (int minor = muslMinor; minor >= 0; minor--) {
                tags.add("musllinux_" + muslMajor + "_" + minor + "_" + arch);
            }
            return List.copyOf(tags);
        }
    }

    /**
     * macOS {@code major.minor} on {@code arm64} or {@code x86_64}. Compatible: each older macOS release (for 11 and
     * later only {@code N_0}), down to 10.4, in the binary formats that run on the CPU: {@code arm64} and
     * {@code universal2} on Apple silicon (10.x: {@code universal2} only); {@code x86_64}, {@code intel},
     * {@code fat64}, {@code fat3}, {@code universal2}, {@code universal} on Intel.
     */
    record MacOs(String arch, int major, int minor) implements Platform {
        private static final Set<String> ARCHES = Set.of("arm64", "x86_64");

        public MacOs {
            PlatformSyntax.checkArch("macosx", arch, ARCHES);
            boolean valid = major == 10 ? minor >= 4 && minor <= 16 && !arch.equals("arm64")
                    : major >= 11 && major <= 99 && minor >= 0 && minor <= 99;
            if (!valid) {
                throw new InvalidSpecException("platform", "macosx_" + major + "_" + minor + "_" + arch,
                        "macOS must be 10.4 to 10.16 (x86_64 only) or 11.0 and later");
            }
        }

        private List<String> formats(int compatMajor) {
            if (arch.equals("arm64")) {
                return compatMajor >= 11 ? List.of("arm64", "universal2") : List.of("universal2");
            }
            return List.of("x86_64", "intel", "fat64", "fat3", "universal2", "universal");
        }

        @Override
        public List<String> platformTags() {
            List<String> tags = new ArrayList<>();
            if (major >= 11) {
                for (int m = major; m >= 11; m--) {
                    for (String format : formats(m)) {
                        tags.add("macosx_" + m + "_0_" + format);
                    }
                }
            }
            for (int m = major >= 11 ? 16 : minor; m >= 4; m--) {
                for (String format : formats(10)) {
                    tags.add("macosx_10_" + m + "_" + format);
                }
            }
            return List.copyOf(tags);
        }

        @Override
        public String osName() {
            return "posix";
        }

        @Override
        public String sysPlatform() {
            return "darwin";
        }

        @Override
        public String platformSystem() {
            return "Darwin";
        }

        @Override
        public String platformMachine() {
            return arch;
        }
    }

    /** Windows: {@code amd64} ({@code win_amd64}), {@code arm64} ({@code win_arm64}) or 32-bit ({@code win32}). */
    record Windows(String arch) implements Platform {
        private static final Set<String> ARCHES = Set.of("amd64", "arm64", "win32");

        public Windows {
            PlatformSyntax.checkArch("win", arch, ARCHES);
        }

        @Override
        public List<String> platformTags() {
            return List.of(arch.equals("win32") ? "win32" : "win_" + arch);
        }

        @Override
        public String osName() {
            return "nt";
        }

        @Override
        public String sysPlatform() {
            return "win32";
        }

        @Override
        public String platformSystem() {
            return "Windows";
        }

        @Override
        public String platformMachine() {
            return arch.equals("win32") ? "x86" : arch.toUpperCase(java.util.Locale.ROOT);
        }
    }

}
