package dev.pylocktrust.resolve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one member of a ZIP archive (a wheel's {@code *.dist-info/METADATA}, a zip sdist's {@code PKG-INFO})
 * through random reads, so a remote file needs only three small range requests: the tail (end of central
 * directory), the central directory if it is not in the tail, and the member itself.
 *
 * <p>The archive is untrusted: every offset and size is checked against what was read, the central directory is
 * bounded in size and entries, stored and deflated members only, the inflated size is capped (no zip bombs) and the
 * CRC-32 is checked. ZIP64 archives (over 4 GiB or 65,535 entries) are read too.
 */
final class ZipMemberReader {
    static final int TAIL = 64 * 1024;
    static final int MAX_ENTRIES = 200_000;
    static final int MAX_CENTRAL_DIRECTORY = 64 << 20;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    /** Random access to the archive's bytes. */
    interface Source {
        /** The last {@code n} bytes (fewer if the file is shorter). */
        byte[] tail(int n);

        /** Up to {@code length} bytes at {@code offset} (fewer only where the file ends). */
        byte[] read(long offset, int length);
    }

    private record Entry(String name, int method, long crc, long compressedSize, long size, long localOffset) {}

    private ZipMemberReader() {}

    /** A source over bytes already in memory. */
    static Source of(byte[] whole) {
        return new Source() {
            @Override
            public byte[] tail(int n) {
                int len = Math.min(n, whole.length);
                return java.util.Arrays.copyOfRange(whole, whole.length - len, whole.length);
            }

            @Override
            public byte[] read(long offset, int length) {
                if (offset < 0 || offset > whole.length) {
                    throw new ArchiveFormatException("an offset points outside the archive");
                }
                int end = (int) Math.min(whole.length, offset + length);
                return java.util.Arrays.copyOfRange(whole, (int) offset, end);
            }
        };
    }

    /**
     * The contents of the one member whose name {@code wanted} accepts.
     *
     * @param what names the member in errors (e.g. "the .dist-info/METADATA file")
     * @throws ArchiveFormatException if the archive is malformed, the member is missing or ambiguous, or too large
     */
    static byte[] read(Source source, Predicate<String> wanted, String what, int maxSize) {
        byte[] tail = source.tail(TAIL);
        int eocd = findEocd(tail);
        long cdSize = u32(tail, eocd + 12);
        long cdOffset = u32(tail, eocd + 16);
        long entries = u16(tail, eocd + 10);
        long eocdAbsolute;
        if (cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL || entries == 0xFFFF) {
            int locator = eocd - 20;
            if (locator < 0 || i32(tail, locator) != ZIP64_LOCATOR) {
                throw new ArchiveFormatException("ZIP64 end of central directory locator missing");
            }
            long recordOffset = u64(tail, locator + 8);
            byte[] record = source.read(recordOffset, 56);
            if (record.length < 56 || i32(record, 0) != ZIP64_EOCD) {
                throw new ArchiveFormatException("ZIP64 end of central directory record missing");
            }
            entries = u64(record, 32);
            cdSize = u64(record, 40);
            cdOffset = u64(record, 48);
            eocdAbsolute = recordOffset + 12 + u64(record, 4) + 20;
        } else {
            eocdAbsolute = cdOffset + cdSize;
        }
        if (entries > MAX_ENTRIES || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset < 0 || cdSize < 0) {
            throw new ArchiveFormatException("central directory too large (" + entries + " entries, " + cdSize
                    + " bytes)");
        }
        long tailStart = eocdAbsolute - eocd;
        byte[] cd;
        if (cdOffset >= tailStart && cdOffset + cdSize <= tailStart + tail.length) {
            int from = (int) (cdOffset - tailStart);
            cd = java.util.Arrays.copyOfRange(tail, from, from + (int) cdSize);
        } else {
            cd = source.read(cdOffset, (int) cdSize);
            if (cd.length != cdSize) {
                throw new ArchiveFormatException("the central directory runs past the end of the file");
            }
        }
        Entry entry = find(cd, entries, wanted, what);
        if (entry.size() > maxSize || entry.compressedSize() > maxSize) {
            throw new ArchiveFormatException(what + " is " + Math.max(entry.size(), entry.compressedSize())
                    + " bytes, over the limit of " + maxSize);
        }
        byte[] local = source.read(entry.localOffset(), 30 + entry.name().length() * 4 + 1024
                + (int) entry.compressedSize());
        if (local.length < 30 || i32(local, 0) != LOCAL) {
            throw new ArchiveFormatException("local header of " + what + " missing");
        }
        long dataStart = 30L + u16(local, 26) + u16(local, 28);
        byte[] data;
        if (dataStart + entry.compressedSize() <= local.length) {
            data = java.util.Arrays.copyOfRange(local, (int) dataStart, (int) (dataStart + entry.compressedSize()));
        } else {
            data = source.read(entry.localOffset() + dataStart, (int) entry.compressedSize());
        }
        if (data.length != entry.compressedSize()) {
            throw new ArchiveFormatException(what + " is truncated");
        }
        byte[] out = entry.method() == 0 ? data : inflate(data, maxSize, what);
        if (out.length != entry.size()) {
            throw new ArchiveFormatException(what + " inflates to " + out.length + " bytes, not the " + entry.size()
                    + " the central directory says");
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != entry.crc()) {
            throw new ArchiveFormatException(what + " fails its CRC-32 check");
        }
        return out;
    }

