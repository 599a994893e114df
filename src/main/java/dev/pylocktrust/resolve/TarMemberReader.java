package dev.pylocktrust.resolve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads one member of a gzip-compressed tar archive (an sdist's {@code <name>-<version>/PKG-INFO}) by streaming
 * through it: ustar headers, GNU long names ({@code L}) and pax path records ({@code x}). The archive is untrusted:
 * the member and long-name records are size-capped, and at most {@code maxScanned} bytes are decompressed before
 * giving up (a gzip bomb or a member buried after gigabytes of data ends the search).
 */
final class TarMemberReader {
    private static final int BLOCK = 512;
    private static final int MAX_NAME_RECORD = 64 * 1024;

    private TarMemberReader() {}

    /**
     * The contents of the first member whose path {@code wanted} accepts.
     *
     * @throws ArchiveFormatException naming what is wrong
     */
    static byte[] read(byte[] tarGz, Predicate<String> wanted, String what, int maxSize, long maxScanned) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz), 64 * 1024)) {
            Counting counted = new Counting(in, maxScanned);
            String longName = null;
            byte[] header = new byte[BLOCK];
            while (true) {
                if (!readFully(counted, header)) {
                    break;
                }
                if (isZero(header)) {
                    break;
                }
                long size = size(header);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (type == 'L' || type == 'x') {
                    if (size > MAX_NAME_RECORD) {
                        throw new ArchiveFormatException("a tar name record of " + size + " bytes");
                    }
                    byte[] data = new byte[(int) padded];
                    if (!readFully(counted, data)) {
                        throw new ArchiveFormatException("the tar archive is truncated");
                    }
                    String text = new String(data, 0, (int) size, StandardCharsets.UTF_8);
                    longName = type == 'L' ? text.replace("\0", "") : paxPath(text, longName);
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                boolean regular = type == '0' || type == '\0' || type == '7';
                if (regular && wanted.test(name)) {
                    if (size > maxSize) {
                        throw new ArchiveFormatException(what + " is " + size
                                + " bytes, over the limit of " + maxSize);
                    }
                    byte[] data = new byte[(int) size];
                    if (!readFully(counted, data)) {
                        throw new ArchiveFormatException(what + " is truncated");
                    }
                    return data;
                }
                counted.skipFully(padded);
            }
        } catch (IOException e) {
            throw new ArchiveFormatException("not a readable .tar.gz archive: " + e.getMessage());
        }
        throw new ArchiveFormatException(what + " is missing");
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        String magic = cString(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String paxPath(String records, String previous) {
        String path = previous;
        int i = 0;
        while (i < records.length()) {
            int space = records.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(records.substring(i, space));
            } catch (NumberFormatException e) {
                throw new ArchiveFormatException("a malformed pax record");
            }
            if (len <= 0 || i + len > records.length()) {
                throw new ArchiveFormatException("a malformed pax record");
            }
            String kv = records.substring(space + 1, i + len - 1);
            if (kv.startsWith("path=")) {
                path = kv.substring(5);
            }
            i += len;
        }
        return path;
    }

    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
                if (v < 0 || v > (1L << 40)) {
                    throw new ArchiveFormatException("a tar member size is out of range");
                }
            }
            return v;
        }
        String octal = cString(h, 124, 12).strip();
        if (octal.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new ArchiveFormatException("a tar header has a malformed size");
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                if (n == 0) {
                    return false;
                }
                throw new ArchiveFormatException("the tar archive is truncated");
            }
            n += r;
        }
        return true;
    }

    /** Counts decompressed bytes and stops past the limit. */
    private static final class Counting extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        Counting(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new ArchiveFormatException("more than " + limit
                            + " bytes decompressed without finding the member");
                }
            }
            return n;
        }

        void skipFully(long n) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    throw new ArchiveFormatException("the tar archive is truncated");
                }
                n -= r;
            }
        }
    }
}
