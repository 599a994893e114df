package dev.pylocktrust.python;

import java.util.Objects;

/**
 * The filename of a distribution: a wheel ({@code .whl}) or an sdist ({@code .tar.gz}, {@code .zip}).
 *
 * <p>PEP 740 requires an attestation's subject name and the distribution's filename to be compared by parsing both,
 * never as strings: {@link #sameDistribution} is that comparison.
 */
public sealed interface DistributionFilename permits WheelFilename, SdistFilename {

    /**
     * Parses a wheel or sdist filename. The suffix decides the format and is case-sensitive ({@code .WHL} is not a
     * wheel). Hostile input (path separators, {@code ..}, control characters, over 1000 characters) is rejected
     * before anything else.
     *
     * @throws InvalidSpecException naming the part that failed and the rule it broke
     */
    static DistributionFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        if (filename.endsWith(".whl")) {
            return WheelFilename.parse(filename);
        }
        if (filename.endsWith(".tar.gz") || filename.endsWith(".zip")) {
            return SdistFilename.parse(filename);
        }
        Inputs.checkFilename("distribution filename", filename);
        throw new InvalidSpecException("distribution filename", filename,
                "unknown distribution format: expected a name ending in .whl, .tar.gz or .zip (case-sensitive)");
    }

    /** The normalized project name. */
    PackageName name();

    /** The version, parsed (compare with {@code equals}, which is PEP 440 equality). */
    Version version();

    /** The filename exactly as given to {@link #parse}. */
    String filename();

    /**
     * PEP 740's subject-versus-filename comparison: same normalized name, PEP 440-equal version, and for wheels the
     * same build tag and the same <em>set</em> of lower-cased tags ({@code a.b} equals {@code b.a}). A wheel never
     * equals an sdist; two sdists compare by name and version only (as the reference implementation does), so
     * {@code .tar.gz} and {@code .zip} of one release match: the digest check that follows tells them apart.
     */
    boolean sameDistribution(DistributionFilename other);
}
