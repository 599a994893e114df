package dev.pylocktrust.resolve;

import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a release as the index lists it: the parsed filename, the file's {@code requires-python}
 * ({@code data-requires-python}), its PEP 592 yank status and whether PEP 658 core metadata is served for it.
 *
 * @param filename the parsed filename (wheel or sdist)
 * @param requiresPython the index's {@code requires-python} for this file; empty when not given
 * @param yankedReason present when the file is yanked (PEP 592); the reason may be the empty string
 * @param coreMetadata whether the index serves the file's metadata separately (PEP 658/714)
 * @param sha256 the file's SHA-256 digest as the index lists it (lower-case hex), when known
 */
public record DistFile(
        DistributionFilename filename,
        Optional<SpecifierSet> requiresPython,
        Optional<String> yankedReason,
        boolean coreMetadata,
        Optional<String> sha256) {

    public DistFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(yankedReason, "yankedReason");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A file that is not yanked, has no {@code requires-python} and no separate metadata (tests, simple indexes). */
    public static DistFile of(String filename) {
        return new DistFile(DistributionFilename.parse(filename), Optional.empty(), Optional.empty(), false,
                Optional.empty());
    }

    public String name() {
        return filename.filename();
    }

    public Version version() {
        return filename.version();
    }

    public boolean isWheel() {
        return filename instanceof WheelFilename;
    }

    public boolean isSdist() {
        return filename instanceof SdistFilename;
    }

    public boolean yanked() {
        return yankedReason.isPresent();
    }

    /** Whether the file's {@code requires-python} admits {@code python} (files without one admit every Python). */
    public boolean supportsPython(Version python) {
        return requiresPython.map(r -> r.matches(python)).orElse(true);
    }

    /**
     * Whether {@code target} could install this file: a wheel whose tags it supports, or an sdist (which an installer
     * would build), in both cases only if the file's {@code requires-python} admits the target's Python.
     */
    public boolean installableOn(TargetEnvironment target) {
        if (!supportsPython(target.pythonVersion())) {
            return false;
        }
        return filename instanceof WheelFilename w ? target.isCompatible(w) : true;
    }

    @Override
    public String toString() {
        return filename.filename() + (yanked() ? " (yanked)" : "");
    }
}
