package dev.pylocktrust.testkit.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TestIndex} from releases: deterministic file contents, wheel core metadata (Name, Version,
 * Requires-Python, Requires-Dist), and provenance for every file of a release with an identity, made by the given
 * {@link ProvenanceMinter} (fake JSON for index tests, the test Sigstore for end-to-end tests).
 */
public final class TestIndexBuilder {
    private static final Instant FIRST_UPLOAD = Instant.parse("2025-01-06T12:00:00Z");

    private final ProvenanceMinter minter;
    private final List<TestRelease> releases = new ArrayList<>();
    private boolean realArchives;
    private boolean providesExtra;
    private final java.util.Set<String> withoutCoreMetadata = new java.util.HashSet<>();
    private String sdistMetadataVersion = "2.2";
    private List<String> sdistDynamic = List.of();

    public TestIndexBuilder(ProvenanceMinter minter) {
        this.minter = minter;
    }

    public TestIndexBuilder add(TestRelease release) {
        releases.add(release);
        return this;
    }

    /**
     * Serve real archives: each wheel a ZIP with its {@code .dist-info/METADATA} (the same bytes as its PEP 658
     * metadata), each {@code .tar.gz} sdist a tar.gz with {@code <dist>-<version>/PKG-INFO}.
     */
    public TestIndexBuilder realArchives() {
        this.realArchives = true;
        return this;
    }

    /** Write {@code Provides-Extra} for every extra the requirements' markers name, as build backends do. */
    public TestIndexBuilder providesExtra() {
        this.providesExtra = true;
        return this;
    }

    /** These files get no PEP 658 metadata (readers must look inside the file). */
    public TestIndexBuilder withoutCoreMetadata(String... filenames) {
        withoutCoreMetadata.addAll(List.of(filenames));
        return this;
    }

    /** The Metadata-Version and Dynamic fields of the sdists' PKG-INFO (default 2.2, nothing dynamic). */
    public TestIndexBuilder sdistMetadata(String metadataVersion, String... dynamic) {
        this.sdistMetadataVersion = metadataVersion;
        this.sdistDynamic = List.of(dynamic);
        return this;
    }

    public TestIndexBuilder addAll(Collection<TestRelease> more) {
        releases.addAll(more);
        return this;
    }

    public TestIndex build() {
        Map<String, String> displayNames = new LinkedHashMap<>();
        Map<String, List<String>> versions = new LinkedHashMap<>();
        Map<String, List<TestFile>> files = new LinkedHashMap<>();
        int n = 0;
        for (TestRelease r : releases) {
            String name = normalize(r.project());
            displayNames.putIfAbsent(name, r.project());
            versions.computeIfAbsent(name, k -> new ArrayList<>()).add(r.version());
            List<String> filenames = r.filenames().isEmpty() ? defaultFilenames(r.project(), r.version()) : r.filenames();
            for (String filename : filenames) {
                byte[] content = content(filename);
                byte[] metadata = filename.endsWith(".whl") ? metadata(r) : null;
                if (realArchives) {
                    String dist = normalize(r.project()).replace('-', '_');
                    if (filename.endsWith(".whl")) {
                        content = TestArchives.wheel(dist, r.version(), metadata);
                    } else if (filename.endsWith(".tar.gz")) {
                        content = TestArchives.sdist(dist, r.version(), pkgInfo(r));
                    }
                }
                if (withoutCoreMetadata.contains(filename)) {
                    metadata = null;
                }
                String sha = sha256(content);
                byte[] provenance = r.identity().map(id -> minter.provenanceFor(filename, sha, id)).orElse(null);
                files.computeIfAbsent(name, k -> new ArrayList<>()).add(new TestFile(name, r.version(), filename,
                        content, sha, metadata, metadata == null ? null : sha256(metadata), provenance,
                        r.requiresPython(), r.yanked(), FIRST_UPLOAD.plus(Duration.ofMinutes(n++))));
            }
        }
        Map<String, TestProject> projects = new LinkedHashMap<>();
        for (String name : displayNames.keySet()) {
            projects.put(name, new TestProject(name, displayNames.get(name), versions.get(name), files.get(name)));
        }
        return new TestIndex(projects);
    }

    /** PEP 503 normalization (the test kit's own copy, so it depends on no production class). */
    public static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    /** {@code <dist>-<version>-py3-none-any.whl} and {@code <dist>-<version>.tar.gz}, dist = normalized with _. */
    public static List<String> defaultFilenames(String project, String version) {
        String dist = normalize(project).replace('-', '_');
        return List.of(dist + "-" + version + "-py3-none-any.whl", dist + "-" + version + ".tar.gz");
    }

    private static byte[] content(String filename) {
        return ("pylock-trust test distribution " + filename + "\n").repeat(16).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] pkgInfo(TestRelease r) {
        String wheelMetadata = new String(metadata(r), StandardCharsets.UTF_8)
                .replace("Metadata-Version: 2.1\n", "Metadata-Version: " + sdistMetadataVersion + "\n");
        StringBuilder dynamic = new StringBuilder();
        sdistDynamic.forEach(d -> dynamic.append("Dynamic: ").append(d).append('\n'));
        int headersEnd = wheelMetadata.indexOf("\n\n") + 1;
        return (wheelMetadata.substring(0, headersEnd) + dynamic + wheelMetadata.substring(headersEnd))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] metadata(TestRelease r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Metadata-Version: 2.1\n");
        sb.append("Name: ").append(r.project()).append('\n');
        sb.append("Version: ").append(r.version()).append('\n');
        r.requiresPython().ifPresent(p -> sb.append("Requires-Python: ").append(p).append('\n'));
        java.util.Set<String> extras = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("extra\\s*==\\s*[\"']([^\"']+)[\"']")
                .matcher(String.join("\n", r.dependencies()));
        while (providesExtra && m.find()) {
            extras.add(m.group(1));
        }
        extras.forEach(e -> sb.append("Provides-Extra: ").append(e).append('\n'));
        r.dependencies().forEach(d -> sb.append("Requires-Dist: ").append(d).append('\n'));
        sb.append('\n').append("Test project ").append(r.project()).append(".\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
