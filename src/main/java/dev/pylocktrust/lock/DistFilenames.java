package dev.pylocktrust.lock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deriving and checking the filename of a locked file (PEP 751: {@code name}, else the basename of {@code path},
 * else the percent-decoded basename of {@code url}) against the package it belongs to. Names are compared after
 * PEP 503 normalization and versions under PEP 440 equality, never as raw strings: uv writes
 * {@code pyjwt-2.10.1-py3-none-any.whl} for the file PyPI serves as {@code PyJWT-2.10.1-py3-none-any.whl}.
 * Every method returns a problem description, or empty when the input is fine.
 */
final class DistFilenames {
    private static final Pattern WHEEL_NAME = Pattern.compile("[\\w.]+", Pattern.UNICODE_CHARACTER_CLASS);
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

    /** Checks a wheel filename: structure, name equal to the package's, version equal to the package's if set. */
    static Optional<String> checkWheel(String filename, String packageName, Optional<String> version) {
        if (!filename.endsWith(".whl")) {
            return Optional.of("'" + filename + "' is not a wheel filename (it must end in .whl)");
        }
        String[] parts = filename.substring(0, filename.length() - 4).split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            return Optional.of("'" + filename + "' is not a wheel filename "
                    + "(expected name-version[-build]-python-abi-platform.whl)");
        }
        String name = parts[0];
        if (!WHEEL_NAME.matcher(name).matches() || name.contains("__")) {
            return Optional.of("'" + filename + "' has an invalid project name part '" + name + "'");
        }
        if (!Names.normalize(name).equals(packageName)) {
            return Optional.of("wheel '" + filename + "' is for project '" + Names.normalize(name)
                    + "', not '" + packageName + "'");
        }
        Optional<String> versionProblem = checkVersion(filename, parts[1], version);
        if (versionProblem.isPresent()) {
            return versionProblem;
        }
        if (parts.length == 6 && (parts[2].isEmpty() || !Character.isDigit(parts[2].charAt(0)))) {
            return Optional.of("'" + filename + "' has a build tag '" + parts[2] + "' that does not start with a digit");
        }
        for (int i = parts.length - 3; i < parts.length; i++) {
            for (String tag : parts[i].split("\\.", -1)) {
                if (tag.isEmpty()) {
                    return Optional.of("'" + filename + "' has an empty compatibility tag in '" + parts[i] + "'");
                }
            }
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
            if (Names.isValid(name) && Names.normalize(name).equals(packageName)) {
                String v = stem.substring(dash + 1);
                if (Pep440.isValid(v) && (version.isEmpty() || Pep440.sameVersion(v, version.get()))) {
                    return Optional.empty();
                }
                if (Pep440.isValid(v)) {
                    return Optional.of("source distribution '" + filename + "' is version " + v
                            + ", but the package is version " + version.get());
                }
            }
        }
        return Optional.of("source distribution '" + filename + "' does not start with the project name '"
                + packageName + "' followed by '-' and a valid version");
    }

    private static Optional<String> checkVersion(String filename, String fileVersion, Optional<String> version) {
        if (!Pep440.isValid(fileVersion)) {
            return Optional.of("'" + filename + "' has an invalid version '" + fileVersion + "'");
        }
        if (version.isPresent() && !Pep440.sameVersion(fileVersion, version.get())) {
            return Optional.of("'" + filename + "' is version " + fileVersion + ", but the package is version "
                    + version.get());
        }
        return Optional.empty();
    }
}
