package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskCacheTest {
    static final String SHA = "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b";
    @TempDir
    Path dir;

    @Test
    void immutableEntriesRoundTripAndRespectTheCap() throws Exception {
        DiskCache c = new DiskCache(dir);
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 100)).isEmpty();
        c.write(DiskCache.Kind.PROVENANCE, SHA, "{\"version\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 100)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"version\": 1}"));
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 5)).isEmpty();
        assertThat(c.read(DiskCache.Kind.METADATA, SHA, 100)).isEmpty();
        assertThat(dir.resolve("v1/provenance/0a/" + SHA + ".json")).exists();
        // No temporary files are left behind.
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()).isEmpty();
        }
        c.delete(DiskCache.Kind.PROVENANCE, SHA);
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 100)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"../../../../etc/passwd", "0ACE7980F82C5815EDE4CD7BF9F6693684CEC2AE47B9B7ADE9ADD533B8627C6B", "abc"})
    void keysMustBeLowerCaseSha256(String key) throws Exception {
        DiskCache c = new DiskCache(dir);
        assertThatThrownBy(() -> c.read(DiskCache.Kind.METADATA, key, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesKeepTheirValidators() throws Exception {
        DiskCache c = new DiskCache(dir);
        byte[] body = "{\"files\": []}\n".getBytes(StandardCharsets.UTF_8);
        c.writePage("k", new DiskCache.CachedPage("https://h/simple/a/", "application/vnd.pypi.simple.v1+json",
                "\"abc\"", null, body));
        DiskCache.CachedPage p = c.readPage("k", 1000).orElseThrow();
        assertThat(List.of(p.url(), p.contentType(), p.etag())).containsExactly("https://h/simple/a/",
                "application/vnd.pypi.simple.v1+json", "\"abc\"");
        assertThat(p.lastModified()).isNull();
        assertThat(p.body()).isEqualTo(body);
        assertThat(c.readPage("k", 3)).isEmpty();
        assertThat(c.readPage("other", 1000)).isEmpty();
        c.deletePage("k");
        assertThat(c.readPage("k", 1000)).isEmpty();
    }

    @Test
    void aPageCutShortOrChangedOnDiskIsAMiss() throws Exception {
        DiskCache c = new DiskCache(dir);
        // An HTML page cut after its first anchor still parses, with fewer files: only the checksum tells.
        byte[] body = "<a href=\"a-1.0.tar.gz\">a</a>\n<a href=\"a-2.0.tar.gz\">a</a>\n"
                .getBytes(StandardCharsets.UTF_8);
        c.writePage("k", new DiskCache.CachedPage("https://h/simple/a/", "text/html", null, null, body));
        assertThat(c.readPage("k", 1000)).isPresent();
        Path file;
        try (Stream<Path> all = Files.walk(dir.resolve("v1/pages"))) {
            file = all.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 28));
        assertThat(c.readPage("k", 1000)).as("cut short").isEmpty();
        whole[whole.length - 3] ^= 1;
        Files.write(file, whole);
        assertThat(c.readPage("k", 1000)).as("one bit flipped").isEmpty();
    }

    @Test
    void writersRacingOnOneEntryLeaveAWholeOne() throws Exception {
        DiskCache c = new DiskCache(dir);
        byte[] a = ("{\"a\": \"" + "a".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] b = ("{\"b\": \"" + "b".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] bytes = i % 2 == 0 ? a : b;
                done.add(pool.submit(() -> c.write(DiskCache.Kind.PROVENANCE, SHA, bytes)));
                done.add(pool.submit(() -> c.read(DiskCache.Kind.PROVENANCE, SHA, 1 << 20).ifPresent(r ->
                        assertThat(r).satisfiesAnyOf(x -> assertThat(x).isEqualTo(a), x -> assertThat(x).isEqualTo(b)))));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 1 << 20).orElseThrow()).satisfiesAnyOf(
                x -> assertThat(x).isEqualTo(a), x -> assertThat(x).isEqualTo(b));
    }

    @Test
    void unwritableCacheOnlyCostsTime() throws Exception {
        DiskCache c = new DiskCache(dir);
        Files.writeString(dir.resolve("v1/provenance"), "a file where a directory should be");
        c.write(DiskCache.Kind.PROVENANCE, SHA, new byte[] {1});
        assertThat(c.read(DiskCache.Kind.PROVENANCE, SHA, 10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "Linux    | NONE         | NONE   | /home/u/.cache/pylock-trust",
        "Linux    | /xdg         | NONE   | /xdg/pylock-trust",
        "Linux    | relative/xdg | NONE   | /home/u/.cache/pylock-trust",
        "Mac OS X | /xdg         | NONE   | /home/u/Library/Caches/pylock-trust",
        "Linux    | /xdg         | /mine  | /mine",
    })
    void defaultCacheDirectory(String os, String xdg, String explicit, String expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (xdg != null) {
            env.put("XDG_CACHE_HOME", xdg);
        }
        if (explicit != null) {
            env.put("PYLOCK_TRUST_CACHE_DIR", explicit);
        }
        assertThat(CacheDirs.defaultDir(env, os, Path.of("/home/u"))).isEqualTo(Path.of(expected));
    }

    @Test
    void windowsCacheDirectoryAndNetrc() {
        assertThat(CacheDirs.defaultDir(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", Path.of("/home/u")))
                .isEqualTo(Path.of("/appdata/pylock-trust/Cache"));
        assertThat(CacheDirs.defaultNetrc(Map.of(), Path.of("/home/u"))).contains(Path.of("/home/u/.netrc"));
        assertThat(CacheDirs.defaultNetrc(Map.of("NETRC", "/etc/n"), Path.of("/home/u"))).contains(Path.of("/etc/n"));
    }

    @Test
    void progressLineIsThrottledAndCleared() {
        java.io.StringWriter out = new java.io.StringWriter();
        long[] now = {0};
        TerminalProgress p = new TerminalProgress(new java.io.PrintWriter(out), () -> now[0]);
        IndexStats s = new IndexStats(10, 2, 0, 1, 0);
        p.update("provenance", 1, 3, s);
        now[0] += 1_000_000; // 1 ms later: throttled
        p.update("provenance", 2, 3, s);
        p.update("provenance", 3, 3, s); // the last one always shows
        p.finish();
        String text = out.toString();
        assertThat(text).contains("\rprovenance 1/3 \u00b7 10 requests \u00b7 2 cached \u00b7 1 retries")
                .doesNotContain("2/3").contains("3/3").endsWith("\r");
    }
}