    private static int findEocd(byte[] tail) {
        for (int i = tail.length - 22; i >= 0; i--) {
            if (i32(tail, i) == EOCD && i + 22 + u16(tail, i + 20) == tail.length) {
                return i;
            }
        }
        for (int i = tail.length - 22; i >= 0; i--) {
            if (i32(tail, i) == EOCD) {
                return i;
            }
        }
        throw new ArchiveFormatException("no end of central directory record: not a ZIP archive");
    }

    private static Entry find(byte[] cd, long count, Predicate<String> wanted, String what) {
        List<Entry> found = new ArrayList<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cd.length || i32(cd, p) != CENTRAL) {
                throw new ArchiveFormatException("central directory entry " + i + " is malformed");
            }
            int method = u16(cd, p + 10);
            long crc = u32(cd, p + 16);
            long compressed = u32(cd, p + 20);
            long size = u32(cd, p + 24);
            int nameLen = u16(cd, p + 28);
            int extraLen = u16(cd, p + 30);
            int commentLen = u16(cd, p + 32);
            long local = u32(cd, p + 42);
            if (p + 46 + nameLen + extraLen + commentLen > cd.length) {
                throw new ArchiveFormatException("central directory entry " + i + " runs past the directory");
            }
            String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
            int x = p + 46 + nameLen;
            int extraEnd = x + extraLen;
            while (x + 4 <= extraEnd) {
                int id = u16(cd, x);
                int len = u16(cd, x + 2);
                if (id == 1) {
                    int q = x + 4;
                    if (size == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        size = u64(cd, q);
                        q += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        compressed = u64(cd, q);
                        q += 8;
                    }
                    if (local == 0xFFFFFFFFL && q + 8 <= x + 4 + len) {
                        local = u64(cd, q);
                    }
                }
                x += 4 + len;
            }
            if (wanted.test(name)) {
                if (method != 0 && method != 8) {
                    throw new ArchiveFormatException(what + " uses compression method " + method
                            + " (only stored and deflated are read)");
                }
                found.add(new Entry(name, method, crc, compressed, size, local));
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
        if (found.isEmpty()) {
            throw new ArchiveFormatException(what + " is missing");
        }
        if (found.size() > 1) {
            throw new ArchiveFormatException("more than one " + what + " (" + found.get(0).name() + ", "
                    + found.get(1).name() + ")");
        }
        return found.get(0);
    }

    private static byte[] inflate(byte[] data, int maxSize, String what) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ArchiveFormatException(what + " is truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > maxSize) {
                    throw new ArchiveFormatException(what + " inflates to more than " + maxSize + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ArchiveFormatException(what + " is not valid deflate data");
        } finally {
            inflater.end();
        }
    }

    private static int u16(byte[] b, int i) {
        check(b, i, 2);
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int i) {
        return i32(b, i) & 0xFFFFFFFFL;
    }

    private static int i32(byte[] b, int i) {
        check(b, i, 4);
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static long u64(byte[] b, int i) {
        long v = u32(b, i) | u32(b, i + 4) << 32;
        if (v < 0) {
            throw new ArchiveFormatException("a ZIP64 size or offset is out of range");
        }
        return v;
    }

    private static void check(byte[] b, int i, int n) {
        if (i < 0 || i + n > b.length) {
            throw new ArchiveFormatException("a record runs past the data read");
        }
    }
}
