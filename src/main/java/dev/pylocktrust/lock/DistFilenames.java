package dev.pylocktrust.lock;

import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Deriving and checking the filename of a locked file (PEP 751: {@code name}, else the basename of {@code path},
 * else the percent-decoded basename of {@code url}) against the package it belongs to. Names are compared after
 * PEP 503 normalization and versions under PEP 440 equality, never as raw strings: uv writes
 * {@code pyjwt-2.10.1-py3-none-any.whl} for the file PyPI serves as {@code PyJWT-2.10.1-py3-none-any.whl}.
 * Every check returns a problem description, or empty when the input is fine. Source distributions are split by
 * the package's own name rather than at the last dash, and legacy archive suffixes are accepted, so old sdists
 * ({@code Foo-Bar-1.0.tar.bz2}, {@code foo-1.0-1.tar.gz}) that other lockers wrote still read.
 */
final class DistFilenames {
    /** Source archive suffixes accepted on read (PyPI today only takes .tar.gz; older uploads use the rest). */
    static final List<String> SDIST_SUFFIXES = List.of(".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tbz", ".tar.xz",
            ".txz", ".tar.zst", ".tar.lz", ".tlz", ".tar.lzma", ".tar");

    private DistFilenames() {}

    /** The filename as PEP 751 defines it, or empty if none of {@code name}, {@code path}, {@code url} gives one. */
    static Optional<String> derive(Optional<String> name, Optional<String> path, Optional<String> url) {
        if (name.isPresent()) {
            return name;
        }
        if (path.isPresent()) {
            return Optional.of(basenameOfPath(path.get())).filter(s -> !s.isEmpty());
        }
        return url.flatMap(DistFilenames::basenameOfUrl).filter(s -> !s.isEmpty());
    }

    /** Last component of a path written with {@code /} or {@code \} separators. */
    static String basenameOfPath(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }

    /** Last path segment of a URL, percent-decoded as UTF-8; empty if an escape is malformed. */
    static Optional<String> basenameOfUrl(String url) {
        String s = url;
        int cut = indexOfAny(s, '?', '#');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        return percentDecode(s.substring(s.lastIndexOf('/') + 1));
    }

    private static int indexOfAny(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
    }

    static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * A filename must be a single path component: installers and our verifier use it to name files on disk, so a
     * {@code ../} or a decoded {@code %2F} must never get through.
     */
    static Optional<String> checkSafe(String filename) {
        if (filename.isEmpty() || filename.equals(".") || filename.equals("..")) {
            return Optional.of("filename '" + filename + "' is not a file name");
        }
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("filename '" + filename + "' contains a path separator");
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("filename contains a control character");
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a wheel filename: it parses (the shared {@link WheelFilename} rules), names this package, and has the
     * package's version (PEP 440 equality) when the package has one.
     */
    static Optional<String> checkWheel(String filename, String packageName, Optional<String> version) {
        WheelFilename wheel;
        try {
            wheel = WheelFilename.parse(filename);
        } catch (InvalidSpecException e) {
            return Optional.of(e.getMessage());
        }
        if (!wheel.name().value().equals(packageName)) {
            return Optional.of("wheel '" + filename + "' is for project '" + wheel.name().value() + "', not '"
                    + packageName + "'");
        }
        if (version.isPresent() && !wheel.version().equals(Version.parse(version.get()))) {
            return Optional.of("'" + filename + "' is version " + wheel.version() + ", but the package is version "
                    + version.get());
        }
        return Optional.empty();
    }

    /**
     * Checks a source distribution filename. The split between name and version is found by the package name
     * rather than at the last dash, so legacy names such as {@code Foo-Bar-1.0.tar.gz} and post-releases such as
     * {@code foo-1.0-1.tar.gz} are read correctly.
     */
    static Optional<String> checkSdist(String filename, String packageName, Optional<String> version) {
        String suffix = SDIST_SUFFIXES.stream().filter(filename::endsWith).findFirst().orElse(null);
        if (suffix == null) {
            return Optional.of("'" + filename + "' is not a source distribution filename (expected one of "
                    + String.join(", ", SDIST_SUFFIXES) + ")");
        }
        String stem = filename.substring(0, filename.length() - suffix.length());
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            String name = stem.substring(0, dash);
            if (PackageName.isValid(name) && PackageName.normalize(name).equals(packageName)) {
                String v = stem.substring(dash + 1);
                Optional<Version> parsed = Version.tryParse(v);
                if (parsed.isPresent() && (version.isEmpty() || parsed.get().equals(Version.parse(version.get())))) {
                    return Optional.empty();
                }
                if (parsed.isPresent()) {
                    return Optional.of("source distribution '" + filename + "' is version " + v
                            + ", but the package is version " + version.get());
                }
            }
        }
        return Optional.of("source distribution '" + filename + "' does not start with the project name '"
                + packageName + "' followed by '-' and a valid version");
    }
}
