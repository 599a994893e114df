package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.testkit.index.TestArchives;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** ZIP and tar.gz member reading on untrusted archives. */
class ArchiveReadersTest {
    static final byte[] METADATA = "Metadata-Version: 2.1\nName: a\nVersion: 1.0\n\n".getBytes(StandardCharsets.UTF_8);

    static byte[] read(byte[] zip) {
        return ZipMemberReader.read(ZipMemberReader.of(zip), n -> n.matches("[^/]+\\.dist-info/METADATA"),
                "METADATA", 1 << 20);
    }

    @Test
    void readsTheMemberOfAWheel() {
        assertThat(read(TestArchives.wheel("a", "1.0", METADATA))).isEqualTo(METADATA);
    }

    @Test
    void readsThroughFewSmallReadsWhenTheArchiveIsLarge() {
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        byte[] zip = stored(Map.of("a/blob.bin", big, "a-1.0.dist-info/METADATA", METADATA));
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger bytes = new AtomicInteger();
        ZipMemberReader.Source whole = ZipMemberReader.of(zip);
        ZipMemberReader.Source counting = new ZipMemberReader.Source() {
            @Override
            public byte[] tail(int n) {
                reads.incrementAndGet();
                byte[] b = whole.tail(n);
                bytes.addAndGet(b.length);
                return b;
            }

            @Override
            public byte[] read(long offset, int length) {
                reads.incrementAndGet();
                byte[] b = whole.read(offset, length);
                bytes.addAndGet(b.length);
                return b;
            }
        };
        assertThat(ZipMemberReader.read(counting, n -> n.endsWith("/METADATA"), "METADATA", 1 << 20))
                .isEqualTo(METADATA);
        assertThat(reads.get()).isLessThanOrEqualTo(3);
        assertThat(bytes.get()).isLessThan(80 * 1024);
    }

    @Test
    void refusesWhatIsNotASingleGoodMember() {
        assertThatThrownBy(() -> read("not a zip at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessage("no end of central directory record: not a ZIP archive");
        assertThatThrownBy(() -> read(TestArchives.zip(Map.of("a/x.py", new byte[1]))))
                .hasMessage("METADATA is missing");
        assertThatThrownBy(() -> read(TestArchives.zip(Map.of("a-1.0.dist-info/METADATA", METADATA,
                "b-1.0.dist-info/METADATA", METADATA))))
                .hasMessage("more than one METADATA (a-1.0.dist-info/METADATA, b-1.0.dist-info/METADATA)");
        byte[] zip = TestArchives.wheel("a", "1.0", METADATA);
        byte[] corrupt = zip.clone();
        int at = indexOf(corrupt, "Metadata-Version".getBytes(StandardCharsets.UTF_8));
        if (at < 0) {
            // deflated: flip a byte inside the compressed data instead
            at = indexOf(corrupt, "a-1.0.dist-info/METADATA".getBytes(StandardCharsets.UTF_8)) + 30;
        }
        corrupt[at] ^= 0x5a;
        assertThatThrownBy(() -> read(corrupt)).isInstanceOf(ArchiveFormatException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(zip, zip.length - 30))).isInstanceOf(ArchiveFormatException.class);
    }

    @Test
    void inflationIsCapped() {
        byte[] zeros = new byte[4 << 20];
        byte[] bomb = TestArchives.zip(Map.of("a-1.0.dist-info/METADATA", zeros));
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> ZipMemberReader.read(ZipMemberReader.of(bomb), n -> n.endsWith("/METADATA"),
                "METADATA", 1 << 20)).hasMessage("METADATA is 4194304 bytes, over the limit of 1048576");
    }

    @Test
    void readsPkgInfoFromATarGz() {
        byte[] sdist = TestArchives.sdist("a", "1.0", METADATA);
        assertThat(TarMemberReader.read(sdist, n -> n.equals("a-1.0/PKG-INFO"), "PKG-INFO", 1 << 20, 1 << 30))
                .isEqualTo(METADATA);
        assertThatThrownBy(() -> TarMemberReader.read(sdist, n -> n.equals("b/PKG-INFO"), "PKG-INFO", 1 << 20,
                1 << 30)).isInstanceOf(ArchiveFormatException.class).hasMessage("PKG-INFO is missing");
        assertThatThrownBy(() -> TarMemberReader.read(new byte[] {1, 2, 3}, n -> true, "PKG-INFO", 1 << 20, 1 << 30))
                .isInstanceOf(ArchiveFormatException.class).hasMessageStartingWith("not a readable .tar.gz archive");
    }

    @Test
    void tarScanningIsCapped() {
        byte[] big = new byte[2 << 20];
        byte[] sdist = TestArchives.tarGz(Map.of("a-1.0/AAA.bin", big, "a-1.0/PKG-INFO", METADATA));
        assertThatThrownBy(() -> TarMemberReader.read(sdist, n -> n.endsWith("/PKG-INFO"), "PKG-INFO", 1 << 20,
                1 << 20)).hasMessage("more than 1048576 bytes decompressed without finding the member");
    }

    private static byte[] stored(Map<String, byte[]> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(members).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
