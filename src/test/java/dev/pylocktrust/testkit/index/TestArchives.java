package dev.pylocktrust.testkit.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real distribution archives for test indexes: a wheel ZIP with {@code .dist-info}, an sdist tar.gz with PKG-INFO. */
public final class TestArchives {
    private TestArchives() {}

    /**
     * An installable pure-Python wheel: {@code <dist>/__init__.py} and {@code <dist>-<version>.dist-info/} with
     * {@code METADATA}, {@code WHEEL} and a {@code RECORD} listing every member's sha256 and size (itself without),
     * as the wheel spec requires and pip checks.
     */
    public static byte[] wheel(String dist, String version, byte[] metadata) {
        String info = dist + "-" + version + ".dist-info/";
        Map<String, byte[]> members = new TreeMap<>();
        members.put(dist + "/__init__.py", ("__version__ = \"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
        members.put(info + "METADATA", metadata);
        members.put(info + "WHEEL", ("Wheel-Version: 1.0\nGenerator: pylock-trust-testkit\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        members.forEach((name, bytes) -> record.append(name).append(",sha256=").append(urlsafeSha256(bytes))
                .append(',').append(bytes.length).append('\n'));
        record.append(info).append("RECORD,,\n");
        members.put(info + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        return zip(members);
    }

    private static String urlsafeSha256(byte[] data) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ZIP with these members, in name order, deflated. */
    public static byte[] zip(Map<String, byte[]> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : members.keySet().stream().sorted().toList()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(members.get(name));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** An sdist: a gzip-compressed ustar archive of {@code <dist>-<version>/{PKG-INFO,setup.py}}. */
    public static byte[] sdist(String dist, String version, byte[] pkgInfo) {
        String top = dist + "-" + version + "/";
        return tarGz(Map.of(top + "setup.py", "from setuptools import setup\nsetup()\n"
                .getBytes(StandardCharsets.UTF_8), top + "PKG-INFO", pkgInfo));
    }

    /** A gzip-compressed ustar archive with these regular files, in name order. */
    public static byte[] tarGz(Map<String, byte[]> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (String name : members.keySet().stream().sorted().toList()) {
                byte[] data = members.get(name);
                gz.write(header(name, data.length));
                gz.write(data);
                gz.write(new byte[(512 - data.length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100) {
            throw new IllegalArgumentException("name too long for a plain ustar header: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 1_700_000_000L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
