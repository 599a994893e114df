package dev.pylocktrust.python;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed wheel filename: {@code {name}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl}.
 *
 * <p>Follows packaging's {@code parse_wheel_filename}: exactly 4 or 5 dashes before {@code .whl}; the name part may
 * use {@code .} and upper case (older tools wrote {@code MarkupSafe-...}, {@code zope.interface-...}) but never
 * {@code __}; the version is any PEP 440 spelling; a build tag starts with a digit; compressed tag sets are expanded
 * and compared as sets. Stricter than packaging on purpose: the name must be a valid ASCII PEP 508 project name and
 * tags must be ASCII (PyPI accepts nothing else).
 *
 * <p>Build one with {@link #parse}: its components are what the filename says. {@code equals} then compares the
 * filename string exactly; use {@link #sameDistribution} for the PEP 740 comparison.
 *
 * @param filename the filename exactly as given to {@link #parse}
 * @param name the normalized project name
 * @param version the version, parsed
 * @param buildTag the build tag, if the filename has one
 * @param tags the expanded, lower-cased tag set, in filename order
 * @see <a href="https://packaging.python.org/en/latest/specifications/binary-distribution-format/">Binary
 *     distribution format</a>
 */
public record WheelFilename(String filename, PackageName name, Version version, Optional<BuildTag> buildTag,
                            Set<Tag> tags) implements DistributionFilename {
    private static final String WHAT = "wheel filename";
    private static final String SUFFIX = ".whl";
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9._]+");
    private static final Pattern BUILD_TAG = Pattern.compile("([0-9]+)(.*)");

    public WheelFilename {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(buildTag, "buildTag");
        Objects.requireNonNull(tags, "tags");
    }

    /**
     * Parses a wheel filename.
     *
     * @throws InvalidSpecException e.g. {@code invalid wheel filename 'foo-1.0-py3-none.whl': expected 4 or 5 '-'
     *     separators before .whl (name-version[-build]-python-abi-platform), found 3}
     */
    public static WheelFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        Inputs.checkFilename(WHAT, filename);
        if (!filename.endsWith(SUFFIX)) {
            throw new InvalidSpecException(WHAT, filename, "must end with '.whl' (case-sensitive)");
        }
        String stem = filename.substring(0, filename.length() - SUFFIX.length());
        int dashes = (int) stem.chars().filter(c -> c == '-').count();
        if (dashes != 4 && dashes != 5) {
            throw new InvalidSpecException(WHAT, filename, "expected 4 or 5 '-' separators before .whl"
                    + " (name-version[-build]-python-abi-platform), found " + dashes);
        }
        String[] parts = stem.split("-", dashes - 1);
        PackageName name = parseName(filename, parts[0]);
        Version version = Inputs.parsePart(WHAT, filename, "version part", parts[1], Version::parse);
        Optional<BuildTag> build = dashes == 5 ? Optional.of(parseBuildTag(filename, parts[2])) : Optional.empty();
        Set<Tag> tags = Inputs.parsePart(WHAT, filename, "tags part", parts[parts.length - 1], Tag::parseSet);
        return new WheelFilename(filename, name, version, build, tags);
    }

    private static PackageName parseName(String filename, String part) {
        if (part.isEmpty()) {
            throw new InvalidSpecException(WHAT, filename, "name part is empty");
        }
        if (part.contains("__")) {
            throw new InvalidSpecException(WHAT, filename, "name part " + Inputs.quote(part)
                    + " contains '__' (a wheel name escapes each run of '-', '_', '.' to one '_')");
        }
        if (!NAME_PART.matcher(part).matches()) {
            String reason = PackageName.invalidReason(part);
            throw new InvalidSpecException(WHAT, filename, "name part " + Inputs.quote(part) + ": "
                    + (reason != null ? reason : "only ASCII letters, digits, '.' and '_' are allowed"));
        }
        return Inputs.parsePart(WHAT, filename, "name part", part, PackageName::of);
    }

    private static BuildTag parseBuildTag(String filename, String part) {
        Matcher m = BUILD_TAG.matcher(part);
        if (!m.matches()) {
            throw new InvalidSpecException(WHAT, filename,
                    "build tag " + Inputs.quote(part) + " must start with a digit");
        }
        return new BuildTag(Inputs.parseNumber(WHAT, filename, "build tag", m.group(1)), m.group(2));
    }

    @Override
    public boolean sameDistribution(DistributionFilename other) {
        return other instanceof WheelFilename w && name.equals(w.name) && version.equals(w.version)
                && buildTag.equals(w.buildTag) && tags.equals(w.tags);
    }

    @Override
    public String toString() {
        return filename;
    }
}
