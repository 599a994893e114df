package dev.pylocktrust.python;

import java.util.Objects;

/**
 * A parsed source distribution filename: {@code {name}-{version}.tar.gz} or {@code .zip}, split at the
 * <em>last</em> {@code -} (a PEP 440 version never contains one).
 *
 * <p>Trap: legacy sdists with a dashed post-release ({@code foo-1.0-1.tar.gz}) parse as name {@code foo-1.0},
 * version {@code 1}; such a file is not {@linkplain #isStandard() standard} and will not match its project.
 *
 * <p>Build one with {@link #parse}: its components are what the filename says. {@code equals} then compares the
 * filename string exactly; use {@link #sameDistribution} for the PEP 740 comparison.
 *
 * @param filename the filename exactly as given to {@link #parse}
 * @param name the normalized project name
 * @param version the version, parsed
 * @param format the archive format, from the (case-sensitive) suffix
 * @see <a href="https://packaging.python.org/en/latest/specifications/source-distribution-format/">Source
 *     distribution format</a>
 */
public record SdistFilename(String filename, PackageName name, Version version, Format format)
        implements DistributionFilename {
    private static final String WHAT = "sdist filename";

    /** The archive format, from the (case-sensitive) suffix. */
    public enum Format {
        TAR_GZ(".tar.gz"),
        ZIP(".zip");

        private final String suffix;

        Format(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    public SdistFilename {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
    }

    /** Parses an sdist filename ending in {@code .tar.gz} or {@code .zip}. */
    public static SdistFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        Inputs.checkFilename(WHAT, filename);
        Format format;
        if (filename.endsWith(Format.TAR_GZ.suffix())) {
            format = Format.TAR_GZ;
        } else if (filename.endsWith(Format.ZIP.suffix())) {
            format = Format.ZIP;
        } else {
            throw new InvalidSpecException(WHAT, filename, "must end with '.tar.gz' or '.zip' (case-sensitive)");
        }
        String stem = filename.substring(0, filename.length() - format.suffix().length());
        int dash = stem.lastIndexOf('-');
        if (dash < 0) {
            throw new InvalidSpecException(WHAT, filename, "no '-' between name and version");
        }
        String namePart = stem.substring(0, dash);
        String versionPart = stem.substring(dash + 1);
        if (namePart.isEmpty()) {
            throw new InvalidSpecException(WHAT, filename, "name part is empty");
        }
        PackageName name = Inputs.parsePart(WHAT, filename, "name part", namePart, PackageName::of);
        Version version = Inputs.parsePart(WHAT, filename, "version part", versionPart, Version::parse);
        return new SdistFilename(filename, name, version, format);
    }

    /**
     * Whether this is the PEP 625 standard form PyPI requires for new uploads: {@code .tar.gz}, the name normalized
     * with {@code _} separators and the version in normalized form ({@code my_pkg-1.0.tar.gz}, not
     * {@code My.Pkg-1.0.tar.gz}, {@code my_pkg-1.0.zip} or {@code my_pkg-v1.0.tar.gz}).
     */
    public boolean isStandard() {
        return format == Format.TAR_GZ && filename.equals(name.filenameForm() + "-" + version + format.suffix());
    }

    @Override
    public boolean sameDistribution(DistributionFilename other) {
        return other instanceof SdistFilename && name.equals(other.name()) && version.equals(other.version());
    }

    @Override
    public String toString() {
        return filename;
    }
}
