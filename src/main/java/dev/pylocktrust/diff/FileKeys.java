package dev.pylocktrust.diff;

import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.WheelFilename;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Identifies files across lockfiles by their parsed filename, never the raw string: uv writes a wheel's name in
 * normalized spelling ({@code pyjwt-2.10.1-...}) where another tool writes PyPI's ({@code PyJWT-2.10.1-...}).
 */
final class FileKeys {
    private FileKeys() {}

    /** The same file: same kind, name, version (PEP 440 equality), build tag and set of tags, or sdist format. */
    static String key(String filename) {
        try {
            DistributionFilename d = DistributionFilename.parse(filename);
            String common = d.name() + " " + d.version().toCanonicalString();
            if (d instanceof WheelFilename w) {
                return "wheel " + common + " " + w.buildTag().map(Object::toString).orElse("") + " "
                        + new TreeSet<>(w.tags());
            }
            return "sdist " + common + " " + ((SdistFilename) d).format();
        } catch (InvalidSpecException e) {
            return "file " + filename.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The same kind of file regardless of version: a wheel for the same set of tags, or an sdist. Used to find what
     * a new version's file replaces.
     */
    static String slot(String filename) {
        try {
            DistributionFilename d = DistributionFilename.parse(filename);
            return d instanceof WheelFilename w ? "wheel " + new TreeSet<>(w.tags()) : "sdist";
        } catch (InvalidSpecException e) {
            return filename.endsWith(".whl") ? "file " + filename.toLowerCase(Locale.ROOT) : "sdist";
        }
    }
}
