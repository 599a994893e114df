package dev.pylocktrust.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds pylock-trust's Python wheel, {@code pylock_trust-<version>-py3-none-any.whl}: the launcher package
 * ({@code src/main/python/pylock_trust/*.py}) and the shaded jar inside it, then the {@code .dist-info} directory
 * that PEP 427 and PEP 491 define (METADATA, WHEEL, entry_points.txt, and RECORD last, with every other file's
 * sha256 and size). Nothing else goes in.
 *
 * <p>Maven runs this file at {@code package}, after the shade plugin, as a single-file source program (JDK only, no
 * Python toolchain): {@code java WheelBuilder.java VERSION OUTPUT_TIMESTAMP SUMMARY JAR PYTHON_DIR OUT_DIR}. Every
 * entry carries the build's output timestamp and the entries come in a fixed order, so the wheel is as reproducible
 * as the jar.
 */
public final class WheelBuilder {
    /** The project name (METADATA {@code Name}, the console script). */
    static final String NAME = "pylock-trust";
    /** The name as wheel file names and {@code .dist-info} spell it (PEP 427: runs of {@code -_.} become {@code _}). */
    static final String DIST = "pylock_trust";
    /** The import package of the launcher, and the directory in PYTHON_DIR that holds it. */
    static final String PACKAGE = "pylock_trust";
    static final String JAR = "pylock-trust.jar";
    static final String CONSOLE_SCRIPT = NAME + " = " + PACKAGE + ".launcher:main";
    /** The PyPI project description, in PYTHON_DIR. */
    static final String DESCRIPTION = "pypi-readme.md";

    private static final Pattern MAVEN_VERSION = Pattern.compile("((?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))*)"
            + "(-SNAPSHOT)?");

    private WheelBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: java WheelBuilder.java VERSION OUTPUT_TIMESTAMP SUMMARY JAR PYTHON_DIR OUT_DIR");
            System.exit(2);
        }
        try {
            String version = pep440(args[0]);
            Path pythonDir = Path.of(args[4]);
            byte[] wheel = zip(entries(version, args[2].strip(), Files.readString(pythonDir.resolve(DESCRIPTION)),
                    packageFiles(pythonDir.resolve(PACKAGE), Path.of(args[3]))), outputTimestamp(args[1]));
            Path out = Files.createDirectories(Path.of(args[5]));
            try (Stream<Path> old = Files.list(out)) { // a wheel of another version, from an earlier build
                for (Path p : old.filter(p -> p.getFileName().toString().matches(DIST + "-.*\\.whl")).toList()) {
                    Files.delete(p);
                }
            }
            Files.write(out.resolve(fileName(version)), wheel);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The PEP 440 version of a Maven version: {@code 0.3.0} stays {@code 0.3.0}, {@code 0.3.0-SNAPSHOT} becomes the
     * development release {@code 0.3.0.dev0}. Other forms are refused rather than guessed at.
     */
    static String pep440(String mavenVersion) {
        Matcher m = MAVEN_VERSION.matcher(mavenVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot make a PEP 440 version of the Maven version '" + mavenVersion
                    + "': use numbers separated by dots, optionally followed by -SNAPSHOT"
                    + " (e.g. 0.3.0 or 0.3.0-SNAPSHOT)");
        }
        return m.group(2) == null ? m.group(1) : m.group(1) + ".dev0";
    }

    /** Maven's {@code project.build.outputTimestamp}: an ISO 8601 instant or seconds since the epoch. */
    static Instant outputTimestamp(String value) {
        try {
            return value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("project.build.outputTimestamp '" + value
                    + "' is neither an ISO 8601 instant (2025-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }

    static String fileName(String version) {
        return DIST + "-" + version + "-py3-none-any.whl";
    }

    /** One file of the wheel: its path inside the archive and its bytes. */
    record Entry(String path, byte[] content) {
        /** This file's RECORD line: path, urlsafe-base64 sha256 without padding, size. */
        String recordLine() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
                return path + ",sha256=" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + ","
                        + content.length;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The launcher package's files: its {@code .py} modules, sorted by name, then the jar. */
    static List<Entry> packageFiles(Path packageDir, Path jar) throws IOException {
        List<Entry> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(packageDir)) {
            for (Path p : listing.filter(p -> p.getFileName().toString().endsWith(".py")).sorted().toList()) {
                files.add(new Entry(PACKAGE + "/" + p.getFileName(), Files.readAllBytes(p)));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Python modules in " + packageDir);
        }
        files.add(new Entry(PACKAGE + "/" + JAR, Files.readAllBytes(jar)));
        return files;
    }

    /** Every entry of the wheel in archive order: the package files, then {@code .dist-info} with RECORD last. */
    static List<Entry> entries(String version, String summary, String description, List<Entry> packageFiles) {
        if (summary.isEmpty() || summary.contains("\n")) {
            throw new IllegalArgumentException("the summary must be one non-empty line, not '" + summary + "'");
        }
        String distInfo = DIST + "-" + version + ".dist-info/";
        List<Entry> entries = new ArrayList<>(packageFiles);
        entries.add(text(distInfo + "METADATA", "Metadata-Version: 2.1\n"
                + "Name: " + NAME + "\n"
                + "Version: " + version + "\n"
                + "Summary: " + summary + "\n"
                + "Requires-Python: >=3.8\n"
                + "Description-Content-Type: text/markdown\n"
                + "\n"
                + description));
        entries.add(text(distInfo + "WHEEL", "Wheel-Version: 1.0\n"
                + "Generator: pylock-trust (WheelBuilder)\n"
                + "Root-Is-Purelib: true\n"
                + "Tag: py3-none-any\n"));
        entries.add(text(distInfo + "entry_points.txt", "[console_scripts]\n" + CONSOLE_SCRIPT + "\n"));
        StringBuilder record = new StringBuilder();
        for (Entry e : entries) {
            record.append(e.recordLine()).append('\n');
        }
        record.append(distInfo).append("RECORD,,\n");
        entries.add(text(distInfo + "RECORD", record.toString()));
        return entries;
    }

    private static Entry text(String path, String content) {
        return new Entry(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The zip archive of {@code entries}, in their order, each dated {@code time} (as local date-time fields, so
     * the bytes do not depend on the build machine's time zone). The jar is stored (it is compressed already), the
     * rest deflated.
     */
    static byte[] zip(List<Entry> entries, Instant time) {
        LocalDateTime dosTime = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                ZipEntry z = new ZipEntry(e.path());
                z.setTimeLocal(dosTime);
                if (e.path().endsWith(".jar")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.content());
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.content().length);
                    z.setCompressedSize(e.content().length);
                    z.setCrc(crc.getValue());
                }
                zip.putNextEntry(z);
                zip.write(e.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
